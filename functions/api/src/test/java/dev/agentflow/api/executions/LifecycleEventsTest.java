package dev.agentflow.api.executions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentflow.api.testing.ApiFixture;
import dev.agentflow.core.json.Json;
import dev.agentflow.shared.events.DynamoDbEventLog;
import dev.agentflow.shared.events.ExecutionEvent;
import dev.agentflow.shared.testing.DynamoDbLocal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** execution:started / completed / cancelled are stored once, in order (issue 6). */
class LifecycleEventsTest {

    private final ApiFixture f = new ApiFixture();
    private final Clock clock = Clock.systemUTC();
    private final DynamoDbEventLog log = new DynamoDbEventLog(DynamoDbLocal.client(), f.tables.get("ExecutionsTable"),
            clock, Duration.ofDays(1));
    private final ExecutionService service = new ExecutionService(f.workflows, f.executions, f.nodes, f.sfn, clock, log);
    private final ExecutionCompleter completer = new ExecutionCompleter(f.executions, f.nodes, f.sfn, clock, log);

    private String workflow() {
        return f.call("POST", "/api/v1/workflows", "alice", ApiFixture.sampleWorkflow("weather-summary.json"))
                .data().path("id").asText();
    }

    private static com.fasterxml.jackson.databind.JsonNode statusEvent(String executionId, String status, String output) {
        return Json.object().set("detail", Json.object().put("name", executionId).put("status", status)
                .put("executionArn", "arn:aws:states:us-east-1:000000000000:execution:agentflow-x:" + executionId)
                .put("stopDate", System.currentTimeMillis()).put("output", output));
    }

    private List<String> types(String executionId) {
        return log.eventsAfter(executionId, 0).stream().map(ExecutionEvent::type).toList();
    }

    @Test
    void execute_thenDuplicateCompletionEvents_shouldStoreStartedThenCompletedOnce() {
        String exec = service.execute("alice", workflow(), Json.object().put("city", "Oslo"), null, "manual").executionId();
        assertEquals(List.of("execution:started"), types(exec));

        String output = "{\"outputs\": {\"result\": \"sunny\"}, \"nodes\": {}}";
        completer.apply(statusEvent(exec, "SUCCEEDED", output));
        completer.apply(statusEvent(exec, "SUCCEEDED", output));

        assertEquals(List.of("execution:started", "execution:completed"), types(exec));
        ExecutionEvent completed = log.eventsAfter(exec, 1).get(0);
        assertEquals("sunny", completed.payload().outputs().path("result").asText());
        assertEquals("completed", completed.payload().status());
    }

    @Test
    void cancel_shouldStoreCancelledOnce_andTheAbortedEventNothingMore() {
        String exec = service.execute("alice", workflow(), Json.object(), null, "manual").executionId();

        service.cancel("alice", exec);
        completer.apply(statusEvent(exec, "ABORTED", null));

        assertEquals(List.of("execution:started", "execution:cancelled"), types(exec));
    }

    @Test
    void failed_shouldCarryTheErrorCode() {
        String exec = service.execute("alice", workflow(), Json.object(), null, "manual").executionId();
        completer.apply(Json.object().set("detail", Json.object().put("name", exec).put("status", "FAILED")
                .put("error", "dev.agentflow.core.error.HttpRequestFailed").put("cause", "{\"errorMessage\": \"HTTP 503\"}")));

        ExecutionEvent failed = log.eventsAfter(exec, 1).get(0);
        assertEquals("execution:failed", failed.type());
        assertEquals("failed", failed.payload().status());
    }
}
