package dev.agentflow.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.agentflow.core.model.NodeFunctions;
import dev.agentflow.shared.testing.ProjectFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** template.yaml declares the node functions the way the local cloud and SAM will use them. */
class TemplateYamlTest {

    private static JsonNode resources() throws Exception {
        return new YAMLMapper().readTree(ProjectFiles.resolve("template.yaml").toFile()).path("Resources");
    }

    private static List<String> policyNames(JsonNode function) {
        List<String> names = new ArrayList<>();
        function.path("Properties").path("Policies").forEach(p -> p.fieldNames().forEachRemaining(names::add));
        return names;
    }

    @Test
    void nodeFunctions_shouldNameLoadableHandlersWithNoArgConstructors() throws Exception {
        JsonNode resources = resources();
        Map<String, String> expected = Map.of(
                "NodeLlmFunction", LlmNodeHandler.class.getName(),
                "NodeHttpFunction", HttpNodeHandler.class.getName(),
                "NodeTransformFunction", TransformNodeHandler.class.getName());
        for (String placeholder : NodeFunctions.ALL) {
            String logicalId = placeholder.replace("Arn", "");
            JsonNode function = resources.path(logicalId);
            assertEquals("AWS::Serverless::Function", function.path("Type").asText(), logicalId);
            assertEquals("functions/nodes/target/nodes-lambda.jar", function.path("Properties").path("CodeUri").asText());
            String handler = function.path("Properties").path("Handler").asText();
            assertEquals(expected.get(logicalId) + "::handleRequest", handler);
            Class<?> type = Class.forName(handler.substring(0, handler.indexOf("::")));
            assertTrue(RequestHandler.class.isAssignableFrom(type));
            type.getConstructor();
        }
    }

    @Test
    void onlyTheLlmFunction_shouldDecryptKeysOrReadThePlatformSecret() throws Exception {
        JsonNode resources = resources();

        assertTrue(policyNames(resources.path("NodeLlmFunction")).containsAll(List.of("KMSDecryptPolicy", "DynamoDBReadPolicy",
                "AWSSecretsManagerGetSecretValuePolicy")));
        for (String other : List.of("NodeHttpFunction", "NodeTransformFunction")) {
            List<String> policies = policyNames(resources.path(other));
            assertEquals(List.of("DynamoDBCrudPolicy"), policies, other);
            assertEquals("ExecutionsTable", resources.path(other).path("Properties").path("Policies").get(0)
                    .path("DynamoDBCrudPolicy").path("TableName").asText(), other);
            assertFalse(resources.path(other).path("Properties").path("Environment").path("Variables").has("API_KEYS_TABLE"));
        }
    }

    @Test
    void tables_shouldExpireExecutionRecordsButNotApiKeys() throws Exception {
        JsonNode resources = resources();

        JsonNode ttl = resources.path("ExecutionsTable").path("Properties").path("TimeToLiveSpecification");
        assertEquals("expiresAt", ttl.path("AttributeName").asText());
        assertTrue(ttl.path("Enabled").asBoolean());
        assertTrue(resources.path("ApiKeysTable").path("Properties").path("TimeToLiveSpecification").isMissingNode());
        assertEquals("PAY_PER_REQUEST", resources.path("ApiKeysTable").path("Properties").path("BillingMode").asText());
    }
}
