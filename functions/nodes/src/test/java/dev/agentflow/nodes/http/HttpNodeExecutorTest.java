package dev.agentflow.nodes.http;

import static dev.agentflow.nodes.testing.StubHttpServer.bigBody;
import static dev.agentflow.nodes.testing.StubHttpServer.json;
import static dev.agentflow.nodes.testing.StubHttpServer.redirect;
import static dev.agentflow.nodes.testing.StubHttpServer.slow;
import static dev.agentflow.nodes.testing.StubHttpServer.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.core.error.HttpRequestFailed;
import dev.agentflow.core.error.NodeConfigInvalid;
import dev.agentflow.core.error.NodeTimeout;
import dev.agentflow.core.json.Json;
import dev.agentflow.shared.net.AddressPolicy;
import dev.agentflow.shared.net.HostResolver;
import dev.agentflow.nodes.testing.StubHttpServer;
import dev.agentflow.nodes.testing.Tasks;
import dev.agentflow.nodes.testing.TestRuntime;
import dev.agentflow.shared.store.NodeRecord;
import dev.agentflow.shared.store.NodeStatus;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpNodeExecutorTest {

    private static final String STATE = """
            {"inputs": {"city": "Paris"},
             "nodes": {"node_1": {"status": "completed", "output": {"city": "Paris", "n": 3}}}}""";

    private StubHttpServer server;
    private TestRuntime runtime;
    private HttpNodeExecutor executor;

    @BeforeEach
    void setUp() {
        server = StubHttpServer.start();
        runtime = TestRuntime.create();
        executor = executor(AddressPolicy.allowing("127.0.0.0/8"));
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private HttpNodeExecutor executor(AddressPolicy policy) {
        return new HttpNodeExecutor(HttpNodeExecutor.newClient(),
                new HttpNodeSettings(policy, HttpNodeSettings.DEFAULT_MAX_BODY_BYTES, 5, Duration.ofSeconds(10)),
                HostResolver.system());
    }

    private JsonNode run(String config) {
        return Tasks.json(runtime.runner().run(Tasks.task("exec_h", null,
                "{\"id\":\"node_2\",\"type\":\"http\",\"label\":\"Call\",\"config\":" + config + "}", STATE), executor, null));
    }

    @Test
    void get_shouldRenderUrlAndParseJsonBody() {
        server.enqueue("/weather", json(200, "{\"temperature\":15,\"weather\":\"sunny\"}", Map.of("X-Trace", "abc")));

        JsonNode result = run("{\"method\":\"GET\",\"url\":\"" + server.url("/weather") + "?city={{inputs.city}}\","
                + "\"headers\":{\"Accept\":\"application/json\",\"X-City\":\"{{inputs.city}}\"}}");

        JsonNode output = result.path("output");
        assertEquals(200, output.path("statusCode").asInt());
        assertEquals(15, output.path("body").path("temperature").asInt());
        assertEquals("abc", output.path("headers").path("x-trace").asText());
        assertTrue(output.path("durationMs").isIntegralNumber());
        assertTrue(result.path("metadata").path("durationMs").isIntegralNumber());
        StubHttpServer.Recorded request = server.requests("/weather").get(0);
        assertEquals("city=Paris", request.query());
        assertEquals("Paris", request.header("X-City"));
    }

    @Test
    void get_whenTemplatePutsUnescapedCharactersInTheUrl_shouldEncodeThem() {
        server.enqueue("/weather", json(200, "{}"));

        run("{\"url\":\"" + server.url("/weather") + "?city=北京 朝阳\"}");

        assertEquals("city=%E5%8C%97%E4%BA%AC%20%E6%9C%9D%E9%98%B3", server.requests("/weather").get(0).query());
    }

    @Test
    void post_withJsonBody_shouldSendRenderedJsonWithItsTypes() {
        server.enqueue("/items", json(201, "{\"id\":\"it_1\"}"));

        JsonNode output = run("{\"method\":\"POST\",\"url\":\"" + server.url("/items") + "\","
                + "\"body\":{\"city\":\"{{inputs.city}}\",\"count\":\"{{node_1.output.n}}\",\"tags\":[\"a\"]}}").path("output");

        assertEquals(201, output.path("statusCode").asInt());
        assertEquals("it_1", output.path("body").path("id").asText());
        StubHttpServer.Recorded request = server.requests("/items").get(0);
        assertEquals("POST", request.method());
        assertEquals("application/json", request.header("Content-Type"));
        assertEquals(Json.parse("{\"city\":\"Paris\",\"count\":3,\"tags\":[\"a\"]}"), Json.parse(request.body()));
    }

    @Test
    void post_withStringBody_shouldRenderItAndKeepTextBodies() {
        server.enqueue("/echo", text(200, "plain answer"));

        JsonNode output = run("{\"method\":\"POST\",\"url\":\"" + server.url("/echo") + "\","
                + "\"headers\":{\"Content-Type\":\"text/plain\"},\"body\":\"Weather in {{inputs.city}}\"}").path("output");

        assertEquals("plain answer", output.path("body").asText());
        assertEquals("Weather in Paris", server.requests("/echo").get(0).body());
    }

    @Test
    void status500_shouldBeAnOutputByDefault() {
        server.enqueue("/boom", json(500, "{\"error\":\"down\"}"));

        JsonNode output = run("{\"url\":\"" + server.url("/boom") + "\"}").path("output");

        assertEquals(500, output.path("statusCode").asInt());
        assertEquals("down", output.path("body").path("error").asText());
    }

    @Test
    void status500_whenFailOnError_shouldFailWithHttpRequestFailedAndRecordIt() {
        server.enqueue("/boom", json(500, "{\"error\":\"down\"}"));

        HttpRequestFailed e = assertThrows(HttpRequestFailed.class,
                () -> run("{\"url\":\"" + server.url("/boom") + "\",\"failOnError\":true}"));

        assertTrue(e.getMessage().startsWith("HTTP 500 from 127.0.0.1"), e.getMessage());
        assertEquals("dev.agentflow.core.error.HttpRequestFailed", e.getClass().getName());
        NodeRecord record = runtime.store().findNode("exec_h", "node_2").orElseThrow();
        assertEquals(NodeStatus.FAILED, record.status());
        assertEquals("HTTP_REQUEST_FAILED", record.error().code());
        assertEquals(1, runtime.events().ofType("execution:node_failed").size());
    }

    @Test
    void slowServer_shouldFailWithTimeoutAfterConfigTimeout() {
        server.enqueue("/slow", slow(Duration.ofSeconds(5), json(200, "{}")));
        long start = System.nanoTime();

        NodeTimeout e = assertThrows(NodeTimeout.class, () -> run("{\"url\":\"" + server.url("/slow") + "\",\"timeout\":0.5}"));

        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 3_000, "took " + millis + " ms");
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
    }

    @Test
    void redirectToMetadataService_shouldBeRefused() {
        server.enqueue("/go", redirect(302, "http://169.254.169.254/latest/meta-data/iam/security-credentials/"));

        HttpRequestFailed e = assertThrows(HttpRequestFailed.class, () -> run("{\"url\":\"" + server.url("/go") + "\"}"));

        assertTrue(e.getMessage().contains("169.254.169.254"), e.getMessage());
        assertTrue(e.getMessage().contains("redirect"), e.getMessage());
    }

    @Test
    void redirectToAllowedHost_shouldBeFollowedWithTheMethodRulesOfRfc9110() {
        server.enqueue("/old", redirect(303, server.url("/new")));
        server.enqueue("/new", json(200, "{\"moved\":true}"));

        JsonNode output = run("{\"method\":\"POST\",\"url\":\"" + server.url("/old") + "\",\"body\":{\"a\":1}}").path("output");

        assertTrue(output.path("body").path("moved").asBoolean());
        assertEquals("GET", server.requests("/new").get(0).method());
    }

    @Test
    void tooManyRedirects_shouldFail() {
        server.enqueue("/loop", redirect(302, server.url("/loop")));

        HttpRequestFailed e = assertThrows(HttpRequestFailed.class, () -> run("{\"url\":\"" + server.url("/loop") + "\"}"));

        assertTrue(e.getMessage().contains("Too many redirects"), e.getMessage());
        assertEquals(6, server.requests("/loop").size());
    }

    @Test
    void directPrivateAddress_shouldBeRefusedBeforeConnecting() {
        HttpRequestFailed e = assertThrows(HttpRequestFailed.class, () -> run("{\"url\":\"http://10.0.0.1/internal\"}"));

        assertTrue(e.getMessage().contains("a private address"), e.getMessage());
    }

    @Test
    void loopback_whenNotAllowListed_shouldBeRefused() {
        executor = executor(AddressPolicy.strict());
        server.enqueue("/weather", json(200, "{}"));

        assertThrows(HttpRequestFailed.class, () -> run("{\"url\":\"" + server.url("/weather") + "\"}"));
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void oversizedBody_withoutContentLength_shouldBeRefusedWhileStreaming() {
        server.enqueue("/big", bigBody(40L * 1024 * 1024, false));

        HttpRequestFailed e = assertThrows(HttpRequestFailed.class, () -> run("{\"url\":\"" + server.url("/big") + "\"}"));

        assertTrue(e.getMessage().contains("exceeds the limit of 5242880 bytes"), e.getMessage());
    }

    @Test
    void oversizedBody_withContentLength_shouldBeRefused() {
        server.enqueue("/big", bigBody(6L * 1024 * 1024, true));

        HttpRequestFailed e = assertThrows(HttpRequestFailed.class, () -> run("{\"url\":\"" + server.url("/big") + "\"}"));

        assertTrue(e.getMessage().contains("5 MiB"), e.getMessage());
    }

    @Test
    void recordedInputs_shouldRedactCredentialHeaders() {
        server.enqueue("/secure", json(200, "{}"));

        run("{\"url\":\"" + server.url("/secure") + "\",\"headers\":{\"Authorization\":\"Bearer user-token-123\",\"X-Api-Key\":\"k-456\"}}");

        JsonNode inputs = runtime.store().findNode("exec_h", "node_2").orElseThrow().inputs();
        assertEquals("[REDACTED]", inputs.path("headers").path("Authorization").asText());
        assertEquals("[REDACTED]", inputs.path("headers").path("X-Api-Key").asText());
        assertEquals("Bearer user-token-123", server.requests("/secure").get(0).header("Authorization"));
        assertFalse(runtime.log().contains("user-token-123"));
    }

    @Test
    void invalidMethod_shouldBeNodeConfigInvalid() {
        assertThrows(NodeConfigInvalid.class, () -> run("{\"method\":\"TRACE\",\"url\":\"" + server.url("/x") + "\"}"));
    }
}
