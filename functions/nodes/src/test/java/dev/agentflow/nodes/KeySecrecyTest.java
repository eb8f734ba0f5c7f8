package dev.agentflow.nodes;

import static dev.agentflow.nodes.testing.StubHttpServer.json;
import static dev.agentflow.nodes.testing.StubHttpServer.sse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.core.error.LlmAuthError;
import dev.agentflow.core.json.Json;
import dev.agentflow.nodes.llm.Backoff;
import dev.agentflow.nodes.llm.EnvPlatformKeySource;
import dev.agentflow.nodes.llm.LlmCredentialResolver;
import dev.agentflow.nodes.llm.LlmNodeExecutor;
import dev.agentflow.nodes.llm.OpenAiChatClient;
import dev.agentflow.shared.net.AddressPolicy;
import dev.agentflow.shared.net.HostResolver;
import dev.agentflow.shared.net.UrlGuard;
import dev.agentflow.nodes.testing.DynamoRuntime;
import dev.agentflow.nodes.testing.OpenAiFixtures;
import dev.agentflow.nodes.testing.StubHttpServer;
import dev.agentflow.nodes.testing.Tasks;
import dev.agentflow.shared.events.ExecutionEvent;
import dev.agentflow.shared.keys.ApiKeyInfo;
import dev.agentflow.shared.keys.KeyVault;
import dev.agentflow.shared.keys.SecretValue;
import dev.agentflow.shared.testing.AesGcmKeyCipher;
import dev.agentflow.shared.testing.DynamoDbLocal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Issue 4 "done when": a user key stored through the key vault is used by an llm node (the provider gets
 * {@code Authorization: Bearer <key>}), and afterwards the key's plaintext is found in no table, no
 * published event, no log line, no node output and no thrown error, even when the provider echoes it.
 */
class KeySecrecyTest {

    private static final String KEY = "sk-user-42-Zq8Lr5Tn2Wv7Xy3Pk9Hs4Jd6";
    private static final String USER = "user_42";

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final List<String> julRecords = new ArrayList<>();
    private final List<String> thrown = new ArrayList<>();
    private PrintStream originalOut;
    private PrintStream originalErr;
    private Handler julHandler;
    private Level originalJulLevel;
    private StubHttpServer server;

    @BeforeEach
    void captureEverything() {
        originalOut = System.out;
        originalErr = System.err;
        PrintStream tee = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(tee);
        System.setErr(tee);
        Logger root = Logger.getLogger("");
        originalJulLevel = root.getLevel();
        root.setLevel(Level.ALL);
        julHandler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (julRecords) {
                    julRecords.add(record.getLoggerName() + " " + record.getMessage() + " " + java.util.Arrays.toString(record.getParameters())
                            + (record.getThrown() == null ? "" : " " + record.getThrown()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        julHandler.setLevel(Level.ALL);
        root.addHandler(julHandler);
        server = StubHttpServer.start();
    }

    @AfterEach
    void restore() {
        server.close();
        System.setOut(originalOut);
        System.setErr(originalErr);
        Logger root = Logger.getLogger("");
        root.removeHandler(julHandler);
        root.setLevel(originalJulLevel);
    }

    @Test
    void userKey_shouldReachTheProviderAndNothingElse() {
        // GIVEN a user key stored through the vault, and the llm function wired as in the cloud
        DynamoRuntime dynamo = DynamoRuntime.create();
        KeyVault vault = new KeyVault(DynamoDbLocal.client(), dynamo.tables().get("ApiKeysTable"), new AesGcmKeyCipher(),
                Clock.systemUTC());
        ApiKeyInfo stored = vault.store(USER, "openai", "my key", SecretValue.of(KEY));
        LlmCredentialResolver credentials = new LlmCredentialResolver(vault, new EnvPlatformKeySource(Map.of()),
                new UrlGuard(AddressPolicy.allowing("127.0.0.0/8"), HostResolver.system()));
        LlmNodeHandler handler = new LlmNodeHandler(dynamo.runner(), new LlmNodeExecutor(credentials,
                OpenAiChatClient.create(), new Backoff(Duration.ofMillis(5), Duration.ofMillis(20), 3), d -> { }));
        String baseUrl = server.url("/v1");

        // WHEN a streamed answer repeats the key, split across chunks
        String half = KEY.substring(0, 14);
        server.enqueue("/v1/chat/completions", sse(OpenAiFixtures.streamChunks("gpt-4o-mini",
                List.of("Sure. Your key is ", half, KEY.substring(14), " — keep it safe."), 10, 12), Duration.ofMillis(70)));
        JsonNode streamed = Tasks.json(handler.handleRequest(llmTask("node_3", baseUrl, true, null), null));

        // AND a plain call names the key by id
        server.enqueue("/v1/chat/completions", json(200, OpenAiFixtures.completion("fine", "gpt-4o-mini", 3, 1)));
        JsonNode plain = Tasks.json(handler.handleRequest(llmTask("node_4", baseUrl, false, stored.keyId()), null));

        // AND the provider rejects the key, echoing it in its error message
        server.enqueue("/v1/chat/completions", json(401, OpenAiFixtures.error("Incorrect API key provided: " + KEY,
                "invalid_request_error", "invalid_api_key")));
        LlmAuthError error = assertThrows(LlmAuthError.class, () -> handler.handleRequest(llmTask("node_5", baseUrl, false, null), null));
        for (Throwable t = error; t != null; t = t.getCause()) {
            thrown.add(t.toString());
            for (StackTraceElement frame : t.getStackTrace()) {
                thrown.add(frame.toString());
            }
        }

        // THEN the provider received the key as a bearer token on every call
        assertEquals(3, server.requests("/v1/chat/completions").size());
        server.requests("/v1/chat/completions").forEach(r -> assertEquals("Bearer " + KEY, r.header("Authorization")));
        assertEquals("Sure. Your key is [REDACTED] — keep it safe.", streamed.path("output").path("text").asText());
        assertEquals("fine", plain.path("output").path("text").asText());
        assertTrue(error.getMessage().contains("Incorrect API key provided: [REDACTED]"), error.getMessage());

        // AND the plaintext is nowhere else
        List<String> places = new ArrayList<>();
        for (String table : dynamo.tables().values()) {
            for (Map<String, AttributeValue> item : DynamoDbLocal.scan(table)) {
                places.add(table + ": " + render(item));
            }
        }
        List<ExecutionEvent> events = dynamo.events().eventsAfter("exec_secret", 0);
        assertTrue(events.stream().anyMatch(e -> e.type().equals("execution:node_output")), "streamed chunks were published");
        events.forEach(e -> places.add("event: " + Json.write(e)));
        places.add("outputs: " + Json.write(streamed) + Json.write(plain));
        places.add("stdout/stderr: " + captured.toString(StandardCharsets.UTF_8));
        synchronized (julRecords) {
            julRecords.forEach(r -> places.add("jul: " + r));
        }
        thrown.forEach(t -> places.add("thrown: " + t));

        assertTrue(captured.size() > 0, "the runner logged");
        String base64 = Base64.getEncoder().encodeToString(KEY.getBytes(StandardCharsets.UTF_8));
        for (String place : places) {
            assertFalse(place.contains(KEY), "key found in " + abbreviate(place));
            assertFalse(place.contains(half), "part of the key found in " + abbreviate(place));
            assertFalse(place.contains(base64), "base64 key found in " + abbreviate(place));
        }
    }

    private static Map<String, Object> llmTask(String nodeId, String baseUrl, boolean streaming, String apiKeyId) {
        String config = "{\"model\":\"gpt-4o-mini\",\"userPrompt\":\"Summarise {{inputs.city}}\",\"streaming\":" + streaming
                + ",\"baseUrl\":\"" + baseUrl + "\"" + (apiKeyId == null ? "" : ",\"apiKeyId\":\"" + apiKeyId + "\"") + "}";
        return Tasks.task("exec_secret", USER, "{\"id\":\"" + nodeId + "\",\"type\":\"llm\",\"label\":\"Summary\",\"config\":"
                + config + "}", "{\"inputs\":{\"city\":\"Paris\"},\"nodes\":{}}");
    }

    /** Every attribute as text: strings, numbers, and binaries decoded as UTF-8, Latin-1 and base64. */
    private static String render(Map<String, AttributeValue> item) {
        StringBuilder sb = new StringBuilder(item.toString());
        item.forEach((name, value) -> {
            if (value.b() != null) {
                byte[] bytes = value.b().asByteArray();
                sb.append(' ').append(new String(bytes, StandardCharsets.UTF_8))
                        .append(' ').append(new String(bytes, StandardCharsets.ISO_8859_1))
                        .append(' ').append(Base64.getEncoder().encodeToString(bytes));
            }
            if (value.s() != null) {
                sb.append(' ').append(value.s());
            }
        });
        return sb.toString();
    }

    private static String abbreviate(String place) {
        return place.length() > 300 ? place.substring(0, 300) + "…" : place;
    }
}
