package dev.agentflow.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.api.testing.ApiFixture;
import dev.agentflow.api.testing.ApiFixture.Reply;
import dev.agentflow.core.json.Json;
import dev.agentflow.shared.store.FinishedNode;
import dev.agentflow.shared.store.NodeError;
import dev.agentflow.shared.store.StartedNode;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seed 000 §4 examples and every endpoint, through API Gateway v2 events. */
class ApiHandlerTest {

    private final ApiFixture f = new ApiFixture();

    private String createWeather(String user) {
        Reply created = f.call("POST", "/api/v1/workflows", user, ApiFixture.sampleWorkflow("weather-summary.json"));
        assertEquals(201, created.status(), created.body().toString());
        return created.data().path("id").asText();
    }

    @Test
    void createWorkflow_seedExample_answersTheDocumentedShapeAndDeploysAStateMachine() {
        Reply created = f.call("POST", "/api/v1/workflows", "alice", ApiFixture.sampleWorkflow("weather-summary.json"));

        assertEquals(201, created.status());
        assertTrue(created.body().path("success").asBoolean());
        JsonNode data = created.data();
        assertTrue(data.path("id").asText().startsWith("wf_"));
        assertEquals("Weather summary", data.path("name").asText());
        assertEquals("draft", data.path("status").asText());
        assertEquals(1, data.path("version").asInt());
        for (String field : new String[] {"description", "createdAt", "updatedAt"}) {
            assertTrue(data.has(field), field);
        }
        assertEquals("application/json; charset=utf-8", created.raw().getHeaders().get("content-type"));
        String definition = f.sfn.definitions.values().iterator().next().get(0);
        assertFalse(definition.contains("${"), "placeholders substituted");
        assertTrue(definition.contains(ApiFixture.ARNS.get("NodeHttpFunctionArn")));

        Reply got = f.call("GET", "/api/v1/workflows/" + data.path("id").asText(), "alice", null);
        assertEquals(200, got.status());
        assertEquals("node_3", got.data().path("definition").path("nodes").get(2).path("id").asText());
        assertTrue(got.data().path("versionArn").asText().endsWith(":1"));
    }

    @Test
    void executeThenStatusEvent_givesTheSeedDetailShape() {
        String wf = createWeather("alice");

        Reply accepted = f.call("POST", "/api/v1/workflows/" + wf + "/execute", "alice", "{\"inputs\": {\"city\": \"beijing\"}}");
        assertEquals(202, accepted.status(), accepted.body().toString());
        String exec = accepted.data().path("executionId").asText();
        assertTrue(exec.startsWith("exec_"));
        assertEquals("pending", accepted.data().path("status").asText());
        Instant.parse(accepted.data().path("startedAt").asText());
        assertEquals(exec, f.sfn.started.get(0).name(), "the Step Functions execution is named by the execution id");
        assertTrue(f.sfn.started.get(0).stateMachineOrVersionArn().endsWith(":1"), "starts the published version");
        assertEquals("{\"city\":\"beijing\"}", f.sfn.started.get(0).input());

        Reply running = f.call("GET", "/api/v1/executions/" + exec, "alice", null);
        assertEquals("running", running.data().path("status").asText());

        Instant t = Instant.now();
        int a2 = f.nodes.nodeStarted(new StartedNode(exec, "node_2", "http", "Get weather", t));
        f.nodes.nodeFinished(new FinishedNode(exec, "node_2", a2, t.plusSeconds(2), 2000, null,
                Json.parse("{\"statusCode\":200,\"body\":{\"temperature\":15,\"weather\":\"sunny\"}}"), null, null));
        int a3 = f.nodes.nodeStarted(new StartedNode(exec, "node_3", "llm", "AI summary", t.plusSeconds(2)));
        f.nodes.nodeFinished(new FinishedNode(exec, "node_3", a3, t.plusSeconds(13), 11000, null,
                Json.parse("{\"text\":\"Sunny, 15 degrees.\"}"),
                Json.parse("{\"tokensUsed\":{\"prompt\":40,\"completion\":12,\"total\":52},\"model\":\"gpt-4o-mini\"}"), null));
        ObjectNode output = (ObjectNode) Json.parse("""
                {"outputs": {"result": "Sunny, 15 degrees."},
                 "nodes": {"node_1": {"status": "completed", "output": {"city": "beijing"}},
                           "node_2": {"status": "completed", "output": {"statusCode": 200}},
                           "node_3": {"status": "completed", "output": {"text": "Sunny, 15 degrees."}},
                           "node_4": {"status": "completed", "output": {"result": "Sunny, 15 degrees."}}}}""");
        assertEquals("COMPLETED", f.statusEvent(exec, "SUCCEEDED", output, null, null));

        Reply detail = f.call("GET", "/api/v1/executions/" + exec, "alice", null);
        assertEquals(200, detail.status());
        JsonNode d = detail.data();
        assertEquals(exec, d.path("id").asText());
        assertEquals(wf, d.path("workflowId").asText());
        assertEquals("completed", d.path("status").asText());
        Instant.parse(d.path("startedAt").asText());
        Instant.parse(d.path("completedAt").asText());
        assertTrue(d.path("durationMs").isNumber());
        JsonNode node2 = d.path("nodes").path("node_2");
        assertEquals("completed", node2.path("status").asText());
        Instant.parse(node2.path("startedAt").asText());
        Instant.parse(node2.path("completedAt").asText());
        assertEquals(15, node2.path("outputs").path("body").path("temperature").asInt());
        assertEquals("Sunny, 15 degrees.", d.path("nodes").path("node_3").path("outputs").path("text").asText());
        assertEquals("Sunny, 15 degrees.", d.path("outputs").path("result").asText());
        assertEquals(52, d.path("tokenUsage").path("total").asInt());
        assertTrue(d.path("errorMessage").isNull());

        assertEquals(1, f.call("GET", "/api/v1/workflows/" + wf, "alice", null).data().path("runCount").asInt());
        Reply list = f.call("GET", "/api/v1/executions?workflowId=" + wf + "&status=completed", "alice", null);
        assertEquals(exec, list.data().path("items").get(0).path("id").asText());
    }

    @Test
    void failedExecution_detailNamesTheNodeAndMessage_withoutStackTrace() {
        String wf = createWeather("alice");
        String exec = f.call("POST", "/api/v1/workflows/" + wf + "/execute", "alice", "{}").data().path("executionId").asText();
        Instant t = Instant.now();
        int a = f.nodes.nodeStarted(new StartedNode(exec, "node_2", "http", "Get weather", t));
        f.nodes.nodeFinished(new FinishedNode(exec, "node_2", a, t.plusSeconds(1), 1000, null, null, null,
                new NodeError("HTTP_REQUEST_FAILED", "GET https://api.weather.com answered 503")));

        f.statusEvent(exec, "FAILED", null, "HttpRequestFailed",
                "{\"errorMessage\":\"GET https://api.weather.com answered 503\",\"errorType\":\"HttpRequestFailed\",\"stackTrace\":[\"at x.y(Z.java:1)\"]}");

        JsonNode d = f.call("GET", "/api/v1/executions/" + exec, "alice", null).data();
        assertEquals("failed", d.path("status").asText());
        assertEquals("node_2", d.path("errorNodeId").asText());
        assertEquals("HTTP_REQUEST_FAILED", d.path("errorCode").asText());
        assertEquals("GET https://api.weather.com answered 503", d.path("errorMessage").asText());
        assertFalse(d.toString().contains("stackTrace"));
    }

    @Test
    void cancel_stopsTheExecutionAndEndsCancelled_once() {
        String wf = createWeather("alice");
        String exec = f.call("POST", "/api/v1/workflows/" + wf + "/execute", "alice", "{}").data().path("executionId").asText();

        Reply cancelled = f.call("POST", "/api/v1/executions/" + exec + "/cancel", "alice", null);

        assertEquals(200, cancelled.status(), cancelled.body().toString());
        assertEquals("cancelled", cancelled.data().path("status").asText());
        assertEquals(1, f.sfn.stopped.size());
        assertEquals("ALREADY_COMPLETED", f.statusEvent(exec, "ABORTED", null, null, null));
        assertEquals(409, f.call("POST", "/api/v1/executions/" + exec + "/cancel", "alice", null).status());
        assertEquals(1, f.call("GET", "/api/v1/workflows/" + wf, "alice", null).data().path("runCount").asInt());
    }

    @Test
    void update_withStaleVersion_is409_andNothingChanges() {
        String wf = createWeather("alice");
        Reply first = f.call("PUT", "/api/v1/workflows/" + wf, "alice", "{\"name\": \"Renamed\", \"version\": 1}");
        assertEquals(200, first.status(), first.body().toString());
        assertEquals(2, first.data().path("version").asInt());
        var before = f.snapshot();

        Reply stale = f.call("PUT", "/api/v1/workflows/" + wf, "alice", "{\"name\": \"Lost update\", \"version\": 1}");

        assertEquals(409, stale.status());
        assertEquals("CONFLICT", stale.code());
        assertEquals(2, stale.body().path("error").path("details").path("currentVersion").asInt());
        assertEquals(before, f.snapshot());
    }

    @Test
    void versions_restore_duplicate_delete_andLists() {
        String wf = createWeather("alice");
        String def = f.call("GET", "/api/v1/workflows/" + wf, "alice", null).data().path("definition").toString();
        ObjectNode changed = (ObjectNode) Json.parse(def);
        ((ObjectNode) changed.path("nodes").get(1).path("data").path("config")).put("url", "https://example.com/w?c={{inputs.city}}");
        Reply v2 = f.call("PUT", "/api/v1/workflows/" + wf, "alice", "{\"definition\": " + changed + ", \"version\": 1}");
        assertEquals(200, v2.status(), v2.body().toString());
        assertTrue(v2.data().path("versionArn").asText().endsWith(":2"));

        Reply versions = f.call("GET", "/api/v1/workflows/" + wf + "/versions", "alice", null);
        assertEquals(2, versions.data().path("items").get(0).path("version").asInt());
        assertEquals(1, versions.data().path("items").get(1).path("version").asInt());

        Reply restored = f.call("POST", "/api/v1/workflows/" + wf + "/versions/1/restore", "alice", "{\"version\": 2}");
        assertEquals(200, restored.status(), restored.body().toString());
        assertEquals(3, restored.data().path("version").asInt());
        assertTrue(restored.data().path("definition").toString().contains("/sample-data/weather"), "version 1's URL is back");
        assertEquals(404, f.call("POST", "/api/v1/workflows/" + wf + "/versions/9/restore", "alice", null).status());

        Reply copy = f.call("POST", "/api/v1/workflows/" + wf + "/duplicate", "alice", null);
        assertEquals(201, copy.status());
        assertEquals("Weather summary (copy)", copy.data().path("name").asText());
        assertEquals(2, f.call("GET", "/api/v1/workflows", "alice", null).data().path("items").size());
        Reply paged = f.call("GET", "/api/v1/workflows?limit=1", "alice", null);
        assertEquals(1, paged.data().path("items").size());
        assertNotNull(paged.data().path("nextCursor").asText(null));

        assertEquals(200, f.call("DELETE", "/api/v1/workflows/" + wf, "alice", null).status());
        assertEquals(404, f.call("GET", "/api/v1/workflows/" + wf, "alice", null).status());
        assertEquals(1, f.call("GET", "/api/v1/workflows", "alice", null).data().path("items").size());
        assertEquals(404, f.call("DELETE", "/api/v1/workflows/" + wf, "alice", null).status());
    }

    @Test
    void invalidDefinition_is400WithEveryProblem_andStoresNothing() {
        var before = f.snapshot();
        Reply r = f.call("POST", "/api/v1/workflows", "alice", """
                {"name": "bad", "definition": {"nodes": [{"id": "a", "type": "teleport"}], "edges": [{"id": "e", "source": "a", "target": "zz"}]}}""");
        assertEquals(400, r.status());
        assertEquals("INVALID_WORKFLOW_DEFINITION", r.code());
        assertTrue(r.body().path("error").path("details").size() >= 2);
        assertEquals(before, f.snapshot());
        assertEquals(0, f.sfn.calls());
    }

    @Test
    void apiKeys_storeEncrypted_listHintsOnly_delete() {
        String secret = "sk-test-0123456789abcdefWXYZ";
        Reply added = f.call("POST", "/api/v1/api-keys", "alice", "{\"provider\": \"openai\", \"name\": \"mine\", \"key\": \"" + secret + "\"}");
        assertEquals(201, added.status(), added.body().toString());
        assertEquals("WXYZ", added.data().path("keyHint").asText());
        String id = added.data().path("id").asText();

        Reply list = f.call("GET", "/api/v1/api-keys", "alice", null);
        assertEquals(id, list.data().path("items").get(0).path("id").asText());
        assertFalse(list.body().toString().contains(secret));
        assertFalse(added.body().toString().contains(secret));
        assertFalse(f.snapshot().toString().contains(secret), "only ciphertext is stored");
        assertFalse(f.logs.toString().contains(secret));

        assertEquals(200, f.call("DELETE", "/api/v1/api-keys/" + id, "alice", null).status());
        assertEquals(0, f.call("GET", "/api/v1/api-keys", "alice", null).data().path("items").size());
        assertEquals(404, f.call("DELETE", "/api/v1/api-keys/" + id, "alice", null).status());
    }

    @Test
    void idempotencyKey_retriedExecute_startsOnce() {
        String wf = createWeather("alice");
        Map<String, String> h = Map.of("Idempotency-Key", "order-42");
        Reply one = f.call("POST", "/api/v1/workflows/" + wf + "/execute", "alice", "{}", h);
        Reply two = f.call("POST", "/api/v1/workflows/" + wf + "/execute", "alice", "{}", h);
        assertEquals(202, two.status());
        assertEquals(one.data().path("executionId"), two.data().path("executionId"));
        assertEquals(1, f.sfn.started.size());
    }

    @Test
    void stepFunctionsDown_is503_andTheRecordEndsFailedWithoutARun() {
        String wf = createWeather("alice");
        f.sfn.failing(true);
        Reply r = f.call("POST", "/api/v1/workflows/" + wf + "/execute", "alice", "{}");
        assertEquals(503, r.status());
        assertEquals("SERVICE_UNAVAILABLE", r.code());
        String exec = r.body().path("error").path("details").path("executionId").asText();
        assertEquals("failed", f.call("GET", "/api/v1/executions/" + exec, "alice", null).data().path("status").asText());
        assertEquals(0, f.call("GET", "/api/v1/workflows/" + wf, "alice", null).data().path("runCount").asInt());
        Reply create = f.call("POST", "/api/v1/workflows", "alice", ApiFixture.sampleWorkflow("weather-summary.json"));
        assertEquals(503, create.status());
        assertFalse(create.body().toString().contains("Exception"));
    }
}
