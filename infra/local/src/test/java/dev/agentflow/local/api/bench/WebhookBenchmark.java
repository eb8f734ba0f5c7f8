package dev.agentflow.local.api.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.local.api.LocalApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Issue 8 benchmark: the webhook of a two-node workflow (webhook → one template node → end) on loopback. The
 * repository's template.yaml runs in an in-memory local cloud; a closed-loop Java load generator (like wrk: each of
 * N connections — a kept-alive socket, {@link Http1Connection} — sends a signed {@code POST /hooks/{id}}, HMAC-SHA256
 * over timestamp + body, and sends the next as soon as the answer came) drives it for {@code bench.seconds}
 * (default 30) per connection count ({@code bench.connections}, default 1,10,50), after a warm-up
 * ({@code bench.warmup}, default 45 s, at the first connection count: the JIT's first minute on 2 cores is not what
 * a running local cloud does).
 *
 * <p>Per cell it prints: executions started per second (202 answers); executions completed per second (records of
 * this window whose state machine stopped inside it); executions stored per second (records that said
 * {@code completed} — written in one transaction with {@code execution:completed}, after the node record and the
 * other events — when the window closed; checked on a sample); the time to drain what was still running; p50 / p99
 * webhook latency; the load average. {@code -Dbench.sampleMs=20} adds a poor-man's sampling profiler (stacks of
 * runnable threads, attributed to the nearest non-JDK frame; it perturbs what it measures).
 *
 * <p>Run: {@code mvn -q -pl infra/local exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.agentflow.local.api.bench.WebhookBenchmark} or {@code ./benchmarks.sh webhook}; options
 * {@code -Dbench.seconds=30 -Dbench.connections=1,10,50 -Dbench.warmup=45 -Dbench.client=jdk -Dbench.sampleMs=20}.
 */
public final class WebhookBenchmark {

  private static final String USER = "bench";
  private static final String HEADER = "| connections | started/s | completed/s | stored/s | p50 ms | p99 ms | requests | errors | "
      + "drain s | load avg (start → end) |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |";

  private WebhookBenchmark() {}

  private record Cell(int connections, double startedPerSecond, double completedPerSecond,
      double storedPerSecond, double p50, double p99,
      int requests, int errors, double drainSeconds, String load, Map<String, Integer> profile, String sample) {}

  public static void main(String[] args) {
    try {
      run();
      System.exit(0);
    } catch (Exception e) {
      e.printStackTrace();
      System.err.println("WebhookBenchmark failed: " + e);
      System.exit(1);
    }
  }

  private static void run() throws Exception {
    // the functions' JSON log lines (System.out in Lambda) would drown the tables: they go nowhere while this runs
    java.io.PrintStream out = System.out;
    System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
    try {
      run(out);
    } finally {
      System.setOut(out);
    }
  }

  private static void run(java.io.PrintStream out) throws Exception {
    int seconds = Integer.getInteger("bench.seconds", 30);
    // 45 s: on 2 cores the JIT compilers are busy for the first minute; a 5 s warm-up measured the JIT, not us
    // (10 connections: 182 completed/s after 5 s, 541/s after the same JVM had run 35 s longer)
    int warmup = Integer.getInteger("bench.warmup", 45);
    int[] connections = Arrays.stream(System.getProperty("bench.connections", "1,10,50").split(",")).map(String::trim)
        .mapToInt(Integer::parseInt).toArray();
    List<Cell> cells = new ArrayList<>();
    String viaEdge;
    String viaDirect;
    String transport;
    try (LocalApi api = LocalApi.startQuiet()) {
      transport = api.cloud.inProcessAws() == null ? "HTTP, in-process switched off" : "in-process";
      DynamoDbClient dynamo = dev.agentflow.local.AwsClients.dynamoDb(api.cloud.edgeEndpoint());
      ObjectNode wf = (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(LocalApi.quickWorkflow("Webhook bench"));
      wf.put("status", "active");
      wf.putArray("triggers").addObject().put("type", "webhook");
      LocalApi.Reply created = api.call("POST", "/api/v1/workflows", USER, wf.toString());
      if (created.status() != 201) {
        throw new IllegalStateException("create failed: " + created.body());
      }
      String id = created.data().path("id").asText();
      String secret = created.data().at("/signingSecret/secret").asText();
      URI hook = URI.create(api.cloud.httpApiEndpoint() + "/hooks/" + id);
      String recordsTable = table(dynamo, "ExecutionRecords");
      String executionsTable = table(dynamo, "ExecutionsTable");
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5)).build();

      String workflowsTable = table(dynamo, "WorkflowsTable");
      // the functions' own transport: in-process (InProcessHttpClient) unless -Dagentflow.local.inProcessAws=false
      DynamoDbClient direct = api.cloud.inProcessAws() == null ? dynamo : DynamoDbClient.builder()
          .httpClient(api.cloud.inProcessAws()).endpointOverride(api.cloud.edgeEndpoint())
          .region(software.amazon.awssdk.regions.Region.US_EAST_1)
          .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
              software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("test", "test"))).build();
      roundTrip(dynamo, workflowsTable, id, 100);
      viaEdge = roundTrip(dynamo, workflowsTable, id, 300);
      viaDirect = roundTrip(direct, workflowsTable, id, 300);
      drive(http, hook, secret, connections[0], warmup, new ConcurrentHashMap<>(), null);
      awaitDrained(dynamo, recordsTable, id, Instant.now().plusSeconds(60));
      for (int n : connections) {
        Set<String> started = ConcurrentHashMap.newKeySet();
        String loadBefore = loadAverage();
        Map<String, Integer> profile = new ConcurrentHashMap<>();
        Instant from = Instant.now();
        long[] result = drive(http, hook, secret, n, seconds, profile, started);
        Instant to = Instant.now();
        String loadAfter = loadAverage();
        long storedInWindow = storedBy(dynamo, recordsTable, id, started);
        Instant drained = awaitDrained(dynamo, recordsTable, id, to.plusSeconds(120));
        long completedInWindow = completedBetween(dynamo, recordsTable, id, started, from, to);
        String sample = sampleStored(dynamo, executionsTable, started);
        int errors = (int) result[result.length - 1];
        long[] latencies = Arrays.copyOf(result, result.length - 1);
        Arrays.sort(latencies);
        double window = Duration.between(from, to).toMillis() / 1000.0;
        Cell cell = new Cell(n, started.size() / window, completedInWindow / window,
            storedInWindow / window, percentile(latencies, 50),
            percentile(latencies, 99), latencies.length, errors,
            Math.max(0, Duration.between(to, drained).toMillis() / 1000.0), loadBefore + " → " + loadAfter, profile, sample);
        cells.add(cell);
        System.err.println(row(cell));
        Thread.sleep(2000);
      }
    }
    out.println(HEADER);
    cells.forEach(c -> out.println(row(c)));
    out.println();
    out.println("Loopback, " + Runtime.getRuntime().availableProcessors() + " cores, Java "
        + System.getProperty("java.version") + "; closed loop, " + seconds + " s per cell after a " + warmup
        + " s warm-up; " + (JDK_CLIENT ? "java.net.http.HttpClient" : "one kept-alive socket per connection")
        + "; signed webhook (HMAC-SHA256) → start → template → end; completed/s counts execution records"
        + " whose state machine stopped inside the window; stored/s those whose record (with its events) said"
        + " completed when the window closed; drain = time after the window until every started run ended.");
    out.println();
    out.println("One DynamoDB GetItem (consistent), sequential, from this JVM: through the edge's socket " + viaEdge
        + "; on the functions' transport (" + transport + ") " + viaDirect + ". A webhook run makes 15 AWS requests (WebhookRunRequestsTest: webhook 4"
        + " — lookup Query, record + execution:started TransactWriteItems, StartExecution, markStarted UpdateItem;"
        + " node 6; status 4; callback consumer 1) and three in-process Lambda invocations.");
    for (Cell c : cells) {
      out.println();
      if (SAMPLE_MS > 0) {
        out.println("Where the time goes at " + c.connections() + " connections (runnable-thread samples by nearest"
            + " non-JDK frame, every " + SAMPLE_MS + " ms): " + profileLine(c.profile()));
      }
      out.println("Stored per execution (sample): " + c.sample());
    }
  }

  /**
   * N connections, each sending the next signed call as soon as the last was answered, for {@code seconds}.
   *
   * @return latencies in nanoseconds, the error count in the last element
   */
  private static long[] drive(HttpClient http, URI hook, String secret, int connections, int seconds,
      Map<String, Integer> profile, Set<String> started) throws Exception {
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    AtomicInteger errors = new AtomicInteger();
    AtomicBoolean running = new AtomicBoolean(true);
    CountDownLatch done = new CountDownLatch(connections);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    AtomicInteger counter = new AtomicInteger();
    for (int c = 0; c < connections; c++) {
      Thread t = new Thread(() -> {
        try {
          Mac own = (Mac) mac.clone();
          Http1Connection raw = JDK_CLIENT ? null : new Http1Connection(hook);
          while (running.get()) {
            byte[] body = ("{\"name\": \"Ada " + counter.incrementAndGet() + "\"}").getBytes(StandardCharsets.UTF_8);
            long ts = Instant.now().getEpochSecond();
            own.update((ts + ".").getBytes(StandardCharsets.UTF_8));
            String signature = "sha256=" + HexFormat.of().formatHex(own.doFinal(body));
            long t0 = System.nanoTime();
            try {
              int status;
              String answer;
              if (raw != null) {
                Http1Connection.Response r = raw.post(hook.getRawPath(), Map.of("Content-Type", "application/json",
                    "X-AgentFlow-Timestamp", Long.toString(ts), "X-AgentFlow-Signature", signature), body);
                status = r.status();
                answer = r.body();
              } else {
                HttpRequest request = HttpRequest.newBuilder(hook).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("X-AgentFlow-Timestamp", Long.toString(ts))
                    .header("X-AgentFlow-Signature", signature).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                status = r.statusCode();
                answer = r.body();
              }
              latencies.add(System.nanoTime() - t0);
              if (status != 202) {
                errors.incrementAndGet();
              } else if (started != null) {
                int i = answer.indexOf("exec_");
                started.add(answer.substring(i, i + 37));
              }
            } catch (Exception e) {
              latencies.add(System.nanoTime() - t0);
              errors.incrementAndGet();
            }
          }
          if (raw != null) {
            raw.close();
          }
        } catch (CloneNotSupportedException e) {
          throw new IllegalStateException(e);
        } finally {
          done.countDown();
        }
      }, "bench-connection-" + c);
      t.setDaemon(true);
      t.start();
    }
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      if (SAMPLE_MS > 0) {
        sample(profile);
      }
      Thread.sleep(Math.max(SAMPLE_MS, 20));
    }
    running.set(false);
    done.await(60, TimeUnit.SECONDS);
    long[] out = new long[latencies.size() + 1];
    int i = 0;
    for (long l : latencies) {
      if (i < out.length - 1) {
        out[i++] = l;
      }
    }
    out[out.length - 1] = errors.get();
    return out;
  }

  private static final List<String> IDLE = List.of("sun.nio.ch.EPoll", "sun.nio.ch.Net.poll", "sun.nio.ch.Net.accept",
      "sun.nio.ch.SocketDispatcher.read", "sun.nio.ch.NioSocketImpl", "java.net.SocketInputStream",
      "java.lang.Thread.sleep", "jdk.internal.misc.Unsafe.park", "java.lang.Object.wait", "sun.nio.ch.KQueue",
      "java.net.PlainSocketImpl", "sun.nio.ch.ServerSocketChannelImpl.accept",
      "java.lang.ref.Reference.waitForReferencePendingList", "java.lang.ref.Reference.processPendingReferences",
      "jdk.internal.misc.Signal", "java.lang.Thread.getStackTrace", "java.lang.Thread.dumpThreads");

  /** One profiler sample: every runnable, non-idle thread's nearest non-JDK frame, by component. */
  private static void sample(Map<String, Integer> profile) {
    for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
      if (e.getKey().getState() != Thread.State.RUNNABLE || e.getValue().length == 0
          || e.getKey().getName().startsWith("bench-")) {
        continue;
      }
      StackTraceElement top = e.getValue()[0];
      String topName = top.getClassName() + "." + top.getMethodName();
      if (IDLE.stream().anyMatch(topName::startsWith) || e.getKey() == Thread.currentThread()) {
        continue;
      }
      String component = component(e.getKey().getName(), e.getValue());
      profile.merge(component, 1, Integer::sum);
      if (DETAIL && component.startsWith("AWS SDK")) {
        for (StackTraceElement f : e.getValue()) {
          if (f.getClassName().startsWith("software.amazon.awssdk")) {
            profile.merge("  sdk: " + f.getClassName().replaceAll(".*\\.", "") + "." + f.getMethodName() + " ← "
                + topFrame(e.getValue()), 1, Integer::sum);
            break;
          }
        }
      }
    }
  }

  /**
   * {@code -Dbench.client=jdk}: drive with java.net.http.HttpClient instead of {@link Http1Connection} (a blocking
   * keep-alive socket per connection, as wrk keeps one). The JDK client hands every request to its one selector
   * thread and completes it through futures: on 2 cores that is CPU and a queue the server's answer waits in.
   */
  private static final boolean JDK_CLIENT = "jdk".equals(System.getProperty("bench.client"));

  /**
   * {@code -Dbench.sampleMs=20}: sample every thread's stack this often for the "where the time goes" lines. Off by
   * default: each sample stops the JVM at a safepoint, and every 20 ms that cost a third of the throughput (10
   * connections: 592 vs 899 started/s). JFR is the quieter profiler.
   */
  private static final int SAMPLE_MS = Integer.getInteger("bench.sampleMs", 0);

  /** {@code -Dbench.detail=true}: also count the SDK frames that take the time (printed as "sdk:" lines). */
  private static final boolean DETAIL = Boolean.getBoolean("bench.detail");

  private static String topFrame(StackTraceElement[] stack) {
    StackTraceElement top = stack[0];
    return top.getClassName().replaceAll(".*\\.", "") + "." + top.getMethodName();
  }

  private static String component(String thread, StackTraceElement[] stack) {
    for (StackTraceElement f : stack) {
      String c = f.getClassName();
      if (c.startsWith("com.almworks.sqlite4java") || c.startsWith("com.amazonaws.services.dynamodbv2")) {
        return "DynamoDB Local (sqlite)";
      }
      if (c.startsWith("dev.agentflow.local.dynamodb")) {
        return "DynamoDB engine";
      }
      if (c.startsWith("dev.agentflow.local.sfn")) {
        return "Step Functions engine";
      }
      if (c.startsWith("dev.agentflow.local.lambda") || c.startsWith("dev.agentflow.local.events")) {
        return "Lambda runner / EventBridge";
      }
      if (c.startsWith("dev.agentflow.local.apigw") || c.startsWith("dev.agentflow.local.edge")) {
        return "local API Gateway / edge";
      }
      if (c.startsWith("software.amazon.awssdk")) {
        return "AWS SDK clients (marshalling, HTTP)";
      }
      if (c.startsWith("com.fasterxml.jackson")) {
        return "Jackson (JSON)";
      }
      if (c.startsWith("com.hubspot.jinjava")) {
        return "Jinjava (template node)";
      }
      if (c.startsWith("org.eclipse.jetty") || c.startsWith("io.javalin")) {
        return "Jetty / Javalin (HTTP servers)";
      }
      if (c.startsWith("dev.agentflow.")) {
        return "AgentFlow handlers (" + c.split("\\.")[2] + ")";
      }
    }
    if (thread.startsWith("HttpClient")) {
      return "JDK HTTP client (load generator, callbacks)";
    }
    if (thread.startsWith("JettyServerThreadPool") || thread.startsWith("qtp")) {
      return "Jetty / Javalin (HTTP servers)";
    }
    return "JDK / other (" + thread.replaceAll("[-#]?\\d+$", "") + ")";
  }

  private static String profileLine(Map<String, Integer> profile) {
    int total = profile.entrySet().stream().filter(e -> !e.getKey().startsWith("  sdk:")).mapToInt(Map.Entry::getValue).sum();
    if (total == 0) {
      return "no samples";
    }
    Map<String, Integer> sorted = new LinkedHashMap<>();
    profile.entrySet().stream().filter(e -> !e.getKey().startsWith("  sdk:")).sorted((a, b) -> b.getValue() - a.getValue())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    List<String> parts = new ArrayList<>();
    int[] rest = {0};
    sorted.forEach((k, v) -> {
      if (parts.size() < 8) {
        parts.add(String.format(Locale.ROOT, "%s %.0f%%", k, 100.0 * v / total));
      } else {
        rest[0] += v;
      }
    });
    if (rest[0] > 0) {
      parts.add(String.format(Locale.ROOT, "rest %.0f%%", 100.0 * rest[0] / total));
    }
    StringBuilder detail = new StringBuilder();
    profile.entrySet().stream().filter(e -> e.getKey().startsWith("  sdk:")).sorted((a, b) -> b.getValue() - a.getValue())
        .limit(12).forEach(e -> detail.append(String.format(Locale.ROOT, "%n  %.0f%% %s", 100.0 * e.getValue() / total,
            e.getKey().substring(2))));
    return String.join(", ", parts) + detail;
  }

  private static String table(DynamoDbClient dynamo, String fragment) {
    return dynamo.listTables().tableNames().stream().filter(t -> t.contains(fragment)).findFirst().orElseThrow();
  }

  private static List<Map<String, AttributeValue>> records(DynamoDbClient dynamo, String table, String workflowId) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      QueryResponse page = dynamo.query(QueryRequest.builder().tableName(table).indexName("byWorkflow")
          .keyConditionExpression("userWorkflow = :p")
          .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(USER + "#" + workflowId)))
          .exclusiveStartKey(start).build());
      items.addAll(page.items());
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (start != null);
    return items;
  }

  /** Waits until no execution of the workflow is pending or running; returns when that was. */
  private static Instant awaitDrained(DynamoDbClient dynamo, String table, String workflowId, Instant limit)
      throws InterruptedException {
    while (Instant.now().isBefore(limit)) {
      boolean busy = records(dynamo, table, workflowId).stream()
          .anyMatch(i -> i.get("status").s().equals("pending") || i.get("status").s().equals("running"));
      if (!busy) {
        return Instant.now();
      }
      Thread.sleep(200);
    }
    return Instant.now();
  }

  /**
   * Executions of this window whose record already says completed when the window closes: the record and its
   * {@code execution:completed} event are one TransactWriteItems, written after the node record and the other
   * events, so each counted run is fully stored. (completed/s counts by the state machine's stop time instead,
   * which may be stored later: the drain column.)
   */
  private static long storedBy(DynamoDbClient dynamo, String table, String workflowId, Set<String> started) {
    return records(dynamo, table, workflowId).stream()
        .filter(i -> started.contains(i.get("executionId").s()))
        .filter(i -> i.get("status").s().equals("completed"))
        .count();
  }

  private static long completedBetween(DynamoDbClient dynamo, String table, String workflowId, Set<String> started,
      Instant from, Instant to) {
    return records(dynamo, table, workflowId).stream()
        .filter(i -> started.contains(i.get("executionId").s()))
        .filter(i -> i.get("status").s().equals("completed") && i.containsKey("completedAt"))
        .map(i -> Instant.parse(i.get("completedAt").s()))
        .filter(t -> !t.isBefore(from) && !t.isAfter(to))
        .count();
  }

  /** For up to 20 executions: node records and stored events (proof the full work was done). */
  private static String sampleStored(DynamoDbClient dynamo, String table, Set<String> started) {
    List<String> ids = started.stream().limit(20).toList();
    int nodes = 0;
    int events = 0;
    Map<String, Integer> types = new HashMap<>();
    for (String id : ids) {
      QueryResponse r = dynamo.query(QueryRequest.builder().tableName(table).keyConditionExpression("pk = :p")
          .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("EXEC#" + id))).consistentRead(true).build());
      for (Map<String, AttributeValue> item : r.items()) {
        String sk = item.get("sk").s();
        if (sk.startsWith("NODE#")) {
          nodes++;
        } else if (sk.startsWith("EVENT#")) {
          events++;
          types.merge(item.get("type").s(), 1, Integer::sum);
        }
      }
    }
    if (ids.isEmpty()) {
      return "none";
    }
    return String.format(Locale.ROOT, "%d executions: %.1f node records and %.1f events each %s", ids.size(),
        nodes / (double) ids.size(), events / (double) ids.size(), new java.util.TreeMap<>(types));
  }

  /** Mean and p50 of {@code n} sequential consistent GetItems of the workflow head. */
  private static String roundTrip(DynamoDbClient client, String table, String workflowId, int n) {
    long[] t = new long[n];
    Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("WF#" + workflowId), "sk", AttributeValue.fromS("WORKFLOW"));
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      client.getItem(b -> b.tableName(table).key(key).consistentRead(true));
      t[i] = System.nanoTime() - t0;
    }
    double mean = Arrays.stream(t).average().orElse(0) / 1e6;
    Arrays.sort(t);
    return String.format(Locale.ROOT, "mean %.2f ms, p50 %.2f ms", mean, percentile(t, 50));
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0];
    } catch (Exception e) {
      return "n/a";
    }
  }

  private static String row(Cell c) {
    return String.format(Locale.ROOT, "| %d | %.1f | %.1f | %.1f | %.1f | %.1f | %d | %d | %.1f | %s |",
        c.connections(), c.startedPerSecond(), c.completedPerSecond(), c.storedPerSecond(), c.p50(), c.p99(), c.requests(), c.errors(), c.drainSeconds(),
        c.load());
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }
}
