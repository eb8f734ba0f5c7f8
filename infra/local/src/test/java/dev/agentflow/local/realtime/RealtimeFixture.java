package dev.agentflow.local.realtime;

import dev.agentflow.local.AwsClients;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.agentflow.core.json.Json;
import dev.agentflow.local.LocalCloud;
import dev.agentflow.local.LocalCloudOptions;
import dev.agentflow.local.apigw.LocalJwt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;

/**
 * A local cloud on the repository's template.yaml (in memory, free ports) with the realtime pieces wired:
 * a local token authority whose key the $connect authorizer gets through the template's
 * {@code LocalJwtSecret} parameter, a loopback weather server, a scripted OpenAI-compatible server whose
 * address is the platform LLM key's {@code baseUrl}, and small HTTP API helpers.
 */
final class RealtimeFixture implements AutoCloseable {

    static final String ISSUER = LocalJwt.DEFAULT_ISSUER;
    static final String AUDIENCE = LocalJwt.DEFAULT_AUDIENCE;

    final LocalCloud cloud;
    final LocalJwt jwt;
    final HttpServer weather;
    final HttpServer llm;
    final ByteArrayOutputStream log = new ByteArrayOutputStream();
    final HttpClient http = HttpClient.newHttpClient();
    /** What the LLM server streams next: the whole answer, pieces of this many characters, this pause between. */
    final AtomicReference<String> answer = new AtomicReference<>("It is mild in Oslo.");
    volatile int pieceChars = 100;
    volatile Duration pause = Duration.ofMillis(5);
    /** When the LLM server wrote the last piece of its last streamed answer (System.nanoTime). */
    final AtomicLong streamEndedNanos = new AtomicLong();

    RealtimeFixture() throws Exception {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        jwt = new LocalJwt(ISSUER, AUDIENCE, secret, Clock.systemUTC());
        weather = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        weather.createContext("/weather", ex -> {
            byte[] body = "{\"city\": \"Oslo\", \"temperature\": 18, \"condition\": \"Sunny\"}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        weather.start();
        llm = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        llm.createContext("/v1/chat/completions", ex -> {
            JsonNode request = Json.parse(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (request.path("stream").asBoolean()) {
                stream(ex.getResponseBody(), ex);
            } else {
                byte[] body = completion(answer.get()).getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        llm.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        llm.start();
        cloud = LocalCloud.start(LocalCloudOptions.inMemory(Path.of("../../template.yaml"))
                // JwtIssuer, JwtAudience and LocalJwtSecret come from the cloud's own token key (withJwt), as under `up`
                .withParameterOverrides(Map.of("AllowedPrivateNetworks", "127.0.0.0/8"))
                .withJwt(jwt)
                .withLog(new PrintStream(log, true, StandardCharsets.UTF_8)));
        try (SecretsManagerClient sm = AwsClients.secretsManager(cloud.edgeEndpoint())) {
            String value = "{\"apiKey\": \"sk-test-realtime\", \"baseUrl\": \"http://127.0.0.1:" + llm.getAddress().getPort() + "/v1\"}";
            try {
                sm.createSecret(b -> b.name("agentflow/platform-llm-key").secretString(value));
            } catch (ResourceExistsException e) {
                sm.putSecretValue(b -> b.secretId("agentflow/platform-llm-key").secretString(value));
            }
        }
    }

    private void stream(OutputStream out, com.sun.net.httpserver.HttpExchange ex) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        String text = answer.get();
        String head = "{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1769681100,\"model\":\"gpt-4o-mini\",";
        write(out, head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}");
        for (int i = 0; i < text.length(); i += pieceChars) {
            String piece = text.substring(i, Math.min(text.length(), i + pieceChars));
            write(out, head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":" + Json.write(piece) + "},\"finish_reason\":null}]}");
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        streamEndedNanos.set(System.nanoTime());
        write(out, head + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
        write(out, head + "\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":20,\"total_tokens\":30}}");
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void write(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String completion(String text) {
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1769681100,\"model\":\"gpt-4o-mini\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + Json.write(text)
                + "},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":20,\"total_tokens\":30}}";
    }

    String token(String user) {
        return jwt.sign(user, Duration.ofHours(1));
    }

    URI webSocket(String token) {
        return URI.create(cloud.webSocketEndpoint() + "/?token=" + token);
    }

    /** Calls the HTTP API; returns {@code data} of a success envelope. */
    JsonNode api(String user, String method, String path, JsonNode body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(cloud.httpApiEndpoint() + path))
                .header("Authorization", "Bearer " + token(user)).timeout(Duration.ofSeconds(30));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(Json.write(body)));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode envelope = Json.parse(r.body());
        if (r.statusCode() >= 300 || !envelope.path("success").asBoolean()) {
            throw new AssertionError(method + " " + path + " → " + r.statusCode() + " " + r.body() + "\nlog:\n" + log);
        }
        return envelope.path("data");
    }

    /** Saves a workflow for a user; returns its id. */
    String saveWorkflow(String user, ObjectNode workflow) throws Exception {
        return api(user, "POST", "/api/v1/workflows", workflow).path("id").asText();
    }

    /** Runs a workflow; returns the execution id. */
    String execute(String user, String workflowId, ObjectNode inputs) throws Exception {
        return api(user, "POST", "/api/v1/workflows/" + workflowId + "/execute", Json.object().set("inputs", inputs))
                .path("executionId").asText();
    }

    /** The seed 000 weather workflow (events/workflows/weather-summary.json) with its URL on the loopback server. */
    ObjectNode weatherWorkflow() throws IOException {
        ObjectNode wf = (ObjectNode) Json.parse(java.nio.file.Files.readString(Path.of("../../events/workflows/weather-summary.json")));
        for (JsonNode node : wf.path("definition").path("nodes")) {
            if (node.path("id").asText().equals("node_2")) {
                ((ObjectNode) node.path("data").path("config")).put("url",
                        "http://127.0.0.1:" + weather.getAddress().getPort() + "/weather?city={{inputs.city}}");
            }
        }
        return wf;
    }

    /** start → llm (streaming) → end with outputs {answer: llm text}. */
    static ObjectNode streamingWorkflow() {
        return (ObjectNode) Json.parse("""
                {"name": "Streamed answer", "definition": {
                  "nodes": [
                    {"id": "start", "type": "start", "data": {"label": "Start"}},
                    {"id": "answer", "type": "llm", "data": {"label": "Answer", "config": {
                       "model": "gpt-4o-mini", "userPrompt": "Write a long story about {{inputs.topic}}", "streaming": true,
                       "maxTokens": 8000}}},
                    {"id": "end", "type": "end", "data": {"label": "End", "config": {"outputs": {"answer": "{{answer.output.text}}"}}}}
                  ],
                  "edges": [{"id": "e1", "source": "start", "target": "answer"}, {"id": "e2", "source": "answer", "target": "end"}]
                }}
                """);
    }

    @Override
    public void close() throws Exception {
        cloud.close();
        weather.stop(0);
        llm.stop(0);
    }
}
