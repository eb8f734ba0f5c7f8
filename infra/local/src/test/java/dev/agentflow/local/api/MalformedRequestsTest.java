package dev.agentflow.local.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentflow.local.api.LocalApi.Reply;
import dev.agentflow.local.apigw.LocalJwt;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed requests over real HTTP against the local cloud (bad JSON, wrong types, huge bodies, bad and
 * unknown ids, missing, expired and forged tokens): each gets the right 4xx (the function's envelope with its
 * code and field, or API Gateway's own {@code {"message"}} for what the gateway refuses), never a stack trace,
 * and leaves every table unchanged (scanned through the edge before and after).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedRequestsTest {

  private static final int MAX_BODY = 262_144;
  private LocalApi api;
  private String wf;
  private String exec;

  @BeforeAll
  void seed() throws Exception {
    api = LocalApi.start();
    wf = api.call("POST", "/api/v1/workflows", "alice", LocalApi.quickWorkflow("Seed")).data().path("id").asText();
    exec = api.call("POST", "/api/v1/workflows/" + wf + "/execute", "alice", "{\"inputs\": {\"name\": \"A\"}}").data().path("executionId").asText();
    api.await("/api/v1/workflows/" + wf, "alice", r -> r.data().path("runCount").asInt() == 1, 30);
  }

  @AfterAll
  void stop() throws Exception {
    api.close();
  }

  /** How a case authenticates: a function of the local cloud's token authority to a bearer token (or null). */
  record Case(String name, String method, String path, Function<LocalJwt, String> token, byte[] body, int status,
      String code, String field) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Function<LocalJwt, String> as(String user) {
    return jwt -> jwt.sign(user, Duration.ofHours(1));
  }

  private static byte[] utf8(String body) {
    return body == null ? null : body.getBytes(StandardCharsets.UTF_8);
  }

  private static Case bad(String name, String method, String path, String body, String field) {
    return new Case(name, method, path, as("alice"), utf8(body), 400, "VALIDATION_ERROR", field);
  }

  private static Case status(String name, String method, String path, String body, int status, String code) {
    return new Case(name, method, path, as("alice"), utf8(body), status, code, null);
  }

  private static Case unauthorized(String name, String method, String path, Function<LocalJwt, String> token) {
    return new Case(name, method, path, token, null, 401, null, null);
  }

  private static LocalJwt otherAuthority(String audience) {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return new LocalJwt(LocalJwt.DEFAULT_ISSUER, audience, secret, Clock.systemUTC());
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
    c.add(bad("create: null body", "POST", w, "null", "body"));
    c.add(bad("create: duplicate keys", "POST", w, "{\"name\":\"a\",\"name\":\"b\",\"definition\":" + def + "}", "body"));
    c.add(bad("create: form encoded", "POST", w, "name=x&definition=y", "body"));
    c.add(bad("create: huge body (over 256 KiB)", "POST", w, huge, "body"));
    c.add(new Case("create: body over API Gateway's 10 MB", "POST", w, as("alice"), new byte[10 * 1024 * 1024 + 1],
        413, null, null));
    // wrong types and lengths
    c.add(bad("create: missing name", "POST", w, "{\"definition\":" + def + "}", "name"));
    c.add(bad("create: name is a number", "POST", w, "{\"name\":5,\"definition\":" + def + "}", "name"));
    c.add(bad("create: name is an object", "POST", w, "{\"name\":{},\"definition\":" + def + "}", "name"));
    c.add(bad("create: blank name", "POST", w, "{\"name\":\"  \",\"definition\":" + def + "}", "name"));
    c.add(bad("create: name too long", "POST", w, "{\"name\":\"" + "n".repeat(201) + "\",\"definition\":" + def + "}", "name"));
    c.add(bad("create: description is an array", "POST", w, "{\"name\":\"x\",\"description\":[],\"definition\":" + def + "}", "description"));
    c.add(bad("create: missing definition", "POST", w, "{\"name\":\"x\"}", "definition"));
    c.add(bad("create: definition is a string", "POST", w, "{\"name\":\"x\",\"definition\":\"nodes\"}", "definition"));
    c.add(bad("create: triggers is an object", "POST", w, "{\"name\":\"x\",\"definition\":" + def + ",\"triggers\":{}}", "triggers"));
    c.add(bad("create: unknown status", "POST", w, "{\"name\":\"x\",\"status\":\"live\",\"definition\":" + def + "}", "status"));
    c.add(status("create: empty graph", "POST", w, "{\"name\":\"x\",\"definition\":" + def + "}", 400, "INVALID_WORKFLOW_DEFINITION"));
    c.add(bad("update: version is a string", "PUT", one, "{\"version\":\"1\"}", "version"));
    c.add(bad("update: version is fractional", "PUT", one, "{\"version\":1.5}", "version"));
    c.add(bad("update: empty body", "PUT", one, "", "body"));
    c.add(bad("update: definition is an array", "PUT", one, "{\"definition\":[]}", "definition"));
    c.add(new Case("update: stale version", "PUT", one, as("alice"), utf8("{\"name\":\"y\",\"version\":7}"), 409, "CONFLICT", "version"));
    c.add(bad("execute: inputs is an array", "POST", one + "/execute", "{\"inputs\":[1]}", "inputs"));
    c.add(bad("execute: inputs is a string", "POST", one + "/execute", "{\"inputs\":\"city=x\"}", "inputs"));
    c.add(bad("execute: bad JSON", "POST", one + "/execute", "{inputs:", "body"));
    c.add(bad("restore: version not a number", "POST", one + "/versions/abc/restore", null, "version"));
    // ids and query parameters
    c.add(bad("get: malformed workflow id", "GET", w + "/not-an-id", null, "id"));
    c.add(bad("get: overlong id", "GET", w + "/wf_" + "a".repeat(100), null, "id"));
    c.add(bad("get: malformed execution id", "GET", "/api/v1/executions/wf_123", null, "id"));
    c.add(bad("delete key: malformed id", "DELETE", "/api/v1/api-keys/abc", null, "id"));
    c.add(bad("list: limit zero", "GET", w + "?limit=0", null, "limit"));
    c.add(bad("list: limit not a number", "GET", w + "?limit=ten", null, "limit"));
    c.add(bad("list: forged cursor", "GET", w + "?cursor=Zm9vYmFy", null, "cursor"));
    c.add(bad("executions: bad workflowId", "GET", "/api/v1/executions?workflowId=abc", null, "workflowId"));
    c.add(bad("executions: unknown status", "GET", "/api/v1/executions?status=done", null, "status"));
    c.add(bad("executions: bad from", "GET", "/api/v1/executions?from=yesterday", null, "from"));
    // api keys
    c.add(bad("key: unknown provider", "POST", "/api/v1/api-keys", "{\"provider\":\"acme\",\"key\":\"sk-000000000000\"}", "provider"));
    c.add(bad("key: key is a number", "POST", "/api/v1/api-keys", "{\"provider\":\"openai\",\"key\":12345678901}", "key"));
    c.add(bad("key: key too short", "POST", "/api/v1/api-keys", "{\"provider\":\"openai\",\"key\":\"abc\"}", "key"));
    // unknown ids, routes, methods
    c.add(status("get: unknown workflow", "GET", w + "/wf_doesnotexist", null, 404, "WORKFLOW_NOT_FOUND"));
    c.add(status("execute: unknown workflow", "POST", w + "/wf_doesnotexist/execute", "{}", 404, "WORKFLOW_NOT_FOUND"));
    c.add(status("get: unknown execution", "GET", "/api/v1/executions/exec_doesnotexist", null, 404, "EXECUTION_NOT_FOUND"));
    c.add(status("cancel: unknown execution", "POST", "/api/v1/executions/exec_doesnotexist/cancel", null, 404, "EXECUTION_NOT_FOUND"));
    c.add(status("delete: unknown key", "DELETE", "/api/v1/api-keys/key_doesnotexist", null, 404, "API_KEY_NOT_FOUND"));
    c.add(status("restore: unknown version", "POST", one + "/versions/99/restore", null, 404, "VERSION_NOT_FOUND"));
    c.add(status("cancel: already completed", "POST", "/api/v1/executions/" + exec + "/cancel", null, 409, "CONFLICT"));
    c.add(status("unknown route (API Gateway)", "GET", "/api/v1/nothing", null, 404, null));
    c.add(status("method without a route (API Gateway)", "PATCH", one, "{}", 404, null));
    // tokens: the authorizer refuses (401 {"message": "Unauthorized"}), or the function finds no usable sub
    c.add(unauthorized("no token: list", "GET", w, jwt -> null));
    c.add(unauthorized("no token: create", "POST", w, jwt -> null));
    c.add(unauthorized("no token: execute", "POST", one + "/execute", jwt -> null));
    c.add(unauthorized("no token: cancel", "POST", "/api/v1/executions/" + exec + "/cancel", jwt -> null));
    c.add(unauthorized("expired token", "GET", w, jwt -> jwt.sign("alice", Duration.ofMinutes(-5))));
    c.add(unauthorized("expired token: delete", "DELETE", one, jwt -> jwt.sign("alice", Duration.ofMinutes(-5))));
    c.add(unauthorized("token signed with another key", "GET", w, jwt -> otherAuthority(LocalJwt.DEFAULT_AUDIENCE).sign("alice", Duration.ofHours(1))));
    c.add(unauthorized("token for another audience", "GET", w, jwt -> new LocalJwt(jwt.issuer(), "someone-else", jwt.secret(), Clock.systemUTC()).sign("alice", Duration.ofHours(1))));
    c.add(unauthorized("garbage token", "GET", w, jwt -> "not.a.jwt"));
    c.add(new Case("sub with #", "GET", w, as("alice#admin"), null, 401, "UNAUTHORIZED", null));
    return c;
  }

  @Test
  void thereAreAtLeastFiftyCases() {
    assertTrue(cases().size() >= 50, "cases: " + cases().size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void malformedRequest_getsTheRight4xx_andChangesNothing(Case c) {
    Map<String, List<String>> before = api.tables();

    Reply r = api.callWithToken(c.method(), c.path(), c.token().apply(api.cloud.jwt()), c.body());

    assertEquals(c.status(), r.status(), r.body()::toString);
    if (c.code() != null) {
      assertFalse(r.body().path("success").asBoolean(true), r.body()::toString);
      assertEquals(c.code(), r.code(), r.body()::toString);
    }
    if (c.field() != null) {
      assertEquals(c.field(), r.body().at("/error/details/field").asText(), r.body()::toString);
    }
    assertFalse(r.body().toString().contains("Exception") || r.body().toString().contains("\tat "),
        "no stack trace or exception names: " + r.body());
    assertEquals(before, api.tables());
  }
}
