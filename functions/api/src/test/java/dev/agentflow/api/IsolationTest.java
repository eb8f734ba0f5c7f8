package dev.agentflow.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentflow.api.testing.ApiFixture;
import dev.agentflow.api.testing.ApiFixture.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Two users: no endpoint lets bob see or change alice's workflows, executions or keys (all 404, nothing changes). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IsolationTest {

    private final ApiFixture f = new ApiFixture();
    private String wf;
    private String exec;
    private String key;

    @BeforeAll
    void aliceOwnsThings() {
        wf = f.call("POST", "/api/v1/workflows", "alice", ApiFixture.sampleWorkflow("weather-summary.json")).data().path("id").asText();
        exec = f.call("POST", "/api/v1/workflows/" + wf + "/execute", "alice", "{}").data().path("executionId").asText();
        key = f.call("POST", "/api/v1/api-keys", "alice", "{\"provider\":\"openai\",\"key\":\"sk-alice-000000000000\"}").data().path("id").asText();
    }

    record Attempt(String method, String path, String body, String code) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    List<Attempt> bobsAttempts() {
        return List.of(
                new Attempt("GET", "/api/v1/workflows/" + wf, null, "WORKFLOW_NOT_FOUND"),
                new Attempt("PUT", "/api/v1/workflows/" + wf, "{\"name\":\"pwned\"}", "WORKFLOW_NOT_FOUND"),
                new Attempt("PUT", "/api/v1/workflows/" + wf, "{\"name\":\"pwned\",\"version\":1}", "WORKFLOW_NOT_FOUND"),
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
    void anotherUsersResource_is404_andUnchanged(Attempt a) {
        var before = f.snapshot();
        int sfnCalls = f.sfn.calls();

        Reply r = f.call(a.method(), a.path(), "bob", a.body());

        assertEquals(404, r.status(), r.body().toString());
        assertEquals(a.code(), r.code());
        assertEquals(before, f.snapshot());
        assertEquals(sfnCalls, f.sfn.calls());
    }

    @ParameterizedTest(name = "bob lists {0}")
    @MethodSource("lists")
    void listsShowOnlyTheCallersItems(String path) {
        Reply r = f.call("GET", path, "bob", null);
        assertEquals(200, r.status());
        assertEquals(0, r.data().path("items").size());
        assertEquals(1, f.call("GET", path.replace("?workflowId=" + wf, "?workflowId=" + wf), "alice", null).data().path("items").size());
    }

    List<String> lists() {
        return List.of("/api/v1/workflows", "/api/v1/executions", "/api/v1/executions?workflowId=" + wf, "/api/v1/api-keys");
    }

    @ParameterizedTest(name = "alice still sees {0}")
    @MethodSource("alicesReads")
    void ownerStillSeesEverything(String path) {
        assertEquals(200, f.call("GET", path, "alice", null, Map.of()).status());
    }

    List<String> alicesReads() {
        return List.of("/api/v1/workflows/" + wf, "/api/v1/executions/" + exec, "/api/v1/workflows/" + wf + "/versions");
    }
}
