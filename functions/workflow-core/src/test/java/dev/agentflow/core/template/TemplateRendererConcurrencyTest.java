package dev.agentflow.core.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentflow.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * One {@link TemplateRenderer} shared by every render (its parent context is built once,
 * {@link SharedGlobalContext}): renders on many threads see only their own variables, what one template sets does
 * not leak into the next render, and failures stay as they were (unknown reference named, syntax error).
 */
class TemplateRendererConcurrencyTest {

    private final TemplateRenderer renderer = new TemplateRenderer();

    private static Map<String, Object> vars(int i) {
        return TemplateRenderer.variables(Json.parse("{\"inputs\": {\"n\": " + i + ", \"name\": \"user" + i + "\"},"
                + " \"nodes\": {\"a\": {\"output\": {\"items\": [" + i + ", " + (i + 1) + "]}}}}"), null);
    }

    @Test
    void concurrentRenders_eachSeeOnlyTheirOwnVariables() throws Exception {
        String template = "{% set total = 0 %}{% for x in a.output['items'] %}{{ x }};{% endfor %}"
                + "{{ inputs.name | upper }}={{ inputs.n * 2 }}";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                int n = i;
                results.add(pool.submit(() -> renderer.render(template, vars(n))));
            }
            for (int i = 0; i < results.size(); i++) {
                assertEquals(i + ";" + (i + 1) + ";USER" + i + "=" + (i * 2), results.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aVariableSetByOneRender_isUnknownToTheNext() {
        assertEquals("42", renderer.render("{% set answer = 42 %}{{ answer }}", vars(1)));
        TemplateException e = assertThrows(TemplateException.class, () -> renderer.render("x {{ answer }}", vars(1)));
        assertTrue(e.getMessage().contains("answer"), e.getMessage());
    }

    @Test
    void failuresAreReportedAsBefore() {
        TemplateException unknown = assertThrows(TemplateException.class,
                () -> renderer.render("Hi {{ inputs.missing }}!", vars(1)));
        assertTrue(unknown.getMessage().contains("inputs.missing"), unknown.getMessage());
        TemplateException syntax = assertThrows(TemplateException.class,
                () -> renderer.render("{% for %}x{% endfor %}", vars(1)));
        assertEquals("TEMPLATE_RENDER_ERROR", syntax.errorCode());
        assertEquals("a\nb\n", renderer.render("a\n{{ 'b' }}\n", vars(1))); // Jinjava 2.8.4 keeps it by default
    }
}
