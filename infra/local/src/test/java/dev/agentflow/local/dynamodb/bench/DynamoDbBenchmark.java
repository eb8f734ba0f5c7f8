package dev.agentflow.local.dynamodb.bench;

import dev.agentflow.local.dynamodb.DynamoDbApi;
import dev.agentflow.local.dynamodb.DynamoDbLocalApi;
import dev.agentflow.local.dynamodb.DynamoDbLocalEngine;
import dev.agentflow.local.dynamodb.engine.Database;
import dev.agentflow.local.dynamodb.engine.DynamoDbService;
import dev.agentflow.local.edge.EdgeHandler;
import dev.agentflow.local.edge.EdgeRequest;
import dev.agentflow.local.edge.EdgeResponse;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * µs per DynamoDB operation, the local cloud's engine against DynamoDB Local (2.6.1, SQLite), both in-process behind
 * the edge's handler interface (request bytes in, response bytes out: JSON parsing and writing included, no HTTP):
 * GetItem, PutItem, UpdateItem with a condition, Query returning 10 items, TransactWriteItems of 2 actions; in memory,
 * and for our engine also journalled to disk ({@code <tmp>/dynamodb}). Single thread. Every operation runs 2 s on
 * every target first (JIT warm-up, so no target pays for compiling code the others share); each figure is then the
 * median of three 1 s windows' means, as wall time and as process CPU time (all threads: the engines' own, GC, JIT)
 * per operation; on a shared, loaded machine the CPU figure is the steadier one, since wall time then includes
 * waiting for a core. Phases are logged on stderr. Run: {@code ./benchmarks.sh dynamodb}.
 */
public final class DynamoDbBenchmark {

  private static final String AUTH = "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/dynamodb/aws4_request, "
      + "SignedHeaders=host, Signature=0";
  private static final long WARM_NANOS = 2_000_000_000L;
  private static final long WINDOW_NANOS = 1_000_000_000L;
  private static final int WINDOWS = 3;

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private DynamoDbBenchmark() {}

  /** Prints a markdown table of µs/op. */
  public static void main(String[] args) throws Exception {
    Path tmp = Files.createTempDirectory("ddb-bench");
    DynamoDbLocalEngine localEngine = DynamoDbLocalEngine.open(null);
    Database memory = Database.open(null);
    Database journalled = Database.open(tmp.resolve("dynamodb"));
    Map<String, EdgeHandler> targets = new java.util.LinkedHashMap<>();
    targets.put("engine (memory)", new DynamoDbApi(new DynamoDbService(memory)));
    targets.put("engine (journal)", new DynamoDbApi(new DynamoDbService(journalled)));
    targets.put("DynamoDB Local", new DynamoDbLocalApi(localEngine));
    Map<String, IntFunction<String[]>> ops = new java.util.LinkedHashMap<>();
    ops.put("GetItem", i -> new String[] {"GetItem", "{\"TableName\":\"bench\",\"Key\":{\"pk\":{\"S\":\"item-"
        + (i % 1000) + "\"},\"sk\":{\"S\":\"HEAD\"}}}"});
    ops.put("PutItem", i -> new String[] {"PutItem", "{\"TableName\":\"bench\",\"Item\":{\"pk\":{\"S\":\"put-"
        + (i % 1000) + "\"},\"sk\":{\"S\":\"HEAD\"},\"status\":{\"S\":\"RUNNING\"},\"n\":{\"N\":\"" + i + "\"},"
        + "\"payload\":{\"S\":\"" + "x".repeat(200) + "\"}}}"});
    ops.put("UpdateItem + condition", i -> new String[] {"UpdateItem", "{\"TableName\":\"bench\",\"Key\":{\"pk\":"
        + "{\"S\":\"item-" + (i % 1000) + "\"},\"sk\":{\"S\":\"HEAD\"}},\"UpdateExpression\":\"SET #s = :s, "
        + "updatedAt = :t ADD attempts :one\",\"ConditionExpression\":\"attribute_exists(pk) AND #s <> :done\","
        + "\"ExpressionAttributeNames\":{\"#s\":\"status\"},\"ExpressionAttributeValues\":{\":s\":{\"S\":\"RUNNING\"},"
        + "\":t\":{\"N\":\"" + i + "\"},\":one\":{\"N\":\"1\"},\":done\":{\"S\":\"DONE\"}},\"ReturnValues\":"
        + "\"UPDATED_NEW\"}"});
    ops.put("Query (10 items)", i -> new String[] {"Query", "{\"TableName\":\"bench\",\"KeyConditionExpression\":"
        + "\"pk = :p AND begins_with(sk, :e)\",\"ExpressionAttributeValues\":{\":p\":{\"S\":\"exec-" + (i % 100)
        + "\"},\":e\":{\"S\":\"EVENT#\"}},\"ConsistentRead\":true}"});
    ops.put("TransactWriteItems (2)", i -> new String[] {"TransactWriteItems", "{\"TransactItems\":["
        + "{\"Update\":{\"TableName\":\"bench\",\"Key\":{\"pk\":{\"S\":\"item-" + (i % 1000) + "\"},\"sk\":{\"S\":"
        + "\"HEAD\"}},\"UpdateExpression\":\"SET version = :v\",\"ConditionExpression\":\"attribute_exists(pk)\","
        + "\"ExpressionAttributeValues\":{\":v\":{\"N\":\"" + i + "\"}}}},"
        + "{\"Put\":{\"TableName\":\"bench\",\"Item\":{\"pk\":{\"S\":\"item-" + (i % 1000) + "\"},\"sk\":{\"S\":\"V#"
        + (i % 50) + "\"},\"def\":{\"S\":\"{}\"}}}}]}"});

    for (Map.Entry<String, EdgeHandler> target : targets.entrySet()) {
      long t = System.nanoTime();
      setUp(target.getValue());
      System.err.printf("set up %s in %.1f s%n", target.getKey(), (System.nanoTime() - t) / 1e9);
    }
    for (Map.Entry<String, IntFunction<String[]>> op : ops.entrySet()) {
      for (EdgeHandler target : targets.values()) {
        run(target, op.getValue(), WARM_NANOS, 0);
      }
    }
    System.err.println("warmed up");
    System.out.println("µs per operation, wall / CPU (load average " + String.format("%.1f",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()) + " at the start):");
    System.out.println();
    System.out.println("| operation | " + String.join(" | ", targets.keySet())
        + " | DynamoDB Local / engine (memory), CPU |");
    System.out.println("| --- |" + " ---: |".repeat(targets.size() + 1));
    for (Map.Entry<String, IntFunction<String[]>> op : ops.entrySet()) {
      StringBuilder row = new StringBuilder("| " + op.getKey() + " |");
      double first = 0;
      double last = 0;
      for (EdgeHandler target : targets.values()) {
        double[] micros = measure(target, op.getValue());
        row.append(String.format(" %.1f / %.1f |", micros[0], micros[1]));
        if (first == 0) {
          first = micros[1];
        }
        last = micros[1];
      }
      row.append(String.format(" %.0f× |", last / first));
      System.out.println(row);
    }
    memory.close();
    journalled.close();
    localEngine.close();
    System.exit(0); // DynamoDB Local leaves non-daemon threads behind that would hold the JVM for minutes
  }

  private static void setUp(EdgeHandler target) throws Exception {
    call(target, "CreateTable", "{\"TableName\":\"bench\",\"BillingMode\":\"PAY_PER_REQUEST\","
        + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},{\"AttributeName\":\"sk\","
        + "\"AttributeType\":\"S\"}],\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"
        + "{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}]}");
    for (int i = 0; i < 1000; i++) {
      call(target, "PutItem", "{\"TableName\":\"bench\",\"Item\":{\"pk\":{\"S\":\"item-" + i + "\"},\"sk\":{\"S\":"
          + "\"HEAD\"},\"status\":{\"S\":\"PENDING\"},\"userId\":{\"S\":\"u1\"},\"version\":{\"N\":\"1\"}}}");
    }
    for (int e = 0; e < 100; e++) {
      for (int i = 0; i < 12; i++) {
        call(target, "PutItem", "{\"TableName\":\"bench\",\"Item\":{\"pk\":{\"S\":\"exec-" + e + "\"},\"sk\":{\"S\":"
            + (i < 10 ? "\"EVENT#" + String.format("%05d", i) : "\"STATE" + i) + "\"},\"type\":{\"S\":\"node\"},"
            + "\"data\":{\"S\":\"" + "y".repeat(100) + "\"}}}");
      }
    }
  }

  /** @return the medians over {@link #WINDOWS} windows of wall and process-CPU µs per operation */
  private static double[] measure(EdgeHandler target, IntFunction<String[]> op) throws Exception {
    double[] wall = new double[WINDOWS];
    double[] cpu = new double[WINDOWS];
    for (int w = 0; w < WINDOWS; w++) {
      double[] window = run(target, op, WINDOW_NANOS, w * 1_000_000);
      wall[w] = window[0];
      cpu[w] = window[1];
    }
    java.util.Arrays.sort(wall);
    java.util.Arrays.sort(cpu);
    return new double[] {wall[WINDOWS / 2], cpu[WINDOWS / 2]};
  }

  /** Runs the operation for a while; @return wall and process-CPU µs per operation. */
  private static double[] run(EdgeHandler target, IntFunction<String[]> op, long nanos, int firstIndex)
      throws Exception {
    int i = firstIndex;
    int n = 0;
    long cpuStart = OS.getProcessCpuTime();
    long start = System.nanoTime();
    long elapsed;
    do {
      String[] r = op.apply(i++);
      call(target, r[0], r[1]);
      n++;
      elapsed = System.nanoTime() - start;
    } while (elapsed < nanos);
    return new double[] {elapsed / 1000.0 / n, (OS.getProcessCpuTime() - cpuStart) / 1000.0 / n};
  }

  private static void call(EdgeHandler target, String operation, String body) throws Exception {
    EdgeResponse response = target.handle(new EdgeRequest("POST", "/", null, Map.of("X-Amz-Target",
        "DynamoDB_20120810." + operation, "Authorization", AUTH, "Content-Type", "application/x-amz-json-1.0"),
        body.getBytes(StandardCharsets.UTF_8)));
    if (response.status() != 200) {
      throw new IllegalStateException(operation + " failed: " + response.bodyText());
    }
  }
}
