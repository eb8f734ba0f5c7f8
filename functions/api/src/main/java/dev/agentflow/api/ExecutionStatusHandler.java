package dev.agentflow.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.agentflow.api.executions.ExecutionCompleter;
import dev.agentflow.core.json.Json;
import dev.agentflow.shared.log.JsonLog;
import java.util.Map;

/**
 * Lambda target of the EventBridge rule on "Step Functions Execution Status Change" events (template.yaml
 * {@code ExecutionStatusFunction}): completes the execution record exactly once. Returns the outcome
 * name (COMPLETED, ALREADY_COMPLETED, STARTED, IGNORED); AWS failures are thrown so EventBridge retries.
 */
public final class ExecutionStatusHandler implements RequestHandler<Map<String, Object>, String> {

    private final ExecutionCompleter completer;
    private final JsonLog log;

    /** Lambda's constructor: configuration from the environment, real AWS clients. */
    public ExecutionStatusHandler() {
        this(Components.fromConfig(ApiConfig.fromEnvironment(System.getenv()), System.getenv()).completer(), JsonLog.stdout());
    }

    /**
     * @param completer the status logic
     * @param log       structured log
     */
    public ExecutionStatusHandler(ExecutionCompleter completer, JsonLog log) {
        this.completer = completer;
        this.log = log;
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        var json = Json.MAPPER.valueToTree(event);
        ExecutionCompleter.Outcome outcome = completer.apply(json);
        log.info("execution status event", Map.of(
                "executionId", json.path("detail").path("name").asText(""),
                "status", json.path("detail").path("status").asText(""),
                "outcome", outcome.name()));
        return outcome.name();
    }
}
