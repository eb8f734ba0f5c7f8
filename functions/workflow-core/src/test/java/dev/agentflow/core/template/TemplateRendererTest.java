package dev.agentflow.core.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.core.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateRendererTest {

    private final TemplateRenderer renderer = new TemplateRenderer();
    private final Map<String, Object> vars = TemplateRenderer.variables(Json.parse("""
            {"inputs": {"city": "Beijing", "n": 3},
             "nodes": {"node_2": {"status": "completed", "output": {
                 "statusCode": 200,
                 "body": {"temperature": 21.5, "condition": "Sunny", "humidity": 40},
                 "data": ["first", "second"]}}}}
            """), Json.parse("{\"id\": \"exec-1\"}"));

    @Test
    void render_whenPlainReferences_shouldSubstituteValues() {
        assertEquals("Weather in Beijing: 21.5°C, Sunny",
                renderer.render("Weather in {{inputs.city}}: {{node_2.output.body.temperature}}°C, {{ node_2.output.body.condition }}", vars));
    }

    @Test
    void render_whenArrayIndexAndFilters_shouldUseJinjaSemantics() {
        assertEquals("first", renderer.render("{{node_2.output.data[0]}}", vars));
        assertEquals("BEIJING-second", renderer.render("{{ inputs.city | upper }}-{{ node_2.output.data[1] }}", vars));
        assertEquals("first,second,", renderer.render("{% for d in node_2.output.data %}{{ d }},{% endfor %}", vars));
        assertEquals("exec-1", renderer.render("{{execution.id}}", vars));
    }

    @Test
    void render_whenObjectInsideText_shouldPrintJson() {
        assertEquals("data: {\"temperature\":21.5,\"condition\":\"Sunny\",\"humidity\":40} / [\"first\",\"second\"]",
                renderer.render("data: {{ node_2.output.body }} / {{ node_2.output.data }}", vars));
        assertEquals("{\"temperature\":21.5,\"condition\":\"Sunny\",\"humidity\":40};",
                renderer.render("{% for x in [node_2.output.body] %}{{ x }};{% endfor %}", vars));
    }

    @Test
    void render_whenUnknownReference_shouldFailNamingIt() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> renderer.render("Hello {{ inputs.missing }} there", vars));
        assertTrue(e.getMessage().contains("inputs.missing"), e.getMessage());
        TemplateException e2 = assertThrows(TemplateException.class, () -> renderer.render("{{ node_9.output }}", vars));
        assertEquals("node_9.output", e2.reference());
        assertThrows(TemplateException.class, () -> renderer.render("x {{ node_2.output.data[7] }}", vars));
        assertThrows(TemplateException.class, () -> renderer.render("{{ nodeX }} and text", vars));
    }

    @Test
    void render_whenSyntaxError_shouldFailWithTemplateException() {
        TemplateException e = assertThrows(TemplateException.class, () -> renderer.render("{% if %}x{% endif %}", vars));
        assertEquals("TEMPLATE_RENDER_ERROR", e.errorCode());
    }

    @Test
    void renderValue_whenPureReference_shouldKeepJsonType() {
        JsonNode body = renderer.renderValue(Json.parse("""
                {"t": "{{node_2.output.body}}", "n": "{{inputs.n}}", "s": "n={{inputs.n}}", "k": [1, "{{inputs.city}}"]}
                """), vars);
        assertEquals(21.5, body.get("t").get("temperature").asDouble());
        assertTrue(body.get("n").isNumber());
        assertEquals("n=3", body.get("s").asText());
        assertEquals("Beijing", body.get("k").get(1).asText());
    }
}
