package dev.agentflow.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentflow.api.testing.ApiFixture;
import dev.agentflow.core.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutionStatusHandlerTest {

    private final ApiFixture f = new ApiFixture();

    private String[] started() {
        String wf = f.call("POST", "/api/v1/workflows", "alice", ApiFixture.sampleWorkflow("weather-summary.json")).data().path("id").asText();
        String exec = f.call("POST", "/api/v1/workflows/" + wf + "/execute", "alice", "{}").data().path("executionId").asText();
        return new String[] {wf, exec};
    }

    @Test
    void sameEventDeliveredTwice_completesOnce_andCountsOneRun() {
        String[] ids = started();
        var output = Json.parse("{\"outputs\":{\"result\":\"ok\"},\"nodes\":{}}");

        assertEquals("COMPLETED", f.statusEvent(ids[1], "SUCCEEDED", output, null, null));
        var afterFirst = f.snapshot();
        assertEquals("ALREADY_COMPLETED", f.statusEvent(ids[1], "SUCCEEDED", output, null, null));
        assertEquals("ALREADY_COMPLETED", f.statusEvent(ids[1], "FAILED", null, "x", "y"));

        assertEquals(afterFirst, f.snapshot());
        assertEquals(1, f.workflows.find(ids[0]).orElseThrow().runCount());
        assertEquals("completed", f.call("GET", "/api/v1/executions/" + ids[1], "alice", null).data().path("status").asText());
    }

    @Test
    void timedOut_endsTimedOutWithTimeoutCode() {
        String[] ids = started();
        assertEquals("COMPLETED", f.statusEvent(ids[1], "TIMED_OUT", null, "States.Timeout", null));
        var d = f.call("GET", "/api/v1/executions/" + ids[1], "alice", null).data();
        assertEquals("timed_out", d.path("status").asText());
        assertEquals("TIMEOUT", d.path("errorCode").asText());
    }

    @Test
    void outputLeftOutOfTheEvent_isReadWithDescribeExecution() {
        String[] ids = started();
        String arn = "arn:aws:states:us-east-1:000000000000:execution:agentflow-x:" + ids[1];
        f.sfn.states.put(arn, new dev.agentflow.shared.sfn.StateMachines.ExecutionState("SUCCEEDED",
                "{\"outputs\":{\"big\":true},\"nodes\":{}}", null, null));
        f.statusEvent(ids[1], "SUCCEEDED", null, null, null);
        assertEquals(true, f.call("GET", "/api/v1/executions/" + ids[1], "alice", null).data().path("outputs").path("big").asBoolean());
    }

    @Test
    void unknownExecutionOrStatus_isIgnored_andChangesNothing() {
        started();
        var before = f.snapshot();
        assertEquals("IGNORED", f.statusEvent("exec_unknown", "SUCCEEDED", null, null, null));
        assertEquals("IGNORED", f.status.handleRequest(Map.of("detail", Map.of("status", "SUCCEEDED")), null));
        assertEquals(before, f.snapshot());
    }
}
