package dev.agentflow.local.apigw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpApiServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final LocalJwt jwt = new LocalJwt(LocalJwt.DEFAULT_ISSUER, LocalJwt.DEFAULT_AUDIENCE, KEY, Clock.systemUTC());
    private final AtomicReference<JsonNode> lastEvent = new AtomicReference<>();
    private final HttpApiServer server = HttpApiServer.start("127.0.0.1", 0, List.of(
            new HttpApiRoute("GET", "/api/v1/workflows/{id}", "ApiFunction", true),
            new HttpApiRoute("POST", "/hooks/{workflowId}", "TriggerFunction", false)),
            (fn, payload) -> {
                lastEvent.set(JSON.readTree(payload));
                return ("{\"statusCode\":201,\"headers\":{\"content-type\":\"application/json\"},\"body\":\"{\\\"fn\\\":\\\"" + fn + "\\\"}\"}")
                        .getBytes(StandardCharsets.UTF_8);
            }, jwt);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void authorizedRoute_withValidToken_invokesTheFunctionWithFormat2EventAndClaims() throws Exception {
        HttpResponse<String> r = send("GET", "/api/v1/workflows/wf_1?limit=5&x=a%20b", jwt.sign("alice", Duration.ofMinutes(5)), null);

        assertEquals(201, r.statusCode());
        assertEquals("{\"fn\":\"ApiFunction\"}", r.body());
        JsonNode e = lastEvent.get();
        assertEquals("2.0", e.path("version").asText());
        assertEquals("GET /api/v1/workflows/{id}", e.path("routeKey").asText());
        assertEquals("/api/v1/workflows/wf_1", e.path("rawPath").asText());
        assertEquals("wf_1", e.path("pathParameters").path("id").asText());
        assertEquals("a b", e.path("queryStringParameters").path("x").asText());
        assertEquals("alice", e.path("requestContext").path("authorizer").path("jwt").path("claims").path("sub").asText());
        assertEquals("GET", e.path("requestContext").path("http").path("method").asText());
        assertTrue(e.path("headers").has("authorization"));
    }

    @Test
    void missingExpiredOrBadlySignedToken_is401_andNothingIsInvoked() throws Exception {
        LocalJwt past = new LocalJwt(LocalJwt.DEFAULT_ISSUER, LocalJwt.DEFAULT_AUDIENCE, KEY,
                Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC));
        LocalJwt otherKey = new LocalJwt(LocalJwt.DEFAULT_ISSUER, LocalJwt.DEFAULT_AUDIENCE,
                "ffffffffffffffffffffffffffffffff".getBytes(StandardCharsets.US_ASCII), Clock.systemUTC());
        LocalJwt otherAudience = new LocalJwt(LocalJwt.DEFAULT_ISSUER, "someone-else", KEY, Clock.systemUTC());
        for (String token : new String[] {null, "", "garbage", past.sign("alice", Duration.ofMinutes(5)),
                otherKey.sign("alice", Duration.ofMinutes(5)), otherAudience.sign("alice", Duration.ofMinutes(5))}) {
            HttpResponse<String> r = send("GET", "/api/v1/workflows/wf_1", token, null);
            assertEquals(401, r.statusCode(), String.valueOf(token));
            assertEquals("{\"message\":\"Unauthorized\"}", r.body());
        }
        assertEquals(null, lastEvent.get());
    }

    @Test
    void unknownRoute_is404_andUnauthenticatedRoute_passesWithoutClaims() throws Exception {
        assertEquals(404, send("GET", "/nope", null, null).statusCode());
        assertEquals(404, send("DELETE", "/api/v1/workflows/wf_1", jwt.sign("a", Duration.ofMinutes(1)), null).statusCode());
        HttpResponse<String> hook = send("POST", "/hooks/wf_9", null, "{\"a\":1}");
        assertEquals(201, hook.statusCode());
        assertTrue(lastEvent.get().path("requestContext").path("authorizer").isMissingNode());
        assertEquals("{\"a\":1}", lastEvent.get().path("body").asText());
    }

    @Test
    void verify_rejectsTamperedClaims() {
        String token = jwt.sign("alice", Duration.ofMinutes(5));
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":\"bob\",\"iss\":\"https://agentflow.local\",\"aud\":\"agentflow\",\"exp\":9999999999}".getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThrows(LocalJwt.Rejected.class, () -> jwt.verify(forged));
    }

    @Test
    void templateRoutes_includeEveryApiRoute() {
        var path = java.nio.file.Path.of("../../template.yaml");
        var template = dev.agentflow.local.template.SamTemplateReader.read(path,
                dev.agentflow.local.template.StackSettings.defaults());
        List<HttpApiRoute> routes = HttpApiRoutes.read(path, template);
        // 15 + GET /api/v1/executions/{id}/events (issue 6) + POST /api/v1/workflows/{id}/webhook/rotate (issue 8)
        assertEquals(17, routes.stream().filter(r -> r.functionName().equals("ApiFunction")).count());
        assertTrue(routes.stream().filter(r -> r.functionName().equals("ApiFunction")).allMatch(HttpApiRoute::authorized));
        // issue 8: the webhook route has no JWT authorizer (the workflow's signing secret authenticates)
        HttpApiRoute hook = routes.stream().filter(r -> r.match("POST", "/hooks/wf_1") != null).findFirst().orElseThrow();
        assertEquals("WebhookFunction", hook.functionName());
        assertFalse(hook.authorized());
        HttpApiRoute first = routes.stream().filter(r -> r.match("GET", "/api/v1/workflows/wf_1/versions") != null).findFirst().orElseThrow();
        assertEquals("/api/v1/workflows/{id}/versions", first.path());
    }
}
