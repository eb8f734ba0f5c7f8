package dev.agentflow.nodes.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.core.error.NodeConfigInvalid;
import dev.agentflow.core.json.Json;
import dev.agentflow.nodes.testing.TestRuntime;
import org.junit.jupiter.api.Test;

class VariableNodeExecutorTest {

    private final TestRuntime runtime = TestRuntime.create();

    @Test
    void nameAndValue_shouldOutputTheRenderedValue() {
        JsonNode output = TransformTestSupport.run(runtime, "variable",
                "{\"name\": \"greeting\", \"value\": \"Hello {{inputs.city}}\"}");

        assertEquals(Json.parse("{\"greeting\": \"Hello Beijing\"}"), output);
    }

    @Test
    void variables_shouldKeepTheJsonTypeOfLoneReferences() {
        JsonNode output = TransformTestSupport.run(runtime, "variable", """
                {"variables": {"temp": "{{node_2.output.body.temperature}}", "forecast": "{{node_2.output.body.forecast}}",
                               "literal": 42, "flag": true, "nested": {"city": "{{inputs.city}}"}}}""");

        assertTrue(output.path("temp").isNumber());
        assertEquals(15, output.path("temp").asInt());
        assertTrue(output.path("forecast").isArray());
        assertEquals(42, output.path("literal").asInt());
        assertTrue(output.path("flag").asBoolean());
        assertEquals("Beijing", output.path("nested").path("city").asText());
    }

    @Test
    void bothForms_shouldMerge() {
        JsonNode output = TransformTestSupport.run(runtime, "variable",
                "{\"variables\": {\"a\": 1}, \"name\": \"b\", \"value\": \"{{inputs.threshold}}\"}");

        assertEquals(Json.parse("{\"a\": 1, \"b\": 30}"), output);
    }

    @Test
    void nothingToSet_shouldBeNodeConfigInvalid() {
        assertThrows(NodeConfigInvalid.class, () -> TransformTestSupport.run(runtime, "variable", "{}"));
        assertThrows(NodeConfigInvalid.class, () -> TransformTestSupport.run(runtime, "variable", "{\"value\": 1}"));
    }
}
