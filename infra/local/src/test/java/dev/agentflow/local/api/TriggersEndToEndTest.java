package dev.agentflow.local.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.agentflow.local.api.LocalApi.Reply;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 "Done when", over real HTTP against the embedded local cloud running the repository's template.yaml: a
 * signed webhook starts a run whose inputs are its body; the same Idempotency-Key twice gives one execution; a bad
 * signature, an expired timestamp, an inactive workflow and a 2 MB body are refused with their codes (and an unknown
 * workflow looks like a bad signature); a rate(1 minute) schedule fires on the scheduler's test clock, creating
 * executions with trigger schedule, and stops after the workflow is archived; a callback receiver gets the signed
 * results of a completed and of a failed run.
 */
class TriggersEndToEndTest {

  /** The scheduler's clock, moved by the test. */
  static final class TestClock extends Clock {
    volatile Instant now = Instant.now();

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  /** A callback the receiver got. */
  record Callback(String path, Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0))
          .findFirst().orElse(null);
    }
  }

  private static LocalApi api;
  private static HttpServer receiver;
  private static final ConcurrentLinkedQueue<Callback> CALLBACKS = new ConcurrentLinkedQueue<>();
  private static final TestClock SCHEDULER_CLOCK = new TestClock();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    api = LocalApi.start();
    api.cloud.scheduler().useClock(SCHEDULER_CLOCK);
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/", ex -> {
      CALLBACKS.add(new Callback(ex.getRequestURI().getPath(), Map.copyOf(ex.getRequestHeaders()),
          ex.getRequestBody().readAllBytes()));
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    receiver.start();
  }

  @AfterAll
  static void stop() throws Exception {
    receiver.stop(0);
    api.close();
  }

  /** start → template "Hello {{ inputs.name }}" → end, with these triggers and settings, as {@code user}. */
  private static Reply create(String user, String status, String triggers, String callbacks) {
    ObjectNode wf = (ObjectNode) parse(LocalApi.quickWorkflow("Greeting"));
    wf.put("status", status);
    wf.set("triggers", parse(triggers));
    if (callbacks != null) {
      ((ObjectNode) wf.path("definition")).putObject("settings").set("callbacks", parse(callbacks));
    }
    Reply created = api.call("POST", "/api/v1/workflows", user, wf.toString());
    assertEquals(201, created.status(), created.body()::toString);
    return created;
  }

  private static JsonNode parse(String json) {
    try {
      return LocalApi.JSON.readTree(json);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String sign(String secret, long timestamp, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
  }

  private static HttpResponse<String> hook(String workflowId, byte[] body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.cloud.httpApiEndpoint() + "/hooks/" + workflowId))
        .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .header("Content-Type", "application/json");
    headers.forEach(b::header);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> signedHook(String workflowId, String secret, String body, long timestamp,
      Map<String, String> extra) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = new java.util.HashMap<>(Map.of("X-AgentFlow-Timestamp", Long.toString(timestamp),
        "X-AgentFlow-Signature", sign(secret, timestamp, bytes)));
    headers.putAll(extra);
    return hook(workflowId, bytes, headers);
  }

  private static long now() {
    return Instant.now().getEpochSecond();
  }

  private static JsonNode json(HttpResponse<String> r) {
    return parse(r.body());
  }

  private static Reply awaitEnded(String user, String executionId) throws InterruptedException {
    return api.await("/api/v1/executions/" + executionId, user,
        r -> r.data().path("status").asText().matches("completed|failed|cancelled|timed_out"), 60);
  }

  @Test
  void signedWebhook_startsARunWithTheBodyAsInputs_andAnIdempotencyKeyGivesOneExecution() throws Exception {
    Reply created = create("hana", "active", "[{\"type\": \"webhook\"}]", null);
    String id = created.data().path("id").asText();
    String secret = created.data().at("/signingSecret/secret").asText();
    assertTrue(secret.startsWith("whsec_"), created.body()::toString);
    assertEquals("/hooks/" + id, created.data().at("/webhook/path").asText());

    HttpResponse<String> accepted = signedHook(id, secret, "{\"name\": \"Ada\", \"source\": \"crm\"}", now(), Map.of());

    assertEquals(202, accepted.statusCode(), accepted.body());
    String exec = json(accepted).at("/data/executionId").asText();
    Reply done = awaitEnded("hana", exec);
    assertEquals("completed", done.data().path("status").asText(), done.body()::toString);
    assertEquals("webhook", done.data().path("trigger").asText());
    assertEquals("Ada", done.data().at("/inputs/name").asText());
    assertEquals("crm", done.data().at("/inputs/source").asText());
    assertEquals("Hello Ada", done.data().at("/outputs/greeting").asText(), done.body()::toString);

    // the bearer form works too; the same Idempotency-Key twice is one execution
    Map<String, String> key = Map.of("Authorization", "Bearer " + secret, "Idempotency-Key", "order-1001");
    HttpResponse<String> first = hook(id, "{\"name\": \"Bo\"}".getBytes(StandardCharsets.UTF_8), key);
    HttpResponse<String> second = hook(id, "{\"name\": \"Bo\"}".getBytes(StandardCharsets.UTF_8), key);
    assertEquals(202, first.statusCode(), first.body());
    assertEquals(202, second.statusCode(), second.body());
    String keyed = json(first).at("/data/executionId").asText();
    assertEquals(keyed, json(second).at("/data/executionId").asText());
    awaitEnded("hana", keyed);
    JsonNode items = api.call("GET", "/api/v1/executions?workflowId=" + id, "hana", null).data().path("items");
    assertEquals(2, items.size(), items::toString);
    JsonNode keyedItem = items.get(0).path("id").asText().equals(keyed) ? items.get(0) : items.get(1);
    assertEquals("order-1001", keyedItem.path("idempotencyKey").asText(), items::toString);
    assertEquals("webhook", keyedItem.path("trigger").asText());
  }

  @Test
  void refusals_shouldHaveTheirCodes_andNeverRevealAWorkflow() throws Exception {
    Reply created = create("ines", "active", "[{\"type\": \"webhook\"}]", null);
    String id = created.data().path("id").asText();
    String secret = created.data().at("/signingSecret/secret").asText();
    Reply draft = create("ines", "draft", "[{\"type\": \"webhook\"}]", null);
    String draftId = draft.data().path("id").asText();
    String draftSecret = draft.data().at("/signingSecret/secret").asText();

    HttpResponse<String> badSignature = signedHook(id, "whsec_wrong-secret-00000000000000", "{}", now(), Map.of());
    HttpResponse<String> unknown = signedHook("wf_00000000000000000000000000000000", secret, "{}", now(), Map.of());
    HttpResponse<String> expired = signedHook(id, secret, "{}", now() - 600, Map.of());
    HttpResponse<String> inactive = signedHook(draftId, draftSecret, "{}", now(), Map.of());
    byte[] twoMegabytes = ("{\"blob\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> tooLarge = hook(id, twoMegabytes, Map.of("Authorization", "Bearer " + secret));

    assertEquals(401, badSignature.statusCode(), badSignature.body());
    assertEquals("WEBHOOK_UNAUTHORIZED", json(badSignature).at("/error/code").asText());
    assertEquals(401, unknown.statusCode());
    assertEquals(badSignature.body(), unknown.body(), "an unknown workflow looks exactly like a bad signature");
    assertEquals(401, expired.statusCode(), expired.body());
    assertEquals("TIMESTAMP_EXPIRED", json(expired).at("/error/code").asText());
    assertEquals(409, inactive.statusCode(), inactive.body());
    assertEquals("WORKFLOW_INACTIVE", json(inactive).at("/error/code").asText());
    assertEquals(413, tooLarge.statusCode(), tooLarge.body());
    assertEquals("PAYLOAD_TOO_LARGE", json(tooLarge).at("/error/code").asText());
    assertEquals(0, api.call("GET", "/api/v1/executions", "ines", null).data().path("items").size(),
        "nothing was started");

    // the webhook route has no JWT authorizer; the API's routes still do
    assertEquals(401, api.call("GET", "/api/v1/workflows", null, null).status());
  }

  @Test
  void rotatingTheSecret_shouldRetireTheOldOne_atOnce() throws Exception {
    Reply created = create("lea", "active", "[{\"type\": \"webhook\"}]", null);
    String id = created.data().path("id").asText();
    String old = created.data().at("/signingSecret/secret").asText();

    Reply rotated = api.call("POST", "/api/v1/workflows/" + id + "/webhook/rotate", "lea", null);
    assertEquals(200, rotated.status(), rotated.body()::toString);
    String fresh = rotated.data().at("/signingSecret/secret").asText();

    assertEquals(401, signedHook(id, old, "{\"name\": \"x\"}", now(), Map.of()).statusCode());
    assertEquals(202, signedHook(id, fresh, "{\"name\": \"x\"}", now(), Map.of()).statusCode());
    assertFalse(api.call("GET", "/api/v1/workflows/" + id, "lea", null).body().toString().contains(fresh),
        "shown once");
  }

  @Test
  void rateSchedule_firesOnTheSchedulersClock_andStopsAfterArchive() throws Exception {
    Reply created = create("jun", "active", "[{\"type\": \"schedule\", \"rate\": \"1 minute\","
        + " \"inputs\": {\"name\": \"Scheduler\"}}]", null);
    String id = created.data().path("id").asText();
    assertEquals(1, created.data().path("schedules").size(), created.body()::toString);

    // a rate schedule starts at its creation, then every minute of the scheduler's clock
    api.cloud.scheduler().runDue();
    SCHEDULER_CLOCK.now = SCHEDULER_CLOCK.now.plusSeconds(60);
    api.cloud.scheduler().runDue();
    Reply two = api.await("/api/v1/executions?workflowId=" + id + "&status=completed", "jun",
        r -> r.data().path("items").size() == 2, 60);
    for (JsonNode item : two.data().path("items")) {
      assertEquals("schedule", item.path("trigger").asText(), item::toString);
      Reply detail = api.call("GET", "/api/v1/executions/" + item.path("id").asText(), "jun", null);
      assertEquals("Hello Scheduler", detail.data().at("/outputs/greeting").asText(), detail.body()::toString);
    }

    Reply archived = api.call("PUT", "/api/v1/workflows/" + id, "jun", "{\"status\": \"archived\"}");
    assertEquals(200, archived.status(), archived.body()::toString);
    assertEquals(0, archived.data().path("schedules").size());
    SCHEDULER_CLOCK.now = SCHEDULER_CLOCK.now.plusSeconds(300);
    api.cloud.scheduler().runDue();
    Thread.sleep(1000);
    assertEquals(2, api.call("GET", "/api/v1/executions?workflowId=" + id, "jun", null).data().path("items").size(),
        "no run after the archive");
  }

  @Test
  void callbacks_receiveTheSignedResults_ofACompletedAndOfAFailedRun() throws Exception {
    String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
    Reply created = create("kim", "active", "[{\"type\": \"webhook\"}]",
        "{\"onSuccess\": \"" + base + "/ok\", \"onFailure\": \"" + base + "/ko\"}");
    String id = created.data().path("id").asText();
    String secret = created.data().at("/signingSecret/secret").asText();

    String ok = json(signedHook(id, secret, "{\"name\": \"Ada\"}", now(), Map.of())).at("/data/executionId").asText();
    // no 'name': the template's reference fails, and so does the run
    String ko = json(signedHook(id, secret, "{}", now(), Map.of())).at("/data/executionId").asText();
    assertEquals("completed", awaitEnded("kim", ok).data().path("status").asText());
    assertEquals("failed", awaitEnded("kim", ko).data().path("status").asText());

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (CALLBACKS.stream().filter(c -> c.path().equals("/ok") || c.path().equals("/ko")).count() < 2
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    Callback success = CALLBACKS.stream().filter(c -> c.path().equals("/ok")).findFirst().orElseThrow(
        () -> new AssertionError("no success callback; received " + CALLBACKS.size()));
    Callback failure = CALLBACKS.stream().filter(c -> c.path().equals("/ko")).findFirst().orElseThrow();
    JsonNode s = LocalApi.JSON.readTree(success.body());
    assertEquals("execution.completed", s.path("event").asText());
    assertEquals(ok, s.path("executionId").asText());
    assertEquals("Hello Ada", s.at("/outputs/greeting").asText(), s::toString);
    JsonNode f = LocalApi.JSON.readTree(failure.body());
    assertEquals("execution.failed", f.path("event").asText());
    assertEquals(ko, f.path("executionId").asText());
    assertEquals("failed", f.path("status").asText());
    assertFalse(f.at("/error/message").asText().isEmpty(), f::toString);
    for (Callback c : List.of(success, failure)) {
      long ts = Long.parseLong(c.header("X-AgentFlow-Timestamp"));
      assertEquals(sign(secret, ts, c.body()), c.header("X-AgentFlow-Signature"), "signed like webhooks");
    }
    Reply recorded = api.await("/api/v1/executions/" + ok, "kim",
        r -> r.data().at("/callback/state").asText().equals("delivered"), 30);
    assertEquals(200, recorded.data().at("/callback/statusCode").asInt(), recorded.body()::toString);
    assertEquals(base + "/ok", recorded.data().at("/callback/url").asText());
    assertEquals("delivered", api.await("/api/v1/executions/" + ko, "kim",
        r -> r.data().at("/callback/state").asText().equals("delivered"), 30).data().at("/callback/state").asText());
  }
}
