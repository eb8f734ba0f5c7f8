package dev.agentflow.triggers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.agentflow.core.json.Json;
import dev.agentflow.triggers.schedule.ScheduleTriggerService;
import java.util.Map;

/**
 * Lambda target of the workflows' EventBridge Scheduler schedules: the event is the schedule's Input
 * ({@code {"workflowId", "trigger", "fingerprint", "scheduledTime"}}). Returns the outcome's name; AWS failures are
 * thrown so Scheduler retries (its retry policy).
 */
public final class ScheduleTriggerHandler implements RequestHandler<Map<String, Object>, String> {

    private final ScheduleTriggerService service;

    /** Lambda's constructor: configuration from the environment, real AWS clients. */
    public ScheduleTriggerHandler() {
        this(TriggersWiring.fromEnvironment(System.getenv()).schedules());
    }

    /** @param service the schedule logic */
    public ScheduleTriggerHandler(ScheduleTriggerService service) {
        this.service = service;
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return service.fire(Json.MAPPER.valueToTree(event)).name();
    }
}
