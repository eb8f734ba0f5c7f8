package dev.agentflow.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.local.it.ApiClient.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The integration scenarios, written once and run against each {@link Target} by a subclass that says how to
 * deploy it: save, execute, watch (WebSocket events), detail, cancel, keys, webhook. Everything goes through the public
 * HTTP and WebSocket APIs with a bearer token, so the same assertions hold on the embedded local cloud,
 * LocalStack and a real account. What a scenario creates it deletes again at the end (workflows soft-deleted,
 * keys removed), so a shared account stays clean.
 *
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ScenarioSuite {

  /** The caller of every scenario. */
  static final String USER = "it-user";
  /** The greeting sample's answer for {"name": "ada lovelace", "hour": 9}. */
  static final String GREETING = "Good morning, Ada Lovelace!";

  private Target target;
  private ApiClient api;
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final List<String> workflows = new ArrayList<>();
  private final List<String> keys = new ArrayList<>();

  /** Deploys (or finds) the target; may skip the class with an assumption when the target is not available. */
  protected abstract Target deploy() throws Exception;

  @BeforeAll
  void setUp() throws Exception {
    target = deploy();
    api = new ApiClient(target);
  }

  @AfterAll
  void tearDown() {
    if (target == null) {
      return;
    }
    try {
      target.releaseSlow();
      workflows.forEach(id -> api.call("DELETE", "/api/v1/workflows/" + id, USER, null));
      keys.forEach(id -> api.call("DELETE", "/api/v1/api-keys/" + id, USER, null));
    } finally {
      target.close();
    }
  }

  // ----- the scenarios ---------------------------------------------------------------------------------------

  @Test
  void save_shouldStoreTheWorkflowAndItsStateMachine() throws Exception {
    Reply created = api.call("POST", "/api/v1/workflows", USER, greeting());
    assertEquals(201, created.status(), created.body()::toString);
    String id = remember(created);
    assertTrue(id.startsWith("wf_"), id);
    assertEquals(1, created.data().path("version").asInt());
    assertEquals("draft", created.data().path("status").asText());

    Reply got = api.call("GET", "/api/v1/workflows/" + id, USER, null);
    assertEquals(200, got.status(), got.body()::toString);
    assertEquals(name("Greeting"), got.data().path("name").asText());
    assertEquals(6, got.data().at("/definition/nodes").size());
    assertTrue(got.data().path("stateMachineArn").asText().contains(":stateMachine:"), got.body()::toString);
  }

  @Test
  void execute_shouldAcceptTheRunAndNameTheExecution() throws Exception {
    String id = remember(api.call("POST", "/api/v1/workflows", USER, greeting()));

    Reply run = api.call("POST", "/api/v1/workflows/" + id + "/execute", USER, inputs());

    assertEquals(202, run.status(), run.body()::toString);
    assertTrue(run.data().path("executionId").asText().startsWith("exec_"), run.body()::toString);
    assertEquals("pending", run.data().path("status").asText());
    Instant.parse(run.data().path("startedAt").asText());
    // and the accepted run really runs to its end (nothing left in flight when the target stops)
    Reply ended = api.await("/api/v1/executions/" + run.data().path("executionId").asText(), USER, r -> ended(r.data()));
    assertEquals("completed", ended.data().path("status").asText(), ended.body()::toString);
  }

  @Test
  void webhook_shouldStartARunWithTheSignedBodyAsInputs() throws Exception {
    ObjectNode wf = (ObjectNode) ApiClient.JSON.readTree(greeting());
    wf.put("status", "active");
    wf.set("triggers", ApiClient.JSON.readTree("[{\"type\": \"webhook\"}]"));
    Reply created = api.call("POST", "/api/v1/workflows", USER, wf.toString());
    assertEquals(201, created.status(), created.body()::toString);
    String id = remember(created);
    String secret = created.data().at("/signingSecret/secret").asText();
    assertFalse(secret.isEmpty(), "the signing secret is shown once, at creation: " + created.body());

    Reply accepted = api.hook(id, secret, "{\"name\": \"ada lovelace\", \"hour\": 9}");

    assertEquals(202, accepted.status(), accepted.body()::toString);
    String execution = accepted.data().path("executionId").asText();
    Reply done = api.await("/api/v1/executions/" + execution, USER, r -> ended(r.data()));
    assertEquals("completed", done.data().path("status").asText(), done.body()::toString);
    assertEquals("webhook", done.data().path("trigger").asText(), done.body()::toString);
    assertTrue(done.data().path("outputs").toString().contains(GREETING), done.body()::toString);
    // signed with another secret: refused, and nothing started
    assertEquals(401, api.hook(id, "whsec_not-the-secret-000000000000", "{}").status());
  }

  @Test
  void detail_shouldEndCompletedWithEveryNodesStateAndTheOutputs() throws Exception {
    String id = remember(api.call("POST", "/api/v1/workflows", USER, greeting()));
    String execution = api.call("POST", "/api/v1/workflows/" + id + "/execute", USER, inputs()).data()
        .path("executionId").asText();

    Reply done = api.await("/api/v1/executions/" + execution, USER, r -> ended(r.data()));

    JsonNode d = done.data();
    assertEquals("completed", d.path("status").asText(), d::toString);
    assertEquals(id, d.path("workflowId").asText());
    assertEquals("completed", d.at("/nodes/morning/status").asText(), d::toString);
    assertEquals("skipped", d.at("/nodes/later/status").asText(), d::toString);
    assertTrue(d.path("outputs").toString().contains(GREETING), d::toString);
    assertFalse(Instant.parse(d.path("completedAt").asText()).isBefore(Instant.parse(d.path("startedAt").asText())));
    Reply listed = api.call("GET", "/api/v1/executions?workflowId=" + id, USER, null);
    assertEquals(execution, listed.data().at("/items/0/id").asText(), listed.body()::toString);
  }

  @Test
  void watch_shouldPushEveryEventInOrderOverTheWebSocket() throws Exception {
    String id = remember(api.call("POST", "/api/v1/workflows", USER, greeting()));
    try (Socket socket = new Socket(target.webSocket(target.token(USER)))) {
      String execution = api.call("POST", "/api/v1/workflows/" + id + "/execute", USER, inputs()).data()
          .path("executionId").asText();
      socket.send(ApiClient.JSON.createObjectNode().put("type", "subscribe").put("executionId", execution));

      List<JsonNode> frames = socket.until(f -> f.path("type").asText().matches("execution:(completed|failed|cancelled)"),
          target.patience());

      assertEquals("subscribed", frames.get(0).path("type").asText(), frames::toString);
      // ordered by seq, as clients must: the subscribe's replay and a publisher's live push may post neighbouring
      // frames in swapped order (each claims its number, then posts; SubscriptionDelivery's contract)
      List<JsonNode> events = frames.stream().filter(f -> f.path("type").asText().startsWith("execution:"))
          .sorted(java.util.Comparator.comparingLong(e -> e.at("/payload/seq").asLong())).toList();
      assertEquals("execution:started", events.get(0).path("type").asText(), events::toString);
      assertEquals("execution:completed", events.get(events.size() - 1).path("type").asText(), events::toString);
      assertTrue(events.stream().anyMatch(e -> e.path("type").asText().equals("execution:node_completed")
          && e.at("/payload/nodeId").asText().equals("morning")), events::toString);
      assertEquals(LongStream.rangeClosed(1, events.size()).boxed().toList(),
          events.stream().map(e -> e.at("/payload/seq").asLong()).toList(), "seq 1..n, no gap, no duplicate");
      assertTrue(events.stream().allMatch(e -> e.path("executionId").asText().equals(execution)));
      assertTrue(events.get(events.size() - 1).at("/payload/outputs").toString().contains(GREETING), events::toString);
    }
  }

  @Test
  void cancel_shouldStopARunningExecution() throws Exception {
    assumeTrue(target.slowUrl().isPresent(), target.name() + " offers no slow URL for the HTTP node to wait on");
    String id = remember(api.call("POST", "/api/v1/workflows", USER, slow(target.slowUrl().get())));
    String execution = api.call("POST", "/api/v1/workflows/" + id + "/execute", USER, "{}").data()
        .path("executionId").asText();
    api.await("/api/v1/executions/" + execution, USER, r -> r.data().at("/nodes/wait/status").asText().equals("running"));

    Reply cancelled = api.call("POST", "/api/v1/executions/" + execution + "/cancel", USER, null);

    assertEquals(200, cancelled.status(), cancelled.body()::toString);
    assertEquals("cancelled", cancelled.data().path("status").asText());
    Reply again = api.call("POST", "/api/v1/executions/" + execution + "/cancel", USER, null);
    assertEquals(409, again.status(), again.body()::toString);
    Reply detail = api.await("/api/v1/executions/" + execution, USER, r -> r.data().hasNonNull("completedAt"));
    assertEquals("cancelled", detail.data().path("status").asText(), detail.body()::toString);
  }

  @Test
  void keys_shouldStoreListAndDeleteAUsersKeyWithoutEverReturningIt() {
    String secret = "sk-it-" + UUID.randomUUID().toString().replace("-", "");
    Reply added = api.call("POST", "/api/v1/api-keys", USER,
        "{\"provider\": \"openai\", \"name\": \"" + name("key") + "\", \"key\": \"" + secret + "\"}");
    assertEquals(201, added.status(), added.body()::toString);
    String id = added.data().path("id").asText();
    keys.add(id);
    assertEquals(secret.substring(secret.length() - 4), added.data().path("keyHint").asText());
    assertFalse(added.body().toString().contains(secret), "the key never comes back");

    Reply listed = api.call("GET", "/api/v1/api-keys", USER, null);
    assertTrue(listed.data().path("items").toString().contains(id), listed.body()::toString);
    assertFalse(listed.body().toString().contains(secret));

    Reply deleted = api.call("DELETE", "/api/v1/api-keys/" + id, USER, null);
    assertEquals(200, deleted.status(), deleted.body()::toString);
    keys.remove(id);
    assertFalse(api.call("GET", "/api/v1/api-keys", USER, null).data().path("items").toString().contains(id));
    Reply gone = api.call("DELETE", "/api/v1/api-keys/" + id, USER, null);
    assertEquals(404, gone.status(), gone.body()::toString);
  }

  // ----- helpers ---------------------------------------------------------------------------------------------

  private String remember(Reply created) {
    String id = created.data().path("id").asText();
    assertNotNull(id, created.body()::toString);
    workflows.add(id);
    return id;
  }

  private static boolean ended(JsonNode execution) {
    return execution.path("status").asText().matches("completed|failed|cancelled|timed_out");
  }

  /** A name this run's resources carry, so a shared account shows what a run left behind. */
  private String name(String base) {
    return base + " (it " + run + ")";
  }

  /** events/workflows/greeting.json: no network, no LLM. */
  private String greeting() throws Exception {
    ObjectNode wf = (ObjectNode) ApiClient.JSON.readTree(Files.readString(root().resolve("events/workflows/greeting.json")));
    wf.put("name", name("Greeting"));
    return wf.toString();
  }

  private static String inputs() {
    return "{\"inputs\": {\"name\": \"ada lovelace\", \"hour\": 9}}";
  }

  /** start → http GET {@code url} (120 s) → end. */
  private String slow(String url) {
    return "{\"name\": \"" + name("Slow") + "\", \"definition\": {\"nodes\": ["
        + "{\"id\": \"s\", \"type\": \"start\", \"data\": {\"label\": \"Start\"}},"
        + "{\"id\": \"wait\", \"type\": \"http\", \"data\": {\"label\": \"Slow call\", \"config\": {\"url\": \"" + url
        + "\", \"timeout\": 120}}},"
        + "{\"id\": \"e\", \"type\": \"end\", \"data\": {\"label\": \"End\"}}],"
        + "\"edges\": [{\"id\": \"e1\", \"source\": \"s\", \"target\": \"wait\"}, {\"id\": \"e2\", \"source\": \"wait\", \"target\": \"e\"}]}}";
  }

  /** The repository root: the nearest directory up from the working directory with template.yaml and functions/. */
  static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("functions"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
  }
}
