package dev.agentflow.local.dynamodb.expr.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.local.dynamodb.DynamoDbApi;
import dev.agentflow.local.dynamodb.DynamoDbLocalApi;
import dev.agentflow.local.dynamodb.DynamoDbLocalEngine;
import dev.agentflow.local.dynamodb.engine.Database;
import dev.agentflow.local.dynamodb.engine.DynamoDbService;
import dev.agentflow.local.dynamodb.expr.Condition;
import dev.agentflow.local.dynamodb.expr.Expressions;
import dev.agentflow.local.dynamodb.expr.KeyCondition;
import dev.agentflow.local.dynamodb.expr.Projection;
import dev.agentflow.local.dynamodb.expr.Update;
import dev.agentflow.local.edge.EdgeHandler;
import dev.agentflow.local.edge.EdgeRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Benchmark of the expression engine ({@link Expressions}): µs per parse and per evaluation of typical
 * expressions on a typical item (the shapes AgentFlow's repositories use), and, for scale, one conditional PutItem
 * through DynamoDB Local 2.6.1 in-process (which parses and evaluates the same condition, plus storage). Prints a
 * markdown table; and the same through AgentFlow's in-memory engine ({@link DynamoDbApi}), which uses this package.
 *
 * <p>How it measures: each operation runs {@value #WARMUP} times to warm the JIT, then {@value #ROUNDS} timed
 * rounds of {@value #ITERATIONS} calls (DynamoDB Local: 2,000 warm-up, rounds of 2,000); the table gives the median
 * round's time per call. Results feed a sink so the JIT cannot drop the work.
 *
 * <p>Run: {@code ./benchmarks.sh ddbexpr}, or {@code mvn -q -o -pl infra/local test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=dev.agentflow.local.dynamodb.expr.bench.ExpressionBenchmark}
 */
public final class ExpressionBenchmark {

  private static final int WARMUP = 200_000;
  private static final int ROUNDS = 7;
  private static final int ITERATIONS = 100_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static volatile int sink;

  private record Row(String operation, String expression, double micros) {}

  private ExpressionBenchmark() {}

  public static void main(String[] args) {
    try {
      run();
      System.exit(0); // DynamoDB Local leaves non-daemon threads that exec:java would wait for
    } catch (Exception e) {
      System.err.println("ExpressionBenchmark failed: " + e);
      System.exit(1);
    }
  }

  private static void run() throws Exception {
    ObjectNode item = json("{\"pk\":{\"S\":\"EXEC#wf_123\"},\"sk\":{\"S\":\"NODE#node_2\"},"
        + "\"status\":{\"S\":\"RUNNING\"},\"version\":{\"N\":\"7\"},\"startedAt\":{\"S\":\"2026-12-06T19:00:00Z\"},"
        + "\"attempts\":{\"N\":\"1\"},\"tags\":{\"SS\":[\"a\",\"b\"]},\"result\":{\"M\":{\"text\":{\"S\":\"hello\"},"
        + "\"tokens\":{\"N\":\"42\"},\"parts\":{\"L\":[{\"S\":\"x\"},{\"S\":\"y\"}]}}},\"userId\":{\"S\":\"user_1\"}}");
    ObjectNode names = json("{\"#st\":\"status\"}");
    ObjectNode values = json("{\":running\":{\"S\":\"RUNNING\"},\":v\":{\"N\":\"7\"},\":owner\":{\"S\":\"user_1\"}}");
    String condition = "attribute_exists(pk) AND #st = :running AND version = :v AND userId = :owner";
    String simple = "attribute_not_exists(pk)";
    String nested = "size(#r.parts) > :n AND begins_with(#r.#t, :h) OR contains(tags, :a)";
    ObjectNode nestedNames = json("{\"#t\":\"text\",\"#r\":\"result\"}");
    ObjectNode nestedValues = json("{\":n\":{\"N\":\"1\"},\":h\":{\"S\":\"he\"},\":a\":{\"S\":\"a\"}}");
    String update = "SET #st = :done, finishedAt = :now, version = version + :one, #r.tokens = :tokens "
        + "REMOVE startedAt ADD attempts :one";
    ObjectNode updateNames = json("{\"#st\":\"status\",\"#r\":\"result\"}");
    ObjectNode updateValues = json("{\":done\":{\"S\":\"SUCCEEDED\"},\":now\":{\"S\":\"2026-12-06T19:01:00Z\"},"
        + "\":one\":{\"N\":\"1\"},\":tokens\":{\"N\":\"64\"}}");
    String projection = "pk, #st, #r.#t, #r.parts[1]";
    ObjectNode projectionNames = json("{\"#st\":\"status\",\"#t\":\"text\",\"#r\":\"result\"}");
    String key = "pk = :pk AND begins_with(sk, :prefix)";
    ObjectNode keyValues = json("{\":pk\":{\"S\":\"EXEC#wf_123\"},\":prefix\":{\"S\":\"NODE#\"}}");

    Condition c = Expressions.condition(condition, names, values);
    Condition s = Expressions.condition(simple, null, null);
    Condition n = Expressions.condition(nested, nestedNames, nestedValues);
    Update u = Expressions.update(update, updateNames, updateValues);
    Projection p = Expressions.projection(projection, projectionNames);
    KeyCondition k = Expressions.keyCondition(key, null, keyValues, "pk", "sk");

    List<Row> rows = new ArrayList<>();
    rows.add(time("parse condition", condition, () -> Expressions.condition(condition, names, values).hashCode()));
    rows.add(time("evaluate condition", condition, () -> c.test(item) ? 1 : 0));
    rows.add(time("parse condition", simple, () -> Expressions.condition(simple, null, null).hashCode()));
    rows.add(time("evaluate condition", simple, () -> s.test(item) ? 1 : 0));
    rows.add(time("parse condition", nested,
        () -> Expressions.condition(nested, nestedNames, nestedValues).hashCode()));
    rows.add(time("evaluate condition", nested, () -> n.test(item) ? 1 : 0));
    rows.add(time("parse update", update, () -> Expressions.update(update, updateNames, updateValues).hashCode()));
    rows.add(time("apply update", update, () -> u.apply(item).size()));
    rows.add(time("parse projection", projection, () -> Expressions.projection(projection, projectionNames)
        .hashCode()));
    rows.add(time("project", projection, () -> p.project(item).size()));
    rows.add(time("parse key condition", key, () -> Expressions.keyCondition(key, null, keyValues, "pk", "sk")
        .hashCode()));
    rows.add(time("match range key", key, () -> k.matchesRange(item.get("sk")) ? 1 : 0));
    rows.add(time("check all used", condition, () -> {
      Expressions.checkAllUsed(names, values, c);
      return 1;
    }));
    rows.add(dynamoDbLocal(item, condition, names, values));
    rows.add(engine(item, condition, names, values));

    System.out.println("| operation | expression | µs/op |");
    System.out.println("| --- | --- | ---: |");
    for (Row r : rows) {
      System.out.printf(Locale.ROOT, "| %s | `%s` | %.3f |%n", r.operation(), r.expression(), r.micros());
    }
    System.out.println();
    System.out.println("Median of " + ROUNDS + " rounds of " + ITERATIONS + " calls after " + WARMUP
        + " warm-up calls; one JVM, one thread. " + Runtime.getRuntime().availableProcessors() + " CPUs, Java "
        + System.getProperty("java.version") + ".");
  }

  private static Row time(String operation, String expression, IntSupplier work) {
    return new Row(operation, expression, measure(work, WARMUP, ITERATIONS));
  }

  private static double measure(IntSupplier work, int warmup, int iterations) {
    int acc = 0;
    for (int i = 0; i < warmup; i++) {
      acc += work.getAsInt();
    }
    double[] perCall = new double[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
      long start = System.nanoTime();
      for (int i = 0; i < iterations; i++) {
        acc += work.getAsInt();
      }
      perCall[r] = (System.nanoTime() - start) / 1000.0 / iterations;
    }
    sink = acc;
    Arrays.sort(perCall);
    return perCall[ROUNDS / 2];
  }

  /** For scale: the same condition as a conditional PutItem through DynamoDB Local in-process (no HTTP). */
  private static Row dynamoDbLocal(ObjectNode item, String condition, ObjectNode names, ObjectNode values)
      throws Exception {
    try (DynamoDbLocalEngine engine = DynamoDbLocalEngine.open(null)) {
      return conditionalPut("DynamoDB Local conditional PutItem (for scale)", new DynamoDbLocalApi(engine), item,
          condition, names, values);
    }
  }

  /** For scale: the same through AgentFlow's in-memory engine, which uses this expression package. */
  private static Row engine(ObjectNode item, String condition, ObjectNode names, ObjectNode values) throws Exception {
    try (Database db = Database.open(null)) {
      return conditionalPut("AgentFlow engine conditional PutItem (for scale)", new DynamoDbApi(new DynamoDbService(db)),
          item, condition, names, values);
    }
  }

  private static Row conditionalPut(String label, EdgeHandler api, ObjectNode item, String condition,
      ObjectNode names, ObjectNode values) throws Exception {
    call(api, "CreateTable", "{\"TableName\":\"bench\",\"AttributeDefinitions\":[{\"AttributeName\":\"pk\","
        + "\"AttributeType\":\"S\"}],\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],"
        + "\"BillingMode\":\"PAY_PER_REQUEST\"}");
    ObjectNode put = JSON.createObjectNode().put("TableName", "bench");
    put.set("Item", item);
    call(api, "PutItem", put.toString());
    put.put("ConditionExpression", condition);
    put.set("ExpressionAttributeNames", names);
    put.set("ExpressionAttributeValues", values);
    byte[] body = JSON.writeValueAsBytes(put);
    return new Row(label, condition, measure(() -> call(api, "PutItem", body), 2_000, 2_000));
  }

  private static int call(EdgeHandler api, String operation, String body) {
    return call(api, operation, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static int call(EdgeHandler api, String operation, byte[] body) {
    int status;
    try {
      status = api.handle(new EdgeRequest("POST", "/", null, Map.of("X-Amz-Target",
          DynamoDbApi.TARGET_PREFIX + operation, "Content-Type", "application/x-amz-json-1.0", "Authorization",
          "AWS4-HMAC-SHA256 Credential=bench/20240101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, "
              + "Signature=0"), body)).status();
    } catch (Exception e) {
      throw new IllegalStateException(operation + " failed", e);
    }
    if (status != 200) {
      throw new IllegalStateException(operation + " answered " + status);
    }
    return status;
  }

  private static ObjectNode json(String text) {
    try {
      return (ObjectNode) JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
