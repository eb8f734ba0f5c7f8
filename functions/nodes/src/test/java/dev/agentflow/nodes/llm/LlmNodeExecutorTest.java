package dev.agentflow.nodes.llm;

import static dev.agentflow.nodes.testing.StubHttpServer.json;
import static dev.agentflow.nodes.testing.StubHttpServer.sse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.core.error.LlmApiError;
import dev.agentflow.core.error.LlmAuthError;
import dev.agentflow.core.error.NodeConfigInvalid;
import dev.agentflow.core.json.Json;
import dev.agentflow.shared.net.AddressPolicy;
import dev.agentflow.shared.net.HostResolver;
import dev.agentflow.shared.net.UrlGuard;
import dev.agentflow.nodes.testing.OpenAiFixtures;
import dev.agentflow.nodes.testing.StubHttpServer;
import dev.agentflow.nodes.testing.Tasks;
import dev.agentflow.nodes.testing.TestRuntime;
import dev.agentflow.shared.events.ExecutionEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LlmNodeExecutorTest {

    private static final String PLATFORM_KEY = "sk-platform-test-key-0000000000000001";
    private static final String STATE = """
            {"inputs": {"city": "Beijing"},
             "nodes": {"node_2": {"status": "completed",
                                  "output": {"statusCode": 200, "body": {"temperature": 15, "weather": "sunny"}}}}}""";

    private StubHttpServer server;
    private TestRuntime runtime;
    private final List<Duration> sleeps = new ArrayList<>();

    @BeforeEach
    void setUp() {
        server = StubHttpServer.start();
        runtime = TestRuntime.create();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private LlmNodeExecutor executor(Map<String, String> env) {
        LlmCredentialResolver credentials = new LlmCredentialResolver(null, new EnvPlatformKeySource(env),
                new UrlGuard(AddressPolicy.allowing("127.0.0.0/8"), HostResolver.system()));
        return new LlmNodeExecutor(credentials, OpenAiChatClient.create(),
                new Backoff(Duration.ofMillis(10), Duration.ofMillis(50), 4), sleeps::add);
    }

    private LlmNodeExecutor platformExecutor() {
        return executor(Map.of("OPENAI_API_KEY", PLATFORM_KEY, "OPENAI_BASE_URL", server.url("/v1")));
    }

    private JsonNode run(LlmNodeExecutor executor, String config) {
        return Tasks.json(runtime.runner().run(Tasks.task("exec_l", null,
                "{\"id\":\"node_3\",\"type\":\"llm\",\"label\":\"AI summary\",\"config\":" + config + "}", STATE),
                executor, null));
    }

    private static final String CONFIG = """
            {"model": "gpt-4o-mini", "systemPrompt": "You are a concise weather reporter.",
             "userPrompt": "请用中文总结以下天气数据：{{node_2.output.body}}", "temperature": 0.3, "maxTokens": 300}""";

    @Test
    void plainCompletion_shouldReturnTextAndMetadata() {
        server.enqueue("/v1/chat/completions", json(200, OpenAiFixtures.completion("北京今天晴，15°C。", "gpt-4o-mini-2024-07-18", 42, 12)));

        JsonNode result = run(platformExecutor(), CONFIG);

        assertEquals("北京今天晴，15°C。", result.path("output").path("text").asText());
        JsonNode metadata = result.path("metadata");
        assertEquals(42, metadata.path("tokensUsed").path("prompt").asInt());
        assertEquals(12, metadata.path("tokensUsed").path("completion").asInt());
        assertEquals(54, metadata.path("tokensUsed").path("total").asInt());
        assertEquals("gpt-4o-mini-2024-07-18", metadata.path("model").asText());
        assertEquals("stop", metadata.path("finishReason").asText());
        assertTrue(metadata.path("durationMs").isIntegralNumber());

        StubHttpServer.Recorded request = server.requests("/v1/chat/completions").get(0);
        assertEquals("Bearer " + PLATFORM_KEY, request.header("Authorization"));
        JsonNode body = Json.parse(request.body());
        assertEquals("gpt-4o-mini", body.path("model").asText());
        assertEquals(0.3, body.path("temperature").asDouble());
        assertEquals(300, body.path("max_completion_tokens").asInt());
        assertEquals("system", body.path("messages").get(0).path("role").asText());
        assertEquals("请用中文总结以下天气数据：{\"temperature\":15,\"weather\":\"sunny\"}",
                body.path("messages").get(1).path("content").asText());
    }

    @Test
    void streamedCompletion_shouldPushNodeOutputEventsAndReturnTheWholeText() {
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            pieces.add("片段" + i + " ");
        }
        server.enqueue("/v1/chat/completions", sse(OpenAiFixtures.streamChunks("gpt-4o-mini", pieces, 20, 30), Duration.ofMillis(5)));

        JsonNode result = run(platformExecutor(), CONFIG.replace("\"maxTokens\": 300", "\"maxTokens\": 300, \"streaming\": true"));

        String whole = String.join("", pieces);
        assertEquals(whole, result.path("output").path("text").asText());
        assertEquals(50, result.path("metadata").path("tokensUsed").path("total").asInt());
        List<ExecutionEvent> chunks = runtime.events().ofType("execution:node_output");
        assertTrue(chunks.size() >= 2, "coalesced into several events, got " + chunks.size());
        assertTrue(chunks.size() < pieces.size(), "coalesced, not one event per token: " + chunks.size());
        assertEquals(whole, chunks.stream().map(e -> e.payload().outputs().path("delta").asText()).collect(Collectors.joining()));
        List<String> order = runtime.events().events().stream().map(ExecutionEvent::type).toList();
        assertEquals("execution:node_started", order.get(0));
        assertEquals("execution:node_completed", order.get(order.size() - 1));
        assertTrue(Json.parse(server.requests().get(0).body()).path("stream").asBoolean());
        assertTrue(Json.parse(server.requests().get(0).body()).path("stream_options").path("include_usage").asBoolean());
    }

    @Test
    void rateLimitedThenSuccess_shouldRetryWithBackoff() {
        server.enqueue("/v1/chat/completions",
                json(429, OpenAiFixtures.error("Rate limit reached", "requests", "rate_limit_exceeded"), Map.of("Retry-After", "0.02")),
                json(200, OpenAiFixtures.completion("ok", "gpt-4o-mini", 1, 1)));

        JsonNode result = run(platformExecutor(), CONFIG);

        assertEquals("ok", result.path("output").path("text").asText());
        assertEquals(2, server.requests("/v1/chat/completions").size());
        assertEquals(List.of(Duration.ofMillis(20)), sleeps);
        assertEquals(2, result.path("metadata").path("attempts").asInt());
    }

    @Test
    void serverErrors_shouldGiveUpAfterMaxAttemptsWithLlmApiError() {
        server.enqueue("/v1/chat/completions", json(503, OpenAiFixtures.error("The server is overloaded", "server_error", "overloaded")));

        LlmApiError e = assertThrows(LlmApiError.class, () -> run(platformExecutor(), CONFIG));

        assertEquals(4, server.requests("/v1/chat/completions").size());
        assertTrue(e.getMessage().contains("The server is overloaded"), e.getMessage());
        assertEquals(List.of(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(40)), sleeps);
    }

    @Test
    void unauthorized_shouldNotRetryAndFailWithLlmAuthErrorWithoutTheKey() {
        server.enqueue("/v1/chat/completions", json(401, OpenAiFixtures.error(
                "Incorrect API key provided: " + PLATFORM_KEY + ". You can find your API key at https://platform.openai.com.",
                "invalid_request_error", "invalid_api_key")));

        LlmAuthError e = assertThrows(LlmAuthError.class, () -> run(platformExecutor(), CONFIG));

        assertEquals(1, server.requests("/v1/chat/completions").size());
        assertTrue(e.getMessage().contains("Incorrect API key provided"), e.getMessage());
        assertFalse(e.getMessage().contains(PLATFORM_KEY), e.getMessage());
        assertTrue(sleeps.isEmpty());
        String recorded = Json.write(runtime.store().findNode("exec_l", "node_3").orElseThrow().error());
        assertFalse(recorded.contains(PLATFORM_KEY));
        assertFalse(Json.write(runtime.events().events()).contains(PLATFORM_KEY));
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(PLATFORM_KEY));
        }
    }

    @Test
    void malformedResponse_shouldFailWithLlmApiError() {
        server.enqueue("/v1/chat/completions", json(200, "{\"unexpected\": \"shape\"}"));

        LlmApiError e = assertThrows(LlmApiError.class, () -> run(platformExecutor(), CONFIG));

        assertEquals("dev.agentflow.core.error.LlmApiError", e.getClass().getName());
        assertEquals(1, server.requests("/v1/chat/completions").size());
    }

    @Test
    void notJsonResponse_shouldFailWithLlmApiError() {
        server.enqueue("/v1/chat/completions", StubHttpServer.text(200, "<html>gateway</html>"));

        assertThrows(LlmApiError.class, () -> run(platformExecutor(), CONFIG));
    }

    @Test
    void noKeyAtAll_shouldTellHowToProvideOne() {
        LlmAuthError e = assertThrows(LlmAuthError.class, () -> run(executor(Map.of()), CONFIG));

        assertTrue(e.getMessage().contains("OPENAI_API_KEY"), e.getMessage());
        assertTrue(e.getMessage().contains("OPENAI_BASE_URL"), e.getMessage());
        assertTrue(e.getMessage().contains("/api/v1/api-keys"), e.getMessage());
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void customBaseUrl_withOnlyThePlatformKey_shouldBeRefused() {
        LlmAuthError e = assertThrows(LlmAuthError.class, () -> run(platformExecutor(),
                CONFIG.replace("\"model\"", "\"baseUrl\": \"" + server.url("/evil/v1") + "\", \"model\"")));

        assertTrue(e.getMessage().contains("needs your own API key"), e.getMessage());
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void otherProvider_shouldUseItsEndpointAndMaxTokensField() {
        LlmNodeExecutor executor = executor(Map.of("DEEPSEEK_API_KEY", "sk-deepseek-test-000000", "DEEPSEEK_BASE_URL", server.url("/ds/v1")));
        server.enqueue("/ds/v1/chat/completions", json(200, OpenAiFixtures.completion("hi", "deepseek-chat", 1, 1)));

        run(executor, "{\"provider\":\"deepseek\",\"model\":\"deepseek-chat\",\"userPrompt\":\"hi\",\"maxTokens\":50}");

        JsonNode body = Json.parse(server.requests("/ds/v1/chat/completions").get(0).body());
        assertEquals(50, body.path("max_tokens").asInt());
        assertEquals("Bearer sk-deepseek-test-000000", server.requests().get(0).header("Authorization"));
    }

    @Test
    void badConfig_shouldBeNodeConfigInvalid() {
        assertThrows(NodeConfigInvalid.class, () -> run(platformExecutor(), "{\"model\":\"m\",\"userPrompt\":\"x\",\"temperature\":3}"));
        assertThrows(NodeConfigInvalid.class, () -> run(platformExecutor(), "{\"model\":\"m\",\"userPrompt\":\"x\",\"provider\":\"acme\"}"));
        assertThrows(NodeConfigInvalid.class, () -> run(platformExecutor(), "{\"userPrompt\":\"x\"}"));
    }
}
