package dev.agentflow.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentflow.api.testing.ApiFixture;
import dev.agentflow.api.testing.ApiFixture.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed requests (bad JSON, wrong types, huge bodies, bad and unknown ids, missing identity): each gets
 * the right 4xx and code, names the field, never shows a stack trace, and leaves every table unchanged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedRequestsTest {

    private static final int MAX_BODY = 64 * 1024;
    private final ApiFixture f = new ApiFixture(MAX_BODY);
    private String wf;
    private String exec;

    @BeforeAll
    void seed() {
        wf = f.call("POST", "/api/v1/workflows", "alice", ApiFixture.sampleWorkflow("weather-summary.json")).data().path("id").asText();
        exec = f.call("POST", "/api/v1/workflows/" + wf + "/execute", "alice", "{}").data().path("executionId").asText();
    }

    record Case(String name, String method, String path, String user, String body, int status, String code, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case bad(String name, String method, String path, String body, String field) {
        return new Case(name, method, path, "alice", body, 400, "VALIDATION_ERROR", field);
    }

    List<Case> cases() {
        String w = "/api/v1/workflows";
        String one = w + "/" + wf;
        String def = "{\"nodes\":[],\"edges\":[]}";
        String huge = "{\"name\":\"x\",\"definition\":" + def + ",\"description\":\"" + "a".repeat(MAX_BODY) + "\"}";
        List<Case> c = new ArrayList<>();
        // bodies that are not JSON objects
        c.add(bad("create: empty body", "POST", w, null, "body"));
        c.add(bad("create: blank body", "POST", w, "   ", "body"));
        c.add(bad("create: truncated JSON", "POST", w, "{\"name\": \"x\"", "body"));
        c.add(bad("create: trailing comma", "POST", w, "{\"name\": \"x\",}", "body"));
        c.add(bad("create: single quotes", "POST", w, "{'name': 'x'}", "body"));
        c.add(bad("create: array body", "POST", w, "[1,2]", "body"));
        c.add(bad("create: string body", "POST", w, "\"hello\"", "body"));
        c.add(bad("create: number body", "POST", w, "42", "body"));
        c.add(bad("create: null body", "POST", w, "null", "body"));
        c.add(bad("create: duplicate keys", "POST", w, "{\"name\":\"a\",\"name\":\"b\",\"definition\":" + def + "}", "body"));
        c.add(bad("create: huge body", "POST", w, huge, "body"));
        c.add(bad("create: not JSON at all", "POST", w, "name=x&definition=y", "body"));
        // wrong types and lengths
        c.add(bad("create: missing name", "POST", w, "{\"definition\":" + def + "}", "name"));
        c.add(bad("create: name is a number", "POST", w, "{\"name\":5,\"definition\":" + def + "}", "name"));
        c.add(bad("create: name is an object", "POST", w, "{\"name\":{},\"definition\":" + def + "}", "name"));
        c.add(bad("create: empty name", "POST", w, "{\"name\":\"  \",\"definition\":" + def + "}", "name"));
        c.add(bad("create: name too long", "POST", w, "{\"name\":\"" + "n".repeat(201) + "\",\"definition\":" + def + "}", "name"));
        c.add(bad("create: name with control character", "POST", w, "{\"name\":\"a\\u0000b\",\"definition\":" + def + "}", "name"));
        c.add(bad("create: description is an array", "POST", w, "{\"name\":\"x\",\"description\":[],\"definition\":" + def + "}", "description"));
        c.add(bad("create: description too long", "POST", w, "{\"name\":\"x\",\"description\":\"" + "d".repeat(2001) + "\",\"definition\":" + def + "}", "description"));
        c.add(bad("create: missing definition", "POST", w, "{\"name\":\"x\"}", "definition"));
        c.add(bad("create: definition is a string", "POST", w, "{\"name\":\"x\",\"definition\":\"nodes\"}", "definition"));
        c.add(bad("create: triggers is an object", "POST", w, "{\"name\":\"x\",\"definition\":" + def + ",\"triggers\":{}}", "triggers"));
        c.add(bad("create: unknown status", "POST", w, "{\"name\":\"x\",\"status\":\"live\",\"definition\":" + def + "}", "status"));
        c.add(new Case("create: empty graph", "POST", w, "alice", "{\"name\":\"x\",\"definition\":" + def + "}", 400, "INVALID_WORKFLOW_DEFINITION", null));
        c.add(bad("update: version is a string", "PUT", one, "{\"version\":\"1\"}", "version"));
        c.add(bad("update: version is fractional", "PUT", one, "{\"version\":1.5}", "version"));
        c.add(bad("update: version is zero", "PUT", one, "{\"version\":0}", "version"));
        c.add(bad("update: empty body", "PUT", one, "", "body"));
        c.add(bad("update: definition is an array", "PUT", one, "{\"definition\":[]}", "definition"));
        c.add(new Case("update: stale version", "PUT", one, "alice", "{\"name\":\"y\",\"version\":7}", 409, "CONFLICT", "version"));
        c.add(bad("execute: inputs is an array", "POST", one + "/execute", "{\"inputs\":[1]}", "inputs"));
        c.add(bad("execute: inputs is a string", "POST", one + "/execute", "{\"inputs\":\"city=x\"}", "inputs"));
        c.add(bad("execute: bad JSON", "POST", one + "/execute", "{inputs:", "body"));
        c.add(bad("restore: version not a number", "POST", one + "/versions/abc/restore", null, "version"));
        c.add(bad("restore: version zero", "POST", one + "/versions/0/restore", null, "version"));
        // ids and query parameters
        c.add(bad("get: malformed workflow id", "GET", w + "/not-an-id", null, "id"));
        c.add(bad("get: id with quote", "GET", w + "/wf_abc'--", null, "id"));
        c.add(bad("get: overlong id", "GET", w + "/wf_" + "a".repeat(100), null, "id"));
        c.add(bad("get: malformed execution id", "GET", "/api/v1/executions/wf_123", null, "id"));
        c.add(bad("delete key: malformed id", "DELETE", "/api/v1/api-keys/abc", null, "id"));
        c.add(bad("list: limit zero", "GET", w + "?limit=0", null, "limit"));
        c.add(bad("list: limit too big", "GET", w + "?limit=1000", null, "limit"));
        c.add(bad("list: limit not a number", "GET", w + "?limit=ten", null, "limit"));
        c.add(bad("list: unknown status", "GET", w + "?status=deleted", null, "status"));
        c.add(bad("list: forged cursor", "GET", w + "?cursor=Zm9vYmFy", null, "cursor"));
        c.add(bad("executions: bad workflowId", "GET", "/api/v1/executions?workflowId=abc", null, "workflowId"));
        c.add(bad("executions: unknown status", "GET", "/api/v1/executions?status=done", null, "status"));
        c.add(bad("executions: bad from", "GET", "/api/v1/executions?from=yesterday", null, "from"));
        c.add(bad("executions: to before from", "GET", "/api/v1/executions?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", null, "to"));
        c.add(bad("executions: cursor from another listing", "GET", "/api/v1/executions?cursor=eyJsIjoid29ya2Zsb3dzIiwiayI6IngiLCJpZCI6IngifQ", null, "cursor"));
        // api keys
        c.add(bad("key: missing provider", "POST", "/api/v1/api-keys", "{\"key\":\"sk-000000000000\"}", "provider"));
        c.add(bad("key: unknown provider", "POST", "/api/v1/api-keys", "{\"provider\":\"acme\",\"key\":\"sk-000000000000\"}", "provider"));
        c.add(bad("key: key is a number", "POST", "/api/v1/api-keys", "{\"provider\":\"openai\",\"key\":12345678901}", "key"));
        c.add(bad("key: key too short", "POST", "/api/v1/api-keys", "{\"provider\":\"openai\",\"key\":\"abc\"}", "key"));
        c.add(bad("key: key with spaces", "POST", "/api/v1/api-keys", "{\"provider\":\"openai\",\"key\":\"sk live 0000000000\"}", "key"));
        c.add(bad("key: name too long", "POST", "/api/v1/api-keys", "{\"provider\":\"openai\",\"name\":\"" + "k".repeat(101) + "\",\"key\":\"sk-000000000000\"}", "name"));
        // unknown ids, routes, methods
        c.add(new Case("get: unknown workflow", "GET", w + "/wf_doesnotexist", "alice", null, 404, "WORKFLOW_NOT_FOUND", null));
        c.add(new Case("execute: unknown workflow", "POST", w + "/wf_doesnotexist/execute", "alice", "{}", 404, "WORKFLOW_NOT_FOUND", null));
        c.add(new Case("get: unknown execution", "GET", "/api/v1/executions/exec_doesnotexist", "alice", null, 404, "EXECUTION_NOT_FOUND", null));
        c.add(new Case("cancel: unknown execution", "POST", "/api/v1/executions/exec_doesnotexist/cancel", "alice", null, 404, "EXECUTION_NOT_FOUND", null));
        c.add(new Case("delete: unknown key", "DELETE", "/api/v1/api-keys/key_doesnotexist", "alice", null, 404, "API_KEY_NOT_FOUND", null));
        c.add(new Case("restore: unknown version", "POST", one + "/versions/99/restore", "alice", null, 404, "VERSION_NOT_FOUND", null));
        c.add(new Case("unknown route", "GET", "/api/v1/nothing", "alice", null, 404, "NOT_FOUND", null));
        c.add(new Case("wrong method", "PATCH", one, "alice", "{}", 405, "METHOD_NOT_ALLOWED", null));
        // no caller identity (no or unusable sub claim)
        c.add(new Case("no token: list", "GET", w, null, null, 401, "UNAUTHORIZED", null));
        c.add(new Case("no token: create", "POST", w, null, ApiFixture.sampleWorkflow("weather-summary.json"), 401, "UNAUTHORIZED", null));
        c.add(new Case("no token: execute", "POST", one + "/execute", null, "{}", 401, "UNAUTHORIZED", null));
        c.add(new Case("no token: cancel", "POST", "/api/v1/executions/" + exec + "/cancel", null, null, 401, "UNAUTHORIZED", null));
        c.add(new Case("sub with #", "GET", w, "alice#admin", null, 401, "UNAUTHORIZED", null));
        c.add(new Case("blank sub", "GET", w, " ", null, 401, "UNAUTHORIZED", null));
        return c;
    }

    @Test
    void thereAreAtLeastFiftyCases() {
        assertTrue(cases().size() >= 50, "cases: " + cases().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void malformedRequest_getsTheRight4xx_andChangesNothing(Case c) {
        var before = f.snapshot();
        int sfnCalls = f.sfn.calls();

        Reply r = f.call(c.method(), c.path(), c.user(), c.body());

        assertEquals(c.status(), r.status(), r.body().toString());
        assertFalse(r.body().path("success").asBoolean(true));
        assertEquals(c.code(), r.code());
        if (c.field() != null) {
            assertEquals(c.field(), r.body().path("error").path("details").path("field").asText(), r.body().toString());
        }
        assertFalse(r.body().toString().contains("Exception"), "no stack trace or exception names");
        assertEquals(before, f.snapshot());
        assertEquals(sfnCalls, f.sfn.calls());
    }

    @Test
    void base64BodyThatDoesNotDecode_is400() {
        var event = ApiFixture.event("POST", "/api/v1/workflows", "alice", "%%%not base64%%%", java.util.Map.of());
        event.setIsBase64Encoded(true);
        var response = f.api.handleRequest(event, null);
        assertEquals(400, response.getStatusCode());
        assertTrue(response.getBody().contains("\"field\":\"body\""));
    }
}
