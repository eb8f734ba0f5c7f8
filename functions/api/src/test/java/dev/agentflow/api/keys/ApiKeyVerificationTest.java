package dev.agentflow.api.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.agentflow.api.testing.ApiFixture;
import dev.agentflow.api.testing.ApiFixture.Reply;
import dev.agentflow.shared.net.AddressPolicy;
import dev.agentflow.shared.net.HostResolver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * REQ-401-3 (seed 000): {@code POST /api/v1/api-keys} checks the key with the provider's {@code GET /models}
 * before storing it, through the SSRF guard, against a loopback mock provider: a rejected key is 400
 * API_KEY_INVALID, an unreachable or failing provider 503 PROVIDER_UNAVAILABLE, a refused or wrong address
 * 400 VALIDATION_ERROR on baseUrl; nothing is stored on failure and the key is never in an answer or a log.
 */
class ApiKeyVerificationTest {

    private static final String GOOD = "sk-good-0123456789abcdef";
    private static final String BAD = "sk-bad-9876543210fedcba";

    private HttpServer provider;
    private final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
    private ApiFixture f;
    private String baseUrl;

    @BeforeEach
    void start() throws IOException {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/v1/models", ex -> {
            String auth = String.valueOf(ex.getRequestHeaders().getFirst("Authorization"));
            seen.add(ex.getRequestMethod() + " " + auth);
            int status = auth.equals("Bearer " + GOOD) ? 200 : 401;
            byte[] body = (status == 200 ? "{\"object\": \"list\", \"data\": [{\"id\": \"gpt-4o-mini\"}]}"
                    : "{\"error\": {\"message\": \"Incorrect API key provided: " + auth.substring(7) + "\"}}").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        provider.createContext("/broken/v1/models", ex -> {
            seen.add("broken");
            ex.sendResponseHeaders(502, -1);
            ex.close();
        });
        provider.start();
        baseUrl = "http://127.0.0.1:" + provider.getAddress().getPort() + "/v1";
        f = new ApiFixture(new HttpKeyVerifier(HttpKeyVerifier.newClient(), AddressPolicy.allowing("127.0.0.0/8"), HostResolver.system()));
    }

    @AfterEach
    void stop() {
        provider.stop(0);
    }

    private Reply add(String json) {
        return f.call("POST", "/api/v1/api-keys", "alice", json);
    }

    private void assertNothingStoredAndNoLeak(Map<String, List<String>> before, Reply reply, String key) {
        assertEquals(before, f.snapshot(), "nothing stored");
        assertFalse(reply.body().toString().contains(key), "the answer does not quote the key");
        assertFalse(f.logs.toString().contains(key), "the key is not logged");
    }

    @Test
    void add_withBaseUrl_andAGoodKey_shouldAskTheProviderOnce_andStoreIt() {
        Reply r = add("{\"provider\": \"openai-compatible\", \"name\": \"local\", \"key\": \"" + GOOD + "\", \"baseUrl\": \"" + baseUrl + "\"}");

        assertEquals(201, r.status(), r.body().toString());
        assertTrue(r.data().path("verified").asBoolean(), r.body().toString());
        assertEquals("cdef", r.data().path("keyHint").asText());
        assertEquals(List.of("GET Bearer " + GOOD), List.copyOf(seen));
        assertEquals(1, f.call("GET", "/api/v1/api-keys", "alice", null).data().path("items").size());
        assertFalse(r.body().toString().contains(GOOD));
        assertFalse(f.logs.toString().contains(GOOD));
        assertFalse(f.snapshot().toString().contains(GOOD), "only ciphertext is stored");
    }

    @Test
    void add_whenTheProviderRejectsTheKey_shouldBe400ApiKeyInvalid_andStoreNothing() {
        Map<String, List<String>> before = f.snapshot();

        Reply r = add("{\"provider\": \"openai\", \"key\": \"" + BAD + "\", \"baseUrl\": \"" + baseUrl + "\"}");

        assertEquals(400, r.status(), r.body().toString());
        assertEquals("API_KEY_INVALID", r.body().at("/error/code").asText());
        assertEquals(401, r.body().at("/error/details/providerStatus").asInt());
        assertEquals("key", r.body().at("/error/details/field").asText());
        assertEquals(1, seen.size());
        assertNothingStoredAndNoLeak(before, r, BAD);
    }

    @Test
    void add_whenNothingListens_shouldBe503ProviderUnavailable_andStoreNothing() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Map<String, List<String>> before = f.snapshot();

        Reply r = add("{\"provider\": \"openai\", \"key\": \"" + GOOD + "\", \"baseUrl\": \"http://127.0.0.1:" + closed + "/v1\"}");

        assertEquals(503, r.status(), r.body().toString());
        assertEquals("PROVIDER_UNAVAILABLE", r.body().at("/error/code").asText());
        assertEquals(0, r.body().at("/error/details/providerStatus").asInt());
        assertNothingStoredAndNoLeak(before, r, GOOD);
    }

    @Test
    void add_whenTheProviderFails_shouldBe503WithItsStatus() {
        Map<String, List<String>> before = f.snapshot();
        String broken = "http://127.0.0.1:" + provider.getAddress().getPort() + "/broken/v1";

        Reply r = add("{\"provider\": \"openai\", \"key\": \"" + GOOD + "\", \"baseUrl\": \"" + broken + "\"}");

        assertEquals(503, r.status(), r.body().toString());
        assertEquals(502, r.body().at("/error/details/providerStatus").asInt());
        assertNothingStoredAndNoLeak(before, r, GOOD);
    }

    @Test
    void add_whenTheBaseUrlIsNoLlmApi_shouldBe400OnBaseUrl() {
        Map<String, List<String>> before = f.snapshot();
        String wrong = "http://127.0.0.1:" + provider.getAddress().getPort() + "/nothing-here";

        Reply r = add("{\"provider\": \"openai\", \"key\": \"" + GOOD + "\", \"baseUrl\": \"" + wrong + "\"}");

        assertEquals(400, r.status(), r.body().toString());
        assertEquals("VALIDATION_ERROR", r.body().at("/error/code").asText());
        assertEquals("baseUrl", r.body().at("/error/details/field").asText());
        assertEquals(404, r.body().at("/error/details/providerStatus").asInt());
        assertNothingStoredAndNoLeak(before, r, GOOD);
    }

    @Test
    void add_whenTheSsrfGuardRefusesTheAddress_shouldBe400OnBaseUrl_withoutAnyRequest() {
        f = new ApiFixture(new HttpKeyVerifier(HttpKeyVerifier.newClient(), AddressPolicy.strict(), HostResolver.system()));
        Map<String, List<String>> before = f.snapshot();

        Reply loopback = add("{\"provider\": \"openai\", \"key\": \"" + GOOD + "\", \"baseUrl\": \"" + baseUrl + "\"}");
        Reply metadata = add("{\"provider\": \"openai\", \"key\": \"" + GOOD + "\", \"baseUrl\": \"http://169.254.169.254/latest\"}");
        Reply scheme = add("{\"provider\": \"openai\", \"key\": \"" + GOOD + "\", \"baseUrl\": \"file:///etc/passwd\"}");

        for (Reply r : List.of(loopback, metadata, scheme)) {
            assertEquals(400, r.status(), r.body().toString());
            assertEquals("baseUrl", r.body().at("/error/details/field").asText(), r.body().toString());
            assertNothingStoredAndNoLeak(before, r, GOOD);
        }
        assertTrue(loopback.body().at("/error/message").asText().contains("loopback"), loopback.body().toString());
        assertTrue(seen.isEmpty(), "the provider was never called");
    }

    @Test
    void add_withVerifyFalse_orWithoutBaseUrlAndVerify_shouldStoreUnchecked() {
        Reply off = add("{\"provider\": \"openai\", \"key\": \"" + BAD + "\", \"baseUrl\": \"" + baseUrl + "\", \"verify\": false}");
        Reply plain = add("{\"provider\": \"deepseek\", \"key\": \"" + BAD + "\"}");

        assertEquals(201, off.status(), off.body().toString());
        assertEquals(201, plain.status(), plain.body().toString());
        assertFalse(off.data().path("verified").asBoolean(true));
        assertFalse(plain.data().path("verified").asBoolean(true));
        assertTrue(seen.isEmpty(), "no check was asked for");
    }

    @Test
    void add_withVerifyTrue_butNoEndpointKnown_orAVerifyThatIsNoBoolean_shouldBe400() {
        Map<String, List<String>> before = f.snapshot();

        Reply noEndpoint = add("{\"provider\": \"openai-compatible\", \"key\": \"" + GOOD + "\", \"verify\": true}");
        Reply notBoolean = add("{\"provider\": \"openai\", \"key\": \"" + GOOD + "\", \"verify\": \"yes\"}");

        assertEquals(400, noEndpoint.status());
        assertEquals("baseUrl", noEndpoint.body().at("/error/details/field").asText());
        assertEquals(400, notBoolean.status());
        assertEquals("verify", notBoolean.body().at("/error/details/field").asText());
        assertEquals(before, f.snapshot());
        assertTrue(seen.isEmpty());
    }
}
