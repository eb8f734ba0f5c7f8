package dev.agentflow.nodes.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.core.json.Json;
import dev.agentflow.nodes.TransformNodeHandler;
import dev.agentflow.nodes.testing.Tasks;
import dev.agentflow.nodes.testing.TestRuntime;
import org.junit.jupiter.api.Test;

class EndNodeExecutorTest {

    private final TestRuntime runtime = TestRuntime.create();

    @Test
    void outputs_shouldRenderAndKeepTypes() {
        JsonNode output = TransformTestSupport.run(runtime, "end", """
                {"outputs": {"result": "{{node_3.output.text}}", "temperature": "{{node_2.output.body.temperature}}",
                             "line": "{{inputs.city}}: {{node_3.output.text}}"}}""");

        assertEquals(Json.parse("{\"result\": \"北京今天晴。\", \"temperature\": 15, \"line\": \"Beijing: 北京今天晴。\"}"), output);
    }

    @Test
    void outputs_referencingSkippedFailedOrUnreachedNodes_shouldBeNull() {
        JsonNode output = TransformTestSupport.run(runtime, "end", """
                {"outputs": {"skipped": "{{node_9.output.text}}", "failed": "{{node_8.output.body}}",
                             "unreached": "Alert: {{node_7.output.text}}", "ok": "{{node_3.output.text}}"}}""");

        assertTrue(output.path("skipped").isNull());
        assertTrue(output.path("failed").isNull());
        assertTrue(output.path("unreached").isNull());
        assertEquals("北京今天晴。", output.path("ok").asText());
    }

    @Test
    void noOutputs_withPredecessors_shouldCollectTheCompletedOnes() {
        JsonNode output = Tasks.json(runtime.runner().run(Tasks.task("exec_t", null,
                "{\"id\":\"node_10\",\"type\":\"end\",\"config\":{},\"predecessors\":[\"node_3\",\"node_9\"]}",
                TransformTestSupport.WEATHER_STATE), TransformNodeHandler.executors(), null)).path("output");

        assertEquals(Json.parse("{\"node_3\": {\"text\": \"北京今天晴。\"}}"), output);
    }

    @Test
    void noOutputs_withoutPredecessors_shouldBeEmpty() {
        assertEquals(Json.object(), TransformTestSupport.run(runtime, "end", "{}"));
    }
}
