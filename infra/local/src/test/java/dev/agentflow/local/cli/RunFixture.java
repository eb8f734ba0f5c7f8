package dev.agentflow.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.agentflow.core.json.Json;
import dev.agentflow.local.AwsClients;
import dev.agentflow.local.LocalCloud;
import dev.agentflow.local.LocalCloudOptions;
import dev.agentflow.local.apigw.LocalJwt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * What {@code agentflow run} runs against in tests and the run benchmark: the repository's template.yaml in an
 * in-memory local cloud on free ports (its HTTP API serves the samples' {@code /sample-data/} routes), a
 * scripted OpenAI-compatible server on loopback whose address is the platform LLM key's {@code baseUrl} (the
 * Secrets Manager secret the llm node reads), and a loopback data server whose answers a test sets. Sample
 * files are copied with their {@code http://127.0.0.1:3000} URLs pointed at this cloud.
 */
public final class RunFixture implements AutoCloseable {

    /** The repository root (template.yaml, events/workflows). */
    public static final Path ROOT = root();
    /** The samples' local cloud address, as written in events/workflows. */
    static final String SAMPLE_BASE = "http://127.0.0.1:3000";

    public final LocalCloud cloud;
    private final LocalJwt jwt;
    final HttpServer llm;
    final HttpServer data;
    final ByteArrayOutputStream log = new ByteArrayOutputStream();
    final Path work;
    /** What the LLM answers; streamed in pieces of {@link #pieceChars} when the request streams. */
    public final AtomicReference<String> answer = new AtomicReference<>("A fine day.");
    /** The LLM server's HTTP status: 200, or e.g. 401 to reject the key. */
    final AtomicInteger llmStatus = new AtomicInteger(200);
    volatile int pieceChars = 8;
    /** Bodies of the chat completion requests the LLM server received. */
    final ConcurrentLinkedQueue<JsonNode> llmRequests = new ConcurrentLinkedQueue<>();
    /** Authorization headers the LLM server received. */
    final ConcurrentLinkedQueue<String> llmAuthorizations = new ConcurrentLinkedQueue<>();
    /** The data server's status and body for every request. */
    public final AtomicInteger dataStatus = new AtomicInteger(503);
    public final AtomicReference<String> dataBody = new AtomicReference<>("{\"error\": \"down for maintenance\"}");

    /** Starts everything, keeping the cloud's log for assertion messages. */
    public RunFixture() throws Exception {
        this(false);
    }

    /** @param quiet discard the cloud's log (benchmarks) */
    public RunFixture(boolean quiet) throws Exception {
        work = Files.createTempDirectory("agentflow-run-test");
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        jwt = new LocalJwt(LocalJwt.DEFAULT_ISSUER, LocalJwt.DEFAULT_AUDIENCE, secret, Clock.systemUTC());
        llm = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        llm.setExecutor(Executors.newCachedThreadPool());
        llm.createContext("/v1/chat/completions", this::chat);
        llm.createContext("/v1/models", ex -> { // key verification (REQ-401-3): keys starting sk-good are valid
            String auth = String.valueOf(ex.getRequestHeaders().getFirst("Authorization"));
            respond(ex, auth.startsWith("Bearer sk-good") ? 200 : 401, auth.startsWith("Bearer sk-good")
                    ? "{\"object\": \"list\", \"data\": [{\"id\": \"gpt-4o-mini\", \"object\": \"model\"}]}"
                    : "{\"error\": {\"message\": \"Incorrect API key provided\"}}");
        });
        llm.start();
        data = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        data.setExecutor(Executors.newCachedThreadPool());
        data.createContext("/", ex -> respond(ex, dataStatus.get(), dataBody.get()));
        data.start();
        PrintStream cloudLog = quiet ? new PrintStream(OutputStream.nullOutputStream())
                : new PrintStream(log, true, StandardCharsets.UTF_8);
        cloud = LocalCloud.start(LocalCloudOptions.inMemory(ROOT.resolve("template.yaml"))
                .withParameterOverrides(UpCommand.LOCAL_PARAMETER_DEFAULTS).withJwt(jwt).withLog(cloudLog));
        try (SecretsManagerClient sm = AwsClients.secretsManager(cloud.edgeEndpoint())) {
            String value = "{\"apiKey\": \"sk-platform-test-0000\", \"baseUrl\": \"" + llmBaseUrl() + "\"}";
            // template.yaml declares the secret (PlatformLlmSecret, created empty): put the test's value
            sm.putSecretValue(b -> b.secretId("agentflow/platform-llm-key").secretString(value));
        }
    }

    private static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("events/workflows"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }

    /** The mock LLM's OpenAI-compatible base URL. */
    String llmBaseUrl() {
        return "http://127.0.0.1:" + llm.getAddress().getPort() + "/v1";
    }

    /** The data server's base URL. */
    public String dataUrl() {
        return "http://127.0.0.1:" + data.getAddress().getPort();
    }

    /** A bearer token for {@code user}. */
    public String token(String user) {
        return jwt.sign(user, Duration.ofHours(1));
    }

    /**
     * A copy of a sample with its local cloud URLs pointed at this cloud, and further replacements applied.
     *
     * @param replacements pairs of text and its replacement, applied after the address
     */
    public Path sample(String file, String... replacements) throws IOException {
        String text = Files.readString(ROOT.resolve("events/workflows").resolve(file))
                .replace(SAMPLE_BASE, cloud.httpApiEndpoint().toString());
        for (int i = 0; i + 1 < replacements.length; i += 2) {
            if (!text.contains(replacements[i])) {
                throw new IllegalArgumentException(file + " does not contain " + replacements[i]);
            }
            text = text.replace(replacements[i], replacements[i + 1]);
        }
        Path copy = Files.createTempFile(work, file.replace(".json", "-"), ".json");
        Files.writeString(copy, text);
        return copy;
    }

    /** One CLI invocation's result. */
    public record Result(int exit, String out, String err) {

        /** stdout as JSON. */
        JsonNode json() {
            return Json.parse(out);
        }
    }

    /** Runs {@code agentflow run FILE …} in-process against this cloud as {@code user}. */
    public Result run(String user, Path file, String... args) {
        List<String> argv = new ArrayList<>(List.of(file.toString(), "--endpoint", cloud.httpApiEndpoint().toString(),
                "--token", token(user)));
        argv.addAll(List.of(args));
        return command(new RunCommand(Map.of(), false), argv);
    }

    /** Runs a command in-process with its output captured. */
    static Result command(Command command, List<String> argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = command.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private void chat(HttpExchange ex) throws IOException {
        JsonNode request = Json.parse(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        llmRequests.add(request);
        llmAuthorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
        int status = llmStatus.get();
        if (status != 200) {
            respond(ex, status, "{\"error\": {\"message\": \"Incorrect API key provided\", \"type\": \"invalid_request_error\","
                    + " \"code\": \"invalid_api_key\"}}");
            return;
        }
        String text = answer.get();
        String head = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1769681100,\"model\":\"gpt-4o-mini\",";
        if (request.path("stream").asBoolean()) {
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            sse(out, head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}");
            for (int i = 0; i < text.length(); i += pieceChars) {
                String piece = text.substring(i, Math.min(text.length(), i + pieceChars));
                sse(out, head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":" + Json.write(piece) + "},\"finish_reason\":null}]}");
            }
            sse(out, head + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
            sse(out, head + "\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":20,\"total_tokens\":30}}");
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            ex.close();
            return;
        }
        respond(ex, 200, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1769681100,\"model\":\"gpt-4o-mini\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + Json.write(text)
                + "},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":20,\"total_tokens\":30}}");
    }

    private static void sse(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        ex.getRequestBody().readAllBytes();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void close() throws Exception {
        try {
            cloud.close();
        } finally {
            llm.stop(0);
            data.stop(0);
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
