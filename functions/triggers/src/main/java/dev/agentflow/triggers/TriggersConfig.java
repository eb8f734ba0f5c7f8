package dev.agentflow.triggers;

import dev.agentflow.shared.config.AppConfig;
import java.time.Duration;
import java.util.Map;

/**
 * The trigger functions' configuration, read once from the environment at the edge (template.yaml's issue 8 block
 * sets every variable). Holds no secret: the signing master key is read from Secrets Manager by id.
 *
 * @param app                   shared configuration (region, endpoint, executions table, retention)
 * @param workflowsTable        {@code WORKFLOWS_TABLE}
 * @param executionRecordsTable {@code EXECUTION_RECORDS_TABLE}
 * @param signingSecretId       {@code WEBHOOK_SIGNING_SECRET_ID}: the Secrets Manager secret of the signing master key
 * @param webhookMaxBodyBytes   {@code WEBHOOK_MAX_BODY_BYTES} (default 262144, the Step Functions input limit)
 * @param callbackNetworks      {@code CALLBACK_ALLOWED_NETWORKS}: CIDRs callbacks may reach despite the SSRF guard
 *                              (the local cloud passes 127.0.0.0/8; empty in the cloud)
 * @param callbackAttempts      {@code CALLBACK_MAX_ATTEMPTS} (default 5)
 * @param callbackBaseDelay     {@code CALLBACK_BASE_DELAY_MS} (default 1000): first retry delay, doubled each time
 * @param callbackTimeout       {@code CALLBACK_TIMEOUT_MS} (default 10000): one attempt's limit
 */
public record TriggersConfig(AppConfig app, String workflowsTable, String executionRecordsTable, String signingSecretId,
                             int webhookMaxBodyBytes, String callbackNetworks, int callbackAttempts,
                             Duration callbackBaseDelay, Duration callbackTimeout) {

    public static final String WORKFLOWS_TABLE = "WORKFLOWS_TABLE";
    public static final String EXECUTION_RECORDS_TABLE = "EXECUTION_RECORDS_TABLE";
    public static final String WEBHOOK_SIGNING_SECRET_ID = "WEBHOOK_SIGNING_SECRET_ID";
    public static final String WEBHOOK_MAX_BODY_BYTES = "WEBHOOK_MAX_BODY_BYTES";
    public static final String CALLBACK_ALLOWED_NETWORKS = "CALLBACK_ALLOWED_NETWORKS";
    public static final String CALLBACK_MAX_ATTEMPTS = "CALLBACK_MAX_ATTEMPTS";
    public static final String CALLBACK_BASE_DELAY_MS = "CALLBACK_BASE_DELAY_MS";
    public static final String CALLBACK_TIMEOUT_MS = "CALLBACK_TIMEOUT_MS";

    /**
     * Reads the configuration.
     *
     * @throws IllegalStateException naming a missing required variable
     * @throws IllegalArgumentException naming a malformed one
     */
    public static TriggersConfig fromEnvironment(Map<String, String> env) {
        return new TriggersConfig(AppConfig.fromEnvironment(env), require(env, WORKFLOWS_TABLE),
                require(env, EXECUTION_RECORDS_TABLE), blankToNull(env.get(WEBHOOK_SIGNING_SECRET_ID)),
                number(env, WEBHOOK_MAX_BODY_BYTES, 262_144), blankToNull(env.get(CALLBACK_ALLOWED_NETWORKS)),
                number(env, CALLBACK_MAX_ATTEMPTS, 5), Duration.ofMillis(number(env, CALLBACK_BASE_DELAY_MS, 1000)),
                Duration.ofMillis(number(env, CALLBACK_TIMEOUT_MS, 10_000)));
    }

    /** @throws IllegalStateException when {@code WEBHOOK_SIGNING_SECRET_ID} is not set */
    public String requireSigningSecretId() {
        if (signingSecretId == null) {
            throw new IllegalStateException("Environment variable " + WEBHOOK_SIGNING_SECRET_ID + " is not set");
        }
        return signingSecretId;
    }

    private static String require(Map<String, String> env, String name) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            throw new IllegalStateException("Environment variable " + name + " is not set");
        }
        return value;
    }

    private static int number(Map<String, String> env, String name, int fallback) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < 1) {
                throw new NumberFormatException("not positive");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a positive whole number, got: " + value, e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
