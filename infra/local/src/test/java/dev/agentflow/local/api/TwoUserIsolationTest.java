package dev.agentflow.local.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.agentflow.local.api.LocalApi.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two users over real HTTP against the local cloud: no endpoint lets bob see or change alice's workflows,
 * executions or keys. Every attempt on one of alice's ids is a 404 with the resource's not-found code, bob's
 * lists hold none of alice's items, and the tables (scanned through the edge) are unchanged afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoUserIsolationTest {

  private LocalApi api;
  private String wf;
  private String exec;
  private String key;

  @BeforeAll
  void aliceOwnsThings() throws Exception {
    api = LocalApi.start();
    wf = api.call("POST", "/api/v1/workflows", "alice", LocalApi.quickWorkflow("Alice's")).data().path("id").asText();
    exec = api.call("POST", "/api/v1/workflows/" + wf + "/execute", "alice", "{\"inputs\": {\"name\": \"A\"}}").data()
        .path("executionId").asText();
    key = api.call("POST", "/api/v1/api-keys", "alice", "{\"provider\": \"openai\", \"key\": \"sk-alice-000000000000\"}")
        .data().path("id").asText();
    api.await("/api/v1/workflows/" + wf, "alice", r -> r.data().path("runCount").asInt() == 1, 30);
  }

  @AfterAll
  void stop() throws Exception {
    api.close();
  }

  record Attempt(String method, String path, String body, String code) {
    @Override
    public String toString() {
      return method + " " + path.replaceAll("(wf|exec|key)_\\w+", "$1_<alice's>");
    }
  }

  List<Attempt> bobsAttempts() {
    return List.of(
        new Attempt("GET", "/api/v1/workflows/" + wf, null, "WORKFLOW_NOT_FOUND"),
        new Attempt("PUT", "/api/v1/workflows/" + wf, "{\"name\": \"pwned\"}", "WORKFLOW_NOT_FOUND"),
        new Attempt("PUT", "/api/v1/workflows/" + wf, "{\"name\": \"pwned\", \"version\": 1}", "WORKFLOW_NOT_FOUND"),
        new Attempt("DELETE", "/api/v1/workflows/" + wf, null, "WORKFLOW_NOT_FOUND"),
        new Attempt("POST", "/api/v1/workflows/" + wf + "/duplicate", null, "WORKFLOW_NOT_FOUND"),
        new Attempt("POST", "/api/v1/workflows/" + wf + "/execute", "{}", "WORKFLOW_NOT_FOUND"),
        new Attempt("GET", "/api/v1/workflows/" + wf + "/versions", null, "WORKFLOW_NOT_FOUND"),
        new Attempt("POST", "/api/v1/workflows/" + wf + "/versions/1/restore", null, "WORKFLOW_NOT_FOUND"),
        new Attempt("GET", "/api/v1/executions/" + exec, null, "EXECUTION_NOT_FOUND"),
        new Attempt("POST", "/api/v1/executions/" + exec + "/cancel", null, "EXECUTION_NOT_FOUND"),
        new Attempt("DELETE", "/api/v1/api-keys/" + key, null, "API_KEY_NOT_FOUND"));
  }

  @ParameterizedTest(name = "bob: {0}")
  @MethodSource("bobsAttempts")
  void anotherUsersResource_is404_andNothingChanges(Attempt a) {
    Map<String, List<String>> before = api.tables();

    Reply r = api.call(a.method(), a.path(), "bob", a.body());

    assertEquals(404, r.status(), r.body()::toString);
    assertEquals(a.code(), r.code(), r.body()::toString);
    assertEquals(before, api.tables());
  }

  @Test
  void bobsLists_holdNoneOfAlicesItems() {
    for (String path : List.of("/api/v1/workflows", "/api/v1/workflows?status=draft", "/api/v1/executions",
        "/api/v1/executions?workflowId=" + wf, "/api/v1/executions?status=completed", "/api/v1/api-keys")) {
      Reply r = api.call("GET", path, "bob", null);
      assertEquals(200, r.status(), path + ": " + r.body());
      assertEquals(0, r.data().path("items").size(), path + ": " + r.body());
      assertFalse(r.body().toString().contains(wf) || r.body().toString().contains(exec), path);
    }
  }

  @Test
  void alice_stillSeesHerOwnThings() {
    assertEquals(200, api.call("GET", "/api/v1/workflows/" + wf, "alice", null).status());
    assertEquals("completed", api.call("GET", "/api/v1/executions/" + exec, "alice", null).data().path("status").asText());
    assertEquals(key, api.call("GET", "/api/v1/api-keys", "alice", null).data().at("/items/0/id").asText());
  }
}
