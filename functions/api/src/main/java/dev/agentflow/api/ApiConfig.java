package dev.agentflow.api;

import dev.agentflow.core.model.NodeFunctions;
import dev.agentflow.shared.config.AppConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The api and status functions' configuration, read once from the environment at the edge (template.yaml
 * sets every variable). Holds no secret.
 *
 * @param app                 the shared configuration (region, endpoint, executions and api-keys tables, KMS key, retention)
 * @param workflowsTable      {@code WORKFLOWS_TABLE}
 * @param executionRecordsTable {@code EXECUTION_RECORDS_TABLE}
 * @param stateMachineRoleArn {@code STATE_MACHINE_ROLE_ARN}: the role every workflow state machine runs as
 * @param stateMachinePrefix  {@code STATE_MACHINE_NAME_PREFIX} (default {@code agentflow}): names are {@code <prefix>-<workflowId>}
 * @param functionArns        placeholder ({@code NodeLlmFunctionArn} …) → ARN, from {@code NODE_LLM_FUNCTION_ARN},
 *                            {@code NODE_HTTP_FUNCTION_ARN}, {@code NODE_TRANSFORM_FUNCTION_ARN}
 * @param maxBodyBytes        {@code API_MAX_BODY_BYTES} (default 262144): larger bodies are 400 VALIDATION_ERROR
 */
public record ApiConfig(AppConfig app, String workflowsTable, String executionRecordsTable, String stateMachineRoleArn,
                        String stateMachinePrefix, Map<String, String> functionArns, int maxBodyBytes) {

    public static final String WORKFLOWS_TABLE = "WORKFLOWS_TABLE";
    public static final String EXECUTION_RECORDS_TABLE = "EXECUTION_RECORDS_TABLE";
    public static final String STATE_MACHINE_ROLE_ARN = "STATE_MACHINE_ROLE_ARN";
    public static final String STATE_MACHINE_NAME_PREFIX = "STATE_MACHINE_NAME_PREFIX";
    public static final String API_MAX_BODY_BYTES = "API_MAX_BODY_BYTES";
    /** Environment variable per ASL placeholder. */
    public static final Map<String, String> FUNCTION_ARN_VARIABLES = Map.of(
            NodeFunctions.LLM, "NODE_LLM_FUNCTION_ARN",
            NodeFunctions.HTTP, "NODE_HTTP_FUNCTION_ARN",
            NodeFunctions.TRANSFORM, "NODE_TRANSFORM_FUNCTION_ARN");
    /** Default largest body: 256 KiB, the Step Functions input limit. */
    public static final int DEFAULT_MAX_BODY_BYTES = 262_144;

    public ApiConfig {
        functionArns = Map.copyOf(functionArns);
    }

    /**
     * Reads the configuration.
     *
     * @throws IllegalStateException naming a required variable that is missing
     * @throws IllegalArgumentException naming a malformed variable
     */
    public static ApiConfig fromEnvironment(Map<String, String> env) {
        AppConfig app = AppConfig.fromEnvironment(env);
        Map<String, String> arns = new LinkedHashMap<>();
        FUNCTION_ARN_VARIABLES.forEach((placeholder, variable) -> {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                arns.put(placeholder, value.trim());
            }
        });
        String prefix = env.getOrDefault(STATE_MACHINE_NAME_PREFIX, "agentflow");
        int maxBody = DEFAULT_MAX_BODY_BYTES;
        String maxText = env.get(API_MAX_BODY_BYTES);
        if (maxText != null && !maxText.isBlank()) {
            try {
                maxBody = Integer.parseInt(maxText.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(API_MAX_BODY_BYTES + " must be a whole number, got: " + maxText, e);
            }
        }
        return new ApiConfig(app, require(env, WORKFLOWS_TABLE), require(env, EXECUTION_RECORDS_TABLE),
                env.get(STATE_MACHINE_ROLE_ARN), prefix.isBlank() ? "agentflow" : prefix.trim(), arns, maxBody);
    }

    private static String require(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Environment variable " + name + " is not set");
        }
        return value.trim();
    }
}
