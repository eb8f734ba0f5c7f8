package dev.agentflow.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.agentflow.shared.log.JsonLog;
import dev.agentflow.shared.testing.ProjectFiles;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every route the API serves is declared on the ApiFunction in template.yaml (behind the JWT authorizer), and no other. */
class TemplateRoutesTest {

    @Test
    void apiRoutes_shouldMatchTheTemplatesHttpApiEvents() throws Exception {
        JsonNode events = new YAMLMapper().readTree(ProjectFiles.resolve("template.yaml").toFile())
                .path("Resources").path("ApiFunction").path("Properties").path("Events");
        List<String> declared = new ArrayList<>();
        events.forEach(e -> {
            assertEquals("HttpApi", e.path("Type").asText());
            assertTrue(e.path("Properties").path("Auth").isMissingNode(), "the API's routes keep the JWT authorizer");
            declared.add(e.path("Properties").path("Method").asText() + " " + e.path("Properties").path("Path").asText());
        });
        List<String> served = new ArrayList<>(new Api(null, null, null, 1, JsonLog.stdout()).routeKeys());
        declared.sort(null);
        served.sort(null);
        assertEquals(served, declared);
    }
}
