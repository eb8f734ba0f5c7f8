package dev.agentflow.local.api;

import dev.agentflow.local.AwsClients;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.agentflow.local.LocalCloud;
import dev.agentflow.local.LocalCloudOptions;
import dev.agentflow.local.apigw.LocalJwt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The repository's template.yaml in an in-memory local cloud on free ports, driven over real HTTP
 * (java.net.http) through its HTTP API with tokens of its own authority, plus two loopback servers the
 * workflows call: a data server ({@code GET /v1/current?city=} weather JSON, {@code GET /slow} that answers
 * only when released) and an OpenAI-compatible chat completions mock that records the API keys it was sent.
 * Tables are compared through the edge (a Scan of every table).
 */
public final class LocalApi implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();
  /** The repository root: the nearest directory up from the working directory that holds template.yaml. */
  static final Path ROOT = root();
  /** What the LLM mock answers. */
  static final String SUMMARY = "Beijing is sunny and 15 degrees: a fine day to go out.";

  /** The running cloud. */
  public final LocalCloud cloud;
  final HttpServer data;
  final HttpServer llm;
  final DynamoDbClient dynamo;
  final ByteArrayOutputStream log = new ByteArrayOutputStream();
  /** {@code Authorization} headers the LLM mock received. */
  final ConcurrentLinkedQueue<String> llmAuthorizations = new ConcurrentLinkedQueue<>();
  private final CountDownLatch releaseSlow = new CountDownLatch(1);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private LocalApi(boolean quiet) throws Exception {
    data = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    data.setExecutor(Executors.newCachedThreadPool());
    data.createContext("/v1/current", ex -> {
      String city = ex.getRequestURI().getQuery() == null ? "" : ex.getRequestURI().getQuery().replace("city=", "");
      respond(ex, 200, "{\"city\": \"" + city + "\", \"temperature\": 15, \"weather\": \"sunny\"}");
    });
    data.createContext("/slow", ex -> {
      try {
        releaseSlow.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      respond(ex, 200, "{\"slow\": true}");
    });
    data.start();
    llm = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    llm.createContext("/v1/chat/completions", ex -> {
      llmAuthorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
      ex.getRequestBody().readAllBytes();
      respond(ex, 200, "{\"id\": \"chatcmpl-local\", \"object\": \"chat.completion\", \"created\": 1767000000,"
          + " \"model\": \"gpt-4o-mini\", \"choices\": [{\"index\": 0, \"message\": {\"role\": \"assistant\","
          + " \"content\": \"" + SUMMARY + "\"}, \"finish_reason\": \"stop\"}],"
          + " \"usage\": {\"prompt_tokens\": 12, \"completion_tokens\": 8, \"total_tokens\": 20}}");
    });
    llm.start();
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    LocalCloudOptions options = LocalCloudOptions.inMemory(ROOT.resolve("template.yaml"))
        .withParameterOverrides(Map.of("AllowedPrivateNetworks", "127.0.0.0/8"))
        .withJwt(new LocalJwt(LocalJwt.DEFAULT_ISSUER, LocalJwt.DEFAULT_AUDIENCE, secret, Clock.systemUTC()))
        .withLog(quiet ? new PrintStream(java.io.OutputStream.nullOutputStream())
            : new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      cloud = LocalCloud.start(options);
    } catch (Exception | Error e) {
      data.stop(0);
      llm.stop(0);
      throw e;
    }
    dynamo = AwsClients.dynamoDb(cloud.edgeEndpoint());
  }

  private static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("events/workflows"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no repository root (template.yaml) above " + Path.of("").toAbsolutePath());
  }

  /** Starts everything, keeping the cloud's log for assertions. */
  static LocalApi start() throws Exception {
    return new LocalApi(false);
  }

  /** Starts everything, discarding the cloud's log (benchmarks). */
  public static LocalApi startQuiet() throws Exception {
    return new LocalApi(true);
  }

  private static void respond(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  /** An HTTP answer: status and JSON body (an empty object when the body is empty). */
  public record Reply(int status, JsonNode body, Map<String, List<String>> headers) {

    /** @return {@code data} of the envelope */
    public JsonNode data() {
      return body.path("data");
    }

    String code() {
      return body.path("error").path("code").asText(null);
    }
  }

  /** A token of user {@code user} valid for an hour. */
  public String token(String user) {
    return cloud.jwt().sign(user, Duration.ofHours(1));
  }

  /** Calls the HTTP API as {@code user} (null: no Authorization header). */
  public Reply call(String method, String path, String user, String body) {
    return callWithToken(method, path, user == null ? null : token(user), body == null ? null
        : body.getBytes(StandardCharsets.UTF_8));
  }

  /** Calls the HTTP API with this bearer token (null: none) and body bytes (null: none). */
  Reply callWithToken(String method, String path, String token, byte[] body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(cloud.httpApiEndpoint() + path))
        .timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      JsonNode json = r.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(r.body());
      return new Reply(r.statusCode(), json, r.headers().map());
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** GETs {@code path} as {@code user} until {@code done} holds (or fails after {@code seconds}). */
  public Reply await(String path, String user, Predicate<Reply> done, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    Reply last = null;
    while (System.nanoTime() < deadline) {
      last = call("GET", path, user, null);
      if (done.test(last)) {
        return last;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("GET " + path + " did not get there in " + seconds + " s; last: "
        + (last == null ? null : last.body()) + "\nlog:\n" + log.toString(StandardCharsets.UTF_8));
  }

  /** The weather sample (events/workflows/weather-summary.json) pointed at the loopback servers. */
  ObjectNode weatherWorkflow(String apiKeyId) throws IOException {
    ObjectNode wf = (ObjectNode) JSON.readTree(Files.readString(ROOT.resolve("events/workflows/weather-summary.json")));
    for (JsonNode node : wf.at("/definition/nodes")) {
      if (!node.at("/data/config").isObject()) {
        continue;
      }
      ObjectNode config = (ObjectNode) node.at("/data/config");
      if (node.path("type").asText().equals("http")) {
        config.put("url", "http://127.0.0.1:" + data.getAddress().getPort() + "/v1/current?city={{inputs.city}}");
      } else if (node.path("type").asText().equals("llm")) {
        config.put("provider", "openai-compatible").put("apiKeyId", apiKeyId)
            .put("baseUrl", "http://127.0.0.1:" + llm.getAddress().getPort() + "/v1");
      }
    }
    return wf;
  }

  /** start → template → end: runs in milliseconds and calls nothing outside. */
  public static String quickWorkflow(String name) {
    return "{\"name\": \"" + name + "\", \"definition\": {\"nodes\": ["
        + "{\"id\": \"s\", \"type\": \"start\", \"data\": {\"label\": \"Start\"}},"
        + "{\"id\": \"greet\", \"type\": \"template\", \"data\": {\"label\": \"Greet\", \"config\": {\"template\": \"Hello {{ inputs.name }}\"}}},"
        + "{\"id\": \"e\", \"type\": \"end\", \"data\": {\"label\": \"End\", \"config\": {\"outputs\": {\"greeting\": \"{{greet.output.text}}\"}}}}],"
        + "\"edges\": [{\"id\": \"e1\", \"source\": \"s\", \"target\": \"greet\"}, {\"id\": \"e2\", \"source\": \"greet\", \"target\": \"e\"}]}}";
  }

  /** start → http GET /slow (answers only when released) → end. */
  String slowWorkflow() {
    return "{\"name\": \"Slow\", \"definition\": {\"nodes\": ["
        + "{\"id\": \"s\", \"type\": \"start\", \"data\": {\"label\": \"Start\"}},"
        + "{\"id\": \"wait\", \"type\": \"http\", \"data\": {\"label\": \"Slow call\", \"config\": {\"url\": \"http://127.0.0.1:"
        + data.getAddress().getPort() + "/slow\", \"timeout\": 60}}},"
        + "{\"id\": \"e\", \"type\": \"end\", \"data\": {\"label\": \"End\"}}],"
        + "\"edges\": [{\"id\": \"e1\", \"source\": \"s\", \"target\": \"wait\"}, {\"id\": \"e2\", \"source\": \"wait\", \"target\": \"e\"}]}}";
  }

  /** Every table's items (as text, sorted), read with Scan through the edge. */
  Map<String, List<String>> tables() {
    Map<String, List<String>> out = new TreeMap<>();
    for (String table : dynamo.listTables().tableNames()) {
      List<String> items = new ArrayList<>();
      Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> start = null;
      do {
        ScanResponse page = dynamo.scan(ScanRequest.builder().tableName(table).consistentRead(true)
            .exclusiveStartKey(start).build());
        page.items().forEach(i -> items.add(new TreeMap<>(i).toString()));
        start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
      } while (start != null);
      items.sort(null);
      out.put(table, items);
    }
    return out;
  }

  @Override
  public void close() throws Exception {
    releaseSlow.countDown();
    dynamo.close();
    try {
      cloud.close();
    } finally {
      data.stop(0);
      llm.stop(0);
    }
  }

  /** Lets {@code GET /slow} answer. */
  void releaseSlow() {
    releaseSlow.countDown();
  }
}
