package dev.agentflow.nodes.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentflow.core.error.NodeConfigInvalid;
import dev.agentflow.core.error.TemplateRenderFailed;
import dev.agentflow.core.json.Json;
import dev.agentflow.nodes.testing.TestRuntime;
import org.junit.jupiter.api.Test;

class TemplateNodeExecutorTest {

    private final TestRuntime runtime = TestRuntime.create();

    @Test
    void seedWeatherPrompt_shouldRenderThePreviousNodesJsonOutput() {
        String text = TransformTestSupport.run(runtime, "template",
                "{\"template\": \"请用中文总结以下天气数据：{{node_2.output.body}}\"}").path("text").asText();

        String prefix = "请用中文总结以下天气数据：";
        assertTrue(text.startsWith(prefix), text);
        assertEquals(Json.parse("{\"city\":\"Beijing\",\"temperature\":15,\"weather\":\"sunny\","
                + "\"forecast\":[{\"day\":\"Mon\",\"high\":18},{\"day\":\"Tue\",\"high\":21}]}"), Json.parse(text.substring(prefix.length())));
    }

    @Test
    void englishSample_shouldRenderInputsAndFields() {
        String text = TransformTestSupport.run(runtime, "template", "{\"template\": "
                + "\"Summarise this weather data for {{inputs.city}} in one sentence: {{node_2.output.body.weather}}, {{node_2.output.body.temperature}}°C\"}")
                .path("text").asText();

        assertEquals("Summarise this weather data for Beijing in one sentence: sunny, 15°C", text);
    }

    @Test
    void jinjaBlocks_shouldWork() {
        String text = TransformTestSupport.run(runtime, "template", "{\"template\": "
                + "\"{% for d in node_2.output.body.forecast %}{{ d.day }}={{ d.high }};{% endfor %} {{ node_2.output.data[0] | default('') }}\"}")
                .path("text").asText();

        assertTrue(text.startsWith("Mon=18;Tue=21;"), text);
    }

    @Test
    void unknownReference_shouldFailWithTemplateRenderError() {
        TemplateRenderFailed e = assertThrows(TemplateRenderFailed.class,
                () -> TransformTestSupport.run(runtime, "template", "{\"template\": \"{{node_2.output.body.pressure}}\"}"));

        assertTrue(e.getMessage().contains("node_2.output.body.pressure"), e.getMessage());
        assertEquals("TEMPLATE_RENDER_ERROR", runtime.store().findNode("exec_t", "node_5").orElseThrow().error().code());
    }

    @Test
    void missingTemplate_shouldBeNodeConfigInvalid() {
        assertThrows(NodeConfigInvalid.class, () -> TransformTestSupport.run(runtime, "template", "{}"));
    }
}
