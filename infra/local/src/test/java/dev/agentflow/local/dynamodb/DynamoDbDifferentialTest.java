package dev.agentflow.local.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.local.dynamodb.engine.Database;
import dev.agentflow.local.dynamodb.engine.DynamoDbService;
import dev.agentflow.local.edge.EdgeHandler;
import dev.agentflow.local.edge.EdgeRequest;
import dev.agentflow.local.edge.EdgeResponse;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The same request corpus ({@code dynamodb/corpus.jsonl}: the shapes our functions send, table operations, paging,
 * index queries, transactions, errors) sent in order to DynamoDB Local (the oracle, {@link DynamoDbLocalApi}) and to
 * the local cloud's engine ({@link DynamoDbApi}); each answer must be the same: status, error type and message,
 * body — ignoring timestamps, and the order of Items where DynamoDB leaves it undefined. A step marked
 * {@code known} is a documented difference: only status and error type are compared (with {@code oursStatus}: only
 * our status, where DynamoDB Local's outcome differs from DynamoDB's); a step marked
 * {@code unsupported} is an operation DynamoDB Local serves and the local cloud deliberately does not (it must answer
 * {@code UnknownOperationException}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DynamoDbDifferentialTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> VOLATILE = Set.of("CreationDateTime", "LastUpdateToPayPerRequestDateTime",
      "LastIncreaseDateTime", "LastDecreaseDateTime", "TableId", "LatestStreamArn", "LatestStreamLabel",
      // DynamoDB Local adds ConsumedCapacity unasked to some answers (DeleteItem of a missing item); ours never does
      "ConsumedCapacity");
  private static final String SIGNED = "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/dynamodb/aws4_request, "
      + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0";

  private DynamoDbLocalEngine oracleEngine;
  private EdgeHandler oracle;
  private Database database;
  private EdgeHandler ours;

  @BeforeAll
  void start() throws Exception {
    oracleEngine = DynamoDbLocalEngine.open(null);
    oracle = new DynamoDbLocalApi(oracleEngine);
    database = Database.open(null);
    ours = new DynamoDbApi(new DynamoDbService(database));
  }

  @AfterAll
  void stop() throws Exception {
    oracleEngine.close();
    database.close();
  }

  @TestFactory
  Stream<DynamicTest> corpus_whenSentToDynamoDbLocalAndEngine_shouldBeAnsweredAlike() throws Exception {
    List<JsonNode> steps = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        getClass().getResourceAsStream("/dynamodb/corpus.jsonl"), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.isBlank()) {
          steps.add(JSON.readTree(line));
        }
      }
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      JsonNode step = steps.get(i);
      String body = step.get("body").toString();
      String name = (i + 1) + " " + step.get("op").asText() + " " + (body.length() > 120 ? body.substring(0, 120)
          + "…" : body);
      tests.add(DynamicTest.dynamicTest(name, () -> compare(step)));
    }
    return tests.stream();
  }

  private void compare(JsonNode step) throws Exception {
    String op = step.get("op").asText();
    byte[] body = step.get("body").toString().getBytes(StandardCharsets.UTF_8);
    EdgeResponse actual = send(ours, op, body);
    if (step.path("unsupported").asBoolean()) { // served by DynamoDB Local, deliberately not by the local cloud
      assertEquals(400, actual.status(), actual.bodyText());
      assertEquals("com.amazon.coral.service#UnknownOperationException",
          JSON.readTree(actual.body()).path("__type").asText(), actual.bodyText());
      return;
    }
    EdgeResponse expected = send(oracle, op, body);
    String what = op + " " + step.get("body") + "\nDynamoDB Local: " + expected.status() + " " + expected.bodyText()
        + "\nengine:         " + actual.status() + " " + actual.bodyText();
    if (step.has("oursStatus")) { // a known difference in outcome, not only in wording
      assertEquals(step.get("oursStatus").asInt(), actual.status(), what);
      return;
    }
    assertEquals(expected.status(), actual.status(), what);
    JsonNode e = JSON.readTree(expected.body());
    JsonNode a = JSON.readTree(actual.body());
    if (step.has("known")) {
      assertEquals(e.path("__type").asText().replaceAll(".*#", ""), a.path("__type").asText().replaceAll(".*#", ""),
          what);
      return;
    }
    normalize(e, step.path("unordered").asBoolean());
    normalize(a, step.path("unordered").asBoolean());
    assertEquals(e, a, what);
  }

  private static EdgeResponse send(EdgeHandler handler, String op, byte[] body) throws Exception {
    return handler.handle(new EdgeRequest("POST", "/", null, Map.of("Content-Type", "application/x-amz-json-1.0",
        "X-Amz-Target", "DynamoDB_20120810." + op, "Authorization", SIGNED), body));
  }

  /** @return the node's JSON text with object keys sorted (for ordering items whatever their attribute order) */
  private static String canonical(JsonNode node) {
    if (node instanceof ObjectNode object) {
      java.util.TreeMap<String, String> sorted = new java.util.TreeMap<>();
      object.fields().forEachRemaining(f -> sorted.put(f.getKey(), canonical(f.getValue())));
      return sorted.toString();
    }
    if (node instanceof ArrayNode array) {
      List<String> out = new ArrayList<>();
      array.forEach(n -> out.add(canonical(n)));
      return out.toString();
    }
    return node.toString();
  }

  private static void normalize(JsonNode node, boolean unordered) {
    if (node instanceof ObjectNode object) {
      object.remove(VOLATILE);
      for (String set : List.of("SS", "NS", "BS")) { // sets: DynamoDB gives no order
        if (object.get(set) instanceof ArrayNode array && object.size() == 1) {
          List<JsonNode> sorted = new ArrayList<>();
          array.forEach(sorted::add);
          sorted.sort((x, y) -> x.asText().compareTo(y.asText()));
          array.removeAll();
          array.addAll(sorted);
        }
      }
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        normalize(f.getValue(), unordered);
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(n -> normalize(n, unordered));
      if (unordered) { // every array: Items, BatchGetItem's per-table lists (and, harmlessly, lists inside items)
        List<JsonNode> sorted = new ArrayList<>();
        array.forEach(sorted::add);
        sorted.sort((x, y) -> canonical(x).compareTo(canonical(y)));
        array.removeAll();
        array.addAll(sorted);
      }
    }
  }
}
