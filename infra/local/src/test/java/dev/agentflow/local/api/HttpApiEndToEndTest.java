package dev.agentflow.local.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.local.api.LocalApi.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Issue 5 "Done when", over real HTTP against the embedded local cloud running the repository's template.yaml:
 * the seed 000 §4 examples (create the weather workflow, execute it, read the execution detail) in their
 * documented shapes, with the LLM node decrypting the user's stored key through the local KMS; the record
 * completed by ExecutionStatusFunction reached through the template's EventBridge rule; a stale update is 409;
 * a cancelled run ends {@code cancelled}; and every other endpoint answers as functions/api/README.md says.
 */
class HttpApiEndToEndTest {

  private static LocalApi api;

  @BeforeAll
  static void start() throws Exception {
    api = LocalApi.start();
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
  }

  @Test
  void seedExamples_createExecuteAndGetDetail_shouldHaveTheDocumentedShapes() throws Exception {
    // GIVEN alice's own key for an OpenAI-compatible endpoint (KMS Encrypt through the local cloud)
    Reply key = api.call("POST", "/api/v1/api-keys", "alice",
        "{\"provider\": \"openai-compatible\", \"name\": \"mock\", \"key\": \"sk-mock-0123456789\"}");
    assertEquals(201, key.status(), key.body()::toString);
    assertEquals("6789", key.data().path("keyHint").asText());
    assertFalse(key.body().toString().contains("sk-mock"), "the key never comes back");

    // WHEN the weather workflow is created (seed 000 §4.1 创建工作流)
    ObjectNode workflow = api.weatherWorkflow(key.data().path("id").asText());
    Reply created = api.call("POST", "/api/v1/workflows", "alice", workflow.toString());
    assertEquals(201, created.status(), created.body()::toString);
    assertTrue(created.body().path("success").asBoolean());
    JsonNode wf = created.data();
    assertTrue(wf.path("id").asText().startsWith("wf_"), wf::toString);
    assertEquals("Weather summary", wf.path("name").asText());
    assertEquals(workflow.path("description").asText(), wf.path("description").asText());
    assertEquals("draft", wf.path("status").asText());
    assertEquals(1, wf.path("version").asInt());
    Instant.parse(wf.path("createdAt").asText());
    Instant.parse(wf.path("updatedAt").asText());

    // AND executed (执行工作流)
    Reply run = api.call("POST", "/api/v1/workflows/" + wf.path("id").asText() + "/execute", "alice",
        "{\"inputs\": {\"city\": \"beijing\"}}");
    assertEquals(202, run.status(), run.body()::toString);
    String executionId = run.data().path("executionId").asText();
    assertTrue(executionId.startsWith("exec_"), run.body()::toString);
    assertEquals("pending", run.data().path("status").asText());
    Instant.parse(run.data().path("startedAt").asText());

    // THEN the detail (获取执行详情) ends completed with per-node status, times and outputs
    Reply done = api.await("/api/v1/executions/" + executionId, "alice",
        r -> r.data().path("status").asText().matches("completed|failed|cancelled|timed_out"), 60);
    JsonNode d = done.data();
    assertEquals("completed", d.path("status").asText(), d::toString);
    assertEquals(executionId, d.path("id").asText());
    assertEquals(wf.path("id").asText(), d.path("workflowId").asText());
    Instant started = Instant.parse(d.path("startedAt").asText());
    Instant completed = Instant.parse(d.path("completedAt").asText());
    assertFalse(completed.isBefore(started));
    assertTrue(d.path("durationMs").isIntegralNumber() && d.path("durationMs").asLong() >= 0, d::toString);
    JsonNode http = d.at("/nodes/node_2");
    assertEquals("completed", http.path("status").asText(), d::toString);
    Instant.parse(http.path("startedAt").asText());
    Instant.parse(http.path("completedAt").asText());
    assertEquals(200, http.at("/outputs/statusCode").asInt());
    assertEquals(15, http.at("/outputs/body/temperature").asInt());
    assertEquals("sunny", http.at("/outputs/body/weather").asText());
    JsonNode llm = d.at("/nodes/node_3");
    assertEquals("completed", llm.path("status").asText());
    assertEquals(LocalApi.SUMMARY, llm.at("/outputs/text").asText());
    assertEquals(LocalApi.SUMMARY, d.at("/outputs/result").asText(), d::toString);
    assertEquals(20, d.at("/tokenUsage/total").asInt(), d::toString);
    assertEquals("beijing", d.at("/inputs/city").asText());
    // the llm node decrypted alice's key (KMS Decrypt with her encryption context) and sent it
    assertTrue(api.llmAuthorizations.contains("Bearer sk-mock-0123456789"), api.llmAuthorizations::toString);

    // AND the record was completed by ExecutionStatusFunction via the template's EventBridge rule:
    // it bumps the workflow's runCount (only the status handler does), once
    Reply counted = api.await("/api/v1/workflows/" + wf.path("id").asText(), "alice",
        r -> r.data().path("runCount").asInt() == 1, 30);
    assertEquals(1, counted.data().path("runCount").asInt());
    String log = api.log.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("ExecutionStatusFunction"), "the status function ran:\n" + log);
    String recordsTable = api.dynamo.listTables().tableNames().stream().filter(t -> t.contains("ExecutionRecords"))
        .findFirst().orElseThrow();
    Map<String, AttributeValue> record = api.dynamo.getItem(b -> b.tableName(recordsTable)
        .key(Map.of("executionId", AttributeValue.fromS(executionId))).consistentRead(true)).item();
    assertEquals("completed", record.get("status").s(), record::toString);
    assertNotNull(record.get("completedAt"));

    // AND it is listed newest first, filterable by workflow and status
    Reply listed = api.call("GET", "/api/v1/executions?workflowId=" + wf.path("id").asText() + "&status=completed",
        "alice", null);
    assertEquals(200, listed.status(), listed.body()::toString);
    assertEquals(executionId, listed.data().at("/items/0/id").asText(), listed.body()::toString);
  }

  @Test
  void staleUpdate_shouldBe409_andNotLoseTheNewerVersion() {
    String id = api.call("POST", "/api/v1/workflows", "carol", LocalApi.quickWorkflow("Versioned")).data()
        .path("id").asText();
    Reply first = api.call("PUT", "/api/v1/workflows/" + id, "carol", "{\"name\": \"Renamed\", \"version\": 1}");
    assertEquals(200, first.status(), first.body()::toString);
    assertEquals(2, first.data().path("version").asInt());

    Reply stale = api.call("PUT", "/api/v1/workflows/" + id, "carol", "{\"name\": \"Lost?\", \"version\": 1}");

    assertEquals(409, stale.status(), stale.body()::toString);
    assertEquals("CONFLICT", stale.code());
    assertEquals(2, stale.body().at("/error/details/currentVersion").asInt(), stale.body()::toString);
    Reply now = api.call("GET", "/api/v1/workflows/" + id, "carol", null);
    assertEquals("Renamed", now.data().path("name").asText());
    assertEquals(2, now.data().path("version").asInt());
  }

  @Test
  void cancel_whileANodeRuns_shouldEndCancelled() throws Exception {
    String id = api.call("POST", "/api/v1/workflows", "dave", api.slowWorkflow()).data().path("id").asText();
    String exec = api.call("POST", "/api/v1/workflows/" + id + "/execute", "dave", "{}").data()
        .path("executionId").asText();
    api.await("/api/v1/executions/" + exec, "dave", r -> r.data().at("/nodes/wait/status").asText().equals("running"),
        30);

    Reply cancelled = api.call("POST", "/api/v1/executions/" + exec + "/cancel", "dave", null);

    assertEquals(200, cancelled.status(), cancelled.body()::toString);
    assertEquals("cancelled", cancelled.data().path("status").asText());
    Reply again = api.call("POST", "/api/v1/executions/" + exec + "/cancel", "dave", null);
    assertEquals(409, again.status(), again.body()::toString);
    // the ABORTED status event reaches the status function and finds the record ended: it stays cancelled
    Thread.sleep(500);
    Reply detail = api.call("GET", "/api/v1/executions/" + exec, "dave", null);
    assertEquals("cancelled", detail.data().path("status").asText(), detail.body()::toString);
    assertNotNull(detail.data().path("completedAt").textValue());
    assertEquals("cancelled", api.call("GET", "/api/v1/executions?status=cancelled", "dave", null).data()
        .at("/items/0/status").asText());
    // the node's Lambda invocation is not killed by the stop (as in AWS): released, it records its own end
    api.releaseSlow();
    Reply settled = api.await("/api/v1/executions/" + exec, "dave",
        r -> r.data().at("/nodes/wait/status").asText().equals("completed"), 30);
    assertEquals("cancelled", settled.data().path("status").asText(), settled.body()::toString);
  }

  @Test
  void everyWorkflowEndpoint_shouldAnswerAsDocumented() throws Exception {
    String user = "erin";
    String a = api.call("POST", "/api/v1/workflows", user, LocalApi.quickWorkflow("First")).data().path("id").asText();
    String b = api.call("POST", "/api/v1/workflows", user, LocalApi.quickWorkflow("Second")).data().path("id").asText();

    // list: paged with a cursor, newest update first
    Reply page1 = api.call("GET", "/api/v1/workflows?limit=1", user, null);
    assertEquals(200, page1.status(), page1.body()::toString);
    assertEquals(b, page1.data().at("/items/0/id").asText());
    String cursor = page1.data().path("nextCursor").asText();
    Reply page2 = api.call("GET", "/api/v1/workflows?limit=1&cursor=" + cursor, user, null);
    assertEquals(a, page2.data().at("/items/0/id").asText(), page2.body()::toString);
    assertEquals(2, api.call("GET", "/api/v1/workflows?status=draft", user, null).data().path("items").size());

    // get: with definition and state machine
    Reply got = api.call("GET", "/api/v1/workflows/" + a, user, null);
    assertEquals(3, got.data().at("/definition/nodes").size());
    assertTrue(got.data().path("stateMachineArn").asText().startsWith("arn:aws:states:us-east-1:000000000000:stateMachine:agentflow-"),
        got.body()::toString);
    assertFalse(got.data().path("versionArn").asText().isEmpty());

    // update (no version given: last writer wins), versions, restore
    assertEquals(2, api.call("PUT", "/api/v1/workflows/" + a, user, "{\"description\": \"changed\"}").data()
        .path("version").asInt());
    Reply versions = api.call("GET", "/api/v1/workflows/" + a + "/versions", user, null);
    assertEquals(2, versions.data().path("items").size(), versions.body()::toString);
    assertEquals(2, versions.data().at("/items/0/version").asInt());
    Reply restored = api.call("POST", "/api/v1/workflows/" + a + "/versions/1/restore", user, null);
    assertEquals(200, restored.status(), restored.body()::toString);
    assertEquals(3, restored.data().path("version").asInt());

    // duplicate: a new draft with its own id
    Reply copy = api.call("POST", "/api/v1/workflows/" + a + "/duplicate", user, null);
    assertEquals(201, copy.status(), copy.body()::toString);
    assertTrue(copy.data().path("name").asText().contains("(copy)"));

    // execute the quick workflow: outputs from the end node
    String exec = api.call("POST", "/api/v1/workflows/" + a + "/execute", user, "{\"inputs\": {\"name\": \"Ada\"}}")
        .data().path("executionId").asText();
    Reply done = api.await("/api/v1/executions/" + exec, user, r -> r.data().path("status").asText().equals("completed"),
        30);
    assertEquals("Hello Ada", done.data().at("/outputs/greeting").asText(), done.body()::toString);
    Reply executions = api.call("GET", "/api/v1/executions", user, null);
    assertEquals(exec, executions.data().at("/items/0/id").asText());

    // delete: soft, gone from reads and lists
    Reply deleted = api.call("DELETE", "/api/v1/workflows/" + b, user, null);
    assertTrue(deleted.status() == 200 || deleted.status() == 204, deleted.body()::toString);
    assertEquals(404, api.call("GET", "/api/v1/workflows/" + b, user, null).status());
    assertFalse(api.call("GET", "/api/v1/workflows", user, null).body().toString().contains(b));
  }

  @Test
  void apiKeys_shouldBeListedWithoutSecretsAndDeleted() {
    String user = "frank";
    Reply added = api.call("POST", "/api/v1/api-keys", user, "{\"provider\": \"openai\", \"key\": \"sk-frank-00001234\"}");
    assertEquals(201, added.status(), added.body()::toString);
    String id = added.data().path("id").asText();
    Reply listed = api.call("GET", "/api/v1/api-keys", user, null);
    assertEquals(id, listed.data().at("/items/0/id").asText(), listed.body()::toString);
    assertEquals("1234", listed.data().at("/items/0/keyHint").asText());
    assertFalse(listed.body().toString().contains("sk-frank"));
    String keysTable = api.dynamo.listTables().tableNames().stream().filter(t -> t.contains("ApiKeys")).findFirst()
        .orElseThrow();
    assertFalse(api.dynamo.scan(s -> s.tableName(keysTable)).items().toString().contains("sk-frank"),
        "only ciphertext is stored");

    Reply deleted = api.call("DELETE", "/api/v1/api-keys/" + id, user, null);
    assertTrue(deleted.status() == 200 || deleted.status() == 204, deleted.body()::toString);
    assertEquals(0, api.call("GET", "/api/v1/api-keys", user, null).data().path("items").size());
  }
}
