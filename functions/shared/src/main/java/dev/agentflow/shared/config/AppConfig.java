package dev.agentflow.shared.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The functions' configuration, read once from the environment at the edge (a handler's no-argument
 * constructor) and passed down, so tests build it from their own map and no class below the handler
 * reads {@code System.getenv}.
 *
 * <p>Variables (template.yaml sets them with {@code !Ref}; the local cloud with its own values):
 * {@code AWS_REGION}, {@code AWS_ENDPOINT_URL} (optional: every AWS client goes there instead of the
 * public endpoint, e.g. the local cloud), {@code EXECUTIONS_TABLE}, {@code API_KEYS_TABLE},
 * {@code API_KEYS_KMS_KEY_ID}, {@code PLATFORM_LLM_SECRET_ID}, {@code OUTPUT_INLINE_MAX_BYTES},
 * {@code STATE_INLINE_BUDGET_BYTES}, {@code EXECUTION_RETENTION_DAYS}. Holds no secret values.
 *
 * @param region                 AWS region, from {@code AWS_REGION} (then {@code AWS_DEFAULT_REGION}, else us-east-1)
 * @param endpointOverride       endpoint for every AWS client, or null for the public endpoints
 * @param executionsTable        executions table name (node records, events, large outputs), or null
 * @param apiKeysTable           api-keys table name, or null (only the API and the LLM node use it)
 * @param apiKeysKmsKeyId        KMS key id / ARN / alias that encrypts users' API keys, or null
 * @param platformLlmSecretId    Secrets Manager secret holding the platform LLM key, or null
 * @param outputInlineMaxBytes   largest serialized node output carried in the state; larger ones are stored aside
 * @param stateInlineBudgetBytes largest state (all outputs so far plus the new one) before the new output is stored aside
 * @param retention              how long execution records, events and stored outputs live (DynamoDB TTL)
 */
public record AppConfig(
        String region,
        URI endpointOverride,
        String executionsTable,
        String apiKeysTable,
        String apiKeysKmsKeyId,
        String platformLlmSecretId,
        int outputInlineMaxBytes,
        int stateInlineBudgetBytes,
        Duration retention) {

    public static final String AWS_REGION = "AWS_REGION";
    public static final String AWS_ENDPOINT_URL = "AWS_ENDPOINT_URL";
    public static final String EXECUTIONS_TABLE = "EXECUTIONS_TABLE";
    public static final String API_KEYS_TABLE = "API_KEYS_TABLE";
    public static final String API_KEYS_KMS_KEY_ID = "API_KEYS_KMS_KEY_ID";
    public static final String PLATFORM_LLM_SECRET_ID = "PLATFORM_LLM_SECRET_ID";
    public static final String OUTPUT_INLINE_MAX_BYTES = "OUTPUT_INLINE_MAX_BYTES";
    public static final String STATE_INLINE_BUDGET_BYTES = "STATE_INLINE_BUDGET_BYTES";
    public static final String EXECUTION_RETENTION_DAYS = "EXECUTION_RETENTION_DAYS";

    /** Default inline limit per output: ~200 KB, under Step Functions' 256 KiB state limit. */
    public static final int DEFAULT_OUTPUT_INLINE_MAX_BYTES = 200_000;
    /** Default budget for the whole state including the new output. */
    public static final int DEFAULT_STATE_INLINE_BUDGET_BYTES = 200_000;
    /** Default retention of execution records. */
    public static final int DEFAULT_RETENTION_DAYS = 90;

    /**
     * Reads the configuration from an environment map.
     *
     * @throws IllegalArgumentException when a number or URL variable is malformed (names the variable)
     */
    public static AppConfig fromEnvironment(Map<String, String> env) {
        String region = firstNonBlank(env.get(AWS_REGION), env.get("AWS_DEFAULT_REGION"), "us-east-1");
        return new AppConfig(
                region,
                uri(env, AWS_ENDPOINT_URL),
                blankToNull(env.get(EXECUTIONS_TABLE)),
                blankToNull(env.get(API_KEYS_TABLE)),
                blankToNull(env.get(API_KEYS_KMS_KEY_ID)),
                blankToNull(env.get(PLATFORM_LLM_SECRET_ID)),
                positiveInt(env, OUTPUT_INLINE_MAX_BYTES, DEFAULT_OUTPUT_INLINE_MAX_BYTES),
                positiveInt(env, STATE_INLINE_BUDGET_BYTES, DEFAULT_STATE_INLINE_BUDGET_BYTES),
                Duration.ofDays(positiveInt(env, EXECUTION_RETENTION_DAYS, DEFAULT_RETENTION_DAYS)));
    }

    /** The endpoint override, when one is configured. */
    public Optional<URI> endpoint() {
        return Optional.ofNullable(endpointOverride);
    }

    /** @throws IllegalStateException naming {@code EXECUTIONS_TABLE} when it is not set */
    public String requireExecutionsTable() {
        return require(executionsTable, EXECUTIONS_TABLE);
    }

    /** @throws IllegalStateException naming {@code API_KEYS_TABLE} when it is not set */
    public String requireApiKeysTable() {
        return require(apiKeysTable, API_KEYS_TABLE);
    }

    /** @throws IllegalStateException naming {@code API_KEYS_KMS_KEY_ID} when it is not set */
    public String requireApiKeysKmsKeyId() {
        return require(apiKeysKmsKeyId, API_KEYS_KMS_KEY_ID);
    }

    private static String require(String value, String name) {
        if (value == null) {
            throw new IllegalStateException("Environment variable " + name + " is not set");
        }
        return value;
    }

    private static URI uri(Map<String, String> env, String name) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return null;
        }
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("not an absolute URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not a valid URL: " + value, e);
        }
    }

    private static int positiveInt(Map<String, String> env, String name, int defaultValue) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed <= 0) {
                throw new NumberFormatException("not positive");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a positive whole number, got: " + value, e);
        }
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
