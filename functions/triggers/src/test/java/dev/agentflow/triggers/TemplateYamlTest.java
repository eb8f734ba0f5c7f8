package dev.agentflow.triggers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.agentflow.shared.testing.ProjectFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** template.yaml's issue 8 block: the functions, the webhook route without authorizer, and no broad permission. */
class TemplateYamlTest {

    private static JsonNode resources() throws Exception {
        return new YAMLMapper().readTree(ProjectFiles.resolve("template.yaml").toFile()).path("Resources");
    }

    @Test
    void triggerFunctions_shouldNameLoadableHandlers() throws Exception {
        JsonNode resources = resources();
        Map<String, Class<?>> expected = Map.of("WebhookFunction", WebhookHandler.class,
                "ScheduleTriggerFunction", ScheduleTriggerHandler.class,
                "ResultCallbackFunction", ResultCallbackHandler.class);
        for (var e : expected.entrySet()) {
            JsonNode fn = resources.path(e.getKey());
            assertEquals("AWS::Serverless::Function", fn.path("Type").asText(), e.getKey());
            assertEquals("functions/triggers/target/triggers-lambda.jar", fn.path("Properties").path("CodeUri").asText());
            assertEquals(e.getValue().getName() + "::handleRequest", fn.path("Properties").path("Handler").asText());
            assertTrue(RequestHandler.class.isAssignableFrom(e.getValue()));
            e.getValue().getConstructor();
        }
    }

    @Test
    void webhookRoute_shouldHaveNoJwtAuthorizer() throws Exception {
        JsonNode event = resources().path("WebhookFunction").path("Properties").path("Events").path("Webhook");
        assertEquals("HttpApi", event.path("Type").asText());
        assertEquals("POST", event.path("Properties").path("Method").asText());
        assertEquals("/hooks/{workflowId}", event.path("Properties").path("Path").asText());
        assertEquals("NONE", event.path("Properties").path("Auth").path("Authorizer").asText());
    }

    @Test
    void callbackFunction_shouldConsumeOnlyEndingStatusEvents() throws Exception {
        JsonNode pattern = resources().path("ResultCallbackFunction").path("Properties").path("Events")
                .path("ExecutionEnded").path("Properties").path("Pattern");
        assertEquals("aws.states", pattern.path("source").get(0).asText());
        List<String> statuses = new ArrayList<>();
        pattern.path("detail").path("status").forEach(s -> statuses.add(s.asText()));
        assertEquals(List.of("SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"), statuses);
    }

    @Test
    void schedulerRole_shouldOnlyBeAssumableByScheduler_andOnlyInvokeTheScheduleTrigger() throws Exception {
        JsonNode role = resources().path("WorkflowSchedulerRole").path("Properties");
        assertEquals("scheduler.amazonaws.com",
                role.at("/AssumeRolePolicyDocument/Statement/0/Principal/Service").asText());
        JsonNode statements = role.at("/Policies/0/PolicyDocument/Statement");
        assertEquals(1, statements.size());
        assertEquals("lambda:InvokeFunction", statements.get(0).path("Action").asText());
        assertTrue(statements.get(0).path("Resource").toString().contains("ScheduleTriggerFunction"));
    }

    @Test
    void noStatementAnywhere_shouldAllowEveryActionOnEveryResource() throws Exception {
        List<String> broad = new ArrayList<>();
        collect(resources(), "", broad);
        assertEquals(List.of(), broad);
    }

    private static void collect(JsonNode node, String path, List<String> broad) {
        if (node.isObject()) {
            if (node.has("Effect") && "Allow".equals(node.path("Effect").asText())) {
                boolean anyAction = node.path("Action").asText("").equals("*")
                        || node.path("Action").toString().contains("\"*\"");
                boolean anyResource = node.path("Resource").asText("").equals("*")
                        || node.path("Resource").toString().contains("\"*\"");
                if (anyAction && anyResource) {
                    broad.add(path);
                }
            }
            node.fields().forEachRemaining(e -> collect(e.getValue(), path + "/" + e.getKey(), broad));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "/" + i, broad);
            }
        }
    }

    @Test
    void triggerFunctions_shouldNotWriteWorkflows_orReachApiKeys() throws Exception {
        JsonNode resources = resources();
        for (String fn : List.of("WebhookFunction", "ScheduleTriggerFunction", "ResultCallbackFunction")) {
            String policies = resources.path(fn).path("Properties").path("Policies").toString();
            assertFalse(policies.contains("ApiKeys"), fn);
            assertFalse(policies.contains("DynamoDBCrudPolicy"), fn);
            assertFalse(policies.contains("dynamodb:DeleteItem"), fn);
            assertFalse(policies.contains("kms:"), fn);
        }
    }
}
