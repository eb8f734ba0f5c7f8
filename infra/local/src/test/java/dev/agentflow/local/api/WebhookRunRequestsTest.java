package dev.agentflow.local.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.local.api.LocalApi.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Pins the AWS requests one webhook-triggered run makes (webhook → template node → end, the benchmark's workflow,
 * nobody subscribed), counted on the edge with an observer ({@link EdgeRequestLog}): the number is what the webhook,
 * the node, the status and the result-callback functions cost per run, so a change that adds a request shows here. The run's stored events must still be
 * {@code execution:started, node_started, node_completed, execution:completed} numbered 1..4.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookRunRequestsTest {

  /**
   * The requests of one run, by operation (X-Amz-Target). 15 (20 before the linked writes):
   * <ul>
   *   <li>webhook (4): workflow + signing record Query; record + {@code execution:started} TransactWriteItems (was
   *       PutItem, newest-seq Query, PutItem); StartExecution; markStarted UpdateItem;
   *   <li>template node (6): nodeStarted UpdateItem; newest-seq Query + {@code node_started} PutItem + subscribers
   *       Query; node record + {@code node_completed} TransactWriteItems (was UpdateItem + PutItem) + subscribers
   *       Query;
   *   <li>status (4): record GetItem; node records Query; completion TransactWriteItems (record + run count +
   *       {@code execution:completed}, numbered after the node records' newest event: was a TransactWriteItems, a
   *       newest-seq Query and a PutItem) + subscribers Query;
   *   <li>result callback (1): record GetItem.
   * </ul>
   */
  static final Map<String, Long> EXPECTED = new TreeMap<>(Map.of(
      "AWSStepFunctions.StartExecution", 1L,
      "DynamoDB_20120810.GetItem", 2L,
      "DynamoDB_20120810.PutItem", 1L,
      "DynamoDB_20120810.Query", 6L,
      "DynamoDB_20120810.TransactWriteItems", 3L,
      "DynamoDB_20120810.UpdateItem", 2L));

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private LocalApi api;
  private String workflowId;
  private String secret;

  @BeforeAll
  void start() throws Exception {
    api = LocalApi.start();
    ObjectNode wf = (ObjectNode) LocalApi.JSON.readTree(LocalApi.quickWorkflow("Hook"));
    wf.put("status", "active");
    wf.set("triggers", LocalApi.JSON.readTree("[{\"type\": \"webhook\"}]"));
    Reply created = api.call("POST", "/api/v1/workflows", "hook-user", wf.toString());
    assertEquals(201, created.status(), created.body()::toString);
    workflowId = created.data().path("id").asText();
    secret = created.data().at("/signingSecret/secret").asText();
    // first calls of each function build its clients and caches; the warm-up run must be over before measuring
    try (EdgeRequestLog warmUp = new EdgeRequestLog(api.cloud.routes())) {
      awaitEnded(runOnce("warm-up"));
      warmUp.awaitQuiet(1_000, 20_000);
    }
  }

  @AfterAll
  void stop() throws Exception {
    api.close();
  }

  private String runOnce(String name) throws Exception {
    byte[] body = ("{\"name\": \"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
    long ts = Instant.now().getEpochSecond();
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update((ts + ".").getBytes(StandardCharsets.UTF_8));
    String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(
            URI.create(api.cloud.httpApiEndpoint() + "/hooks/" + workflowId))
        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .header("Content-Type", "application/json").header("X-AgentFlow-Timestamp", Long.toString(ts))
        .header("X-AgentFlow-Signature", signature).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(202, accepted.statusCode(), accepted.body());
    return LocalApi.JSON.readTree(accepted.body()).at("/data/executionId").asText();
  }

  private Reply awaitEnded(String executionId) throws InterruptedException {
    return api.await("/api/v1/executions/" + executionId, "hook-user",
        r -> r.data().path("status").asText().matches("completed|failed"), 30);
  }

  @Test
  void webhookRun_shouldMakeThePinnedNumberOfAwsRequests() throws Exception {
    Map<String, Long> operations;
    String executionId;
    try (EdgeRequestLog log = new EdgeRequestLog(api.cloud.routes())) {
      executionId = runOnce("Ada");
      // the run's functions end within the quiet period; the API is not asked meanwhile (its reads would count)
      log.awaitQuiet(1_000, 20_000);
      operations = log.byOperation();
      System.out.println("one webhook run, AWS requests: " + log.all().size() + " " + operations);
      assertEquals(0, log.count(false), () -> "over the socket: " + log.all());
    }
    Reply done = awaitEnded(executionId);
    assertEquals("completed", done.data().path("status").asText(), done.body()::toString);
    assertEquals("Hello Ada", done.data().at("/outputs/greeting").asText(), done.body()::toString);
    List<JsonNode> events = storedEvents(executionId);
    assertEquals(List.of("execution:started 1", "execution:node_started 2", "execution:node_completed 3",
        "execution:completed 4"), events.stream().map(e -> e.path("type").asText() + " " + e.at("/payload/seq").asLong())
        .toList());
    assertEquals(EXPECTED, operations, () -> "15 expected; got " + operations.values().stream().mapToLong(n -> n).sum());
  }

  private List<JsonNode> storedEvents(String executionId) {
    Reply events = api.call("GET", "/api/v1/executions/" + executionId + "/events", "hook-user", null);
    assertEquals(200, events.status(), events.body()::toString);
    List<JsonNode> items = new java.util.ArrayList<>();
    events.data().path("items").forEach(items::add);
    return items;
  }
}
