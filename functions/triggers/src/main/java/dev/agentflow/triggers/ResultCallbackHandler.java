package dev.agentflow.triggers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.agentflow.core.json.Json;
import dev.agentflow.triggers.callback.ResultCallbackService;
import java.util.Map;

/**
 * Lambda target of the EventBridge rule on "Step Functions Execution Status Change" events that end executions
 * (template.yaml {@code ResultCallbackFunction}): delivers the workflow's result callback. Returns the outcome's
 * name; a record the status function has not ended yet is thrown back so the event is retried.
 */
public final class ResultCallbackHandler implements RequestHandler<Map<String, Object>, String> {

    private final ResultCallbackService service;

    /** Lambda's constructor: configuration from the environment, real AWS clients. */
    public ResultCallbackHandler() {
        this(TriggersWiring.fromEnvironment(System.getenv()).callbacks());
    }

    /** @param service the callback logic */
    public ResultCallbackHandler(ResultCallbackService service) {
        this.service = service;
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        try {
            return service.apply(Json.MAPPER.valueToTree(event)).name();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while delivering a result callback", e);
        }
    }
}
