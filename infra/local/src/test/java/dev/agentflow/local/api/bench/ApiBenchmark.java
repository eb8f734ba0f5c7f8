package dev.agentflow.local.api.bench;

import dev.agentflow.local.api.LocalApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Latency of the HTTP API on loopback (issue 5: p95 under 20 ms locally): the repository's template.yaml in an
 * in-memory local cloud, driven over real HTTP (java.net.http) through the local API Gateway, JWT authorizer
 * and ApiFunction. For each operation — create a workflow (validate, compile, CreateStateMachine + publish,
 * DynamoDB transaction), get a workflow, execute a workflow (record + StartExecution; the run itself then
 * proceeds in the same JVM) — and each rate, an open-loop generator sends requests on a fixed schedule for
 * {@code bench.seconds} (default 10) and measures each from its scheduled send time (so a stalled server is not
 * hidden by the generator waiting: no coordinated omission). First the JVM is brought to steady state: the three
 * operations together at {@value #JIT_WARMUP_RATE} requests/s each for {@code bench.jitWarmup} seconds (default
 * 60; on 2 cores the JIT compilers are still busy for a minute or two after start — thousands of compilations —
 * and a long-running {@code agentflow up} is measured, not its first minute); then a warm-up of
 * {@code bench.warmup} seconds per operation. Prints a markdown table of p50/p95/p99 per operation and rate.
 *
 * <p>Run: {@code mvn -q -pl infra/local exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.agentflow.local.api.bench.ApiBenchmark} (options: {@code -Dbench.seconds=10
 * -Dbench.rates=50,200 -Dbench.warmup=3 -Dbench.jitWarmup=60}).
 */
public final class ApiBenchmark {

  private static final String USER = "bench";
  /** Requests per second of each operation while the JVM warms up. */
  private static final int JIT_WARMUP_RATE = 15;
  /** A request not answered by then counts as an error, with this latency (keeps every cell bounded). */
  private static final int REQUEST_TIMEOUT_SECONDS = 10;
  private static final String HEADER = "| operation | rate (req/s) | requests | errors | p50 ms | p95 ms | p99 ms | max ms |\n"
      + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |";

  private ApiBenchmark() {}

  private record Cell(String operation, int rate, int requests, int errors, double p50, double p95, double p99,
      double max) {}

  /** One operation: the request to send, built fresh for each call. */
  @FunctionalInterface
  private interface Operation {
    HttpRequest request();
  }

  public static void main(String[] args) {
    try {
      run();
      System.exit(0);
    } catch (Exception e) {
      System.err.println("ApiBenchmark failed: " + e);
      System.exit(1);
    }
  }

  private static void run() throws Exception {
    int seconds = Integer.getInteger("bench.seconds", 10);
    int warmup = Integer.getInteger("bench.warmup", 3);
    int[] rates = Arrays.stream(System.getProperty("bench.rates", "50,200").split(",")).map(String::trim)
        .mapToInt(Integer::parseInt).toArray();
    List<Cell> cells = new ArrayList<>();
    try (LocalApi api = LocalApi.startQuiet()) {
      String base = api.cloud.httpApiEndpoint().toString();
      String token = api.token(USER);
      String workflow = LocalApi.quickWorkflow("Bench");
      String id = api.call("POST", "/api/v1/workflows", USER, workflow).data().path("id").asText();
      HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(16))
          .connectTimeout(Duration.ofSeconds(5)).build();
      List<String[]> operations = List.of(
          new String[] {"create", "POST", "/api/v1/workflows", workflow},
          new String[] {"get", "GET", "/api/v1/workflows/" + id, null},
          new String[] {"execute", "POST", "/api/v1/workflows/" + id + "/execute", "{\"inputs\": {\"name\": \"Ada\"}}"});
      List<Operation> all = operations.stream().map(op -> operation(base, token, op)).toList();
      int jitWarmup = jitWarmupSeconds();
      if (jitWarmup > 0) {
        System.err.println("warming the JVM up for " + jitWarmup + " s…");
        int[] turn = {0};
        run(http, () -> all.get(turn[0]++ % all.size()).request(), JIT_WARMUP_RATE * all.size(), jitWarmup);
        Thread.sleep(5000); // let the executions started settle
      }
      for (int o = 0; o < operations.size(); o++) {
        String[] op = operations.get(o);
        Operation operation = all.get(o);
        run(http, operation, 50, warmup);
        for (int rate : rates) {
          Cell cell = cell(op[0], rate, run(http, operation, rate, seconds));
          cells.add(cell);
          System.err.println(row(cell));
          Thread.sleep(2000);
        }
      }
    }
    System.out.println(HEADER);
    cells.forEach(c -> System.out.println(row(c)));
    System.out.println();
    System.out.println("Loopback, " + Runtime.getRuntime().availableProcessors() + " cores, Java "
        + System.getProperty("java.version") + "; open loop, " + seconds + " s per cell after a " + jitWarmupSeconds()
        + " s JVM warm-up and a " + warmup + " s warm-up per operation; latency from the scheduled send time to the"
        + " full response; a request unanswered after " + REQUEST_TIMEOUT_SECONDS + " s is an error.");
  }

  private static int jitWarmupSeconds() {
    return Integer.getInteger("bench.jitWarmup", 60);
  }

  private static Operation operation(String base, String token, String[] op) {
    return () -> {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + op[2])).timeout(Duration.ofSeconds(REQUEST_TIMEOUT_SECONDS))
          .header("Authorization", "Bearer " + token);
      if (op[3] == null) {
        return b.GET().build();
      }
      return b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(op[3])).build();
    };
  }

  private static String row(Cell c) {
    return String.format(Locale.ROOT, "| %s | %d | %d | %d | %.1f | %.1f | %.1f | %.1f |", c.operation(), c.rate(),
        c.requests(), c.errors(), c.p50(), c.p95(), c.p99(), c.max());
  }

  /**
   * Sends {@code rate} requests per second for {@code seconds} on a fixed schedule.
   *
   * @return latencies in nanoseconds, with the error count in the last element
   */
  private static long[] run(HttpClient http, Operation operation, int rate, int seconds) throws Exception {
    int total = rate * seconds;
    long interval = TimeUnit.SECONDS.toNanos(1) / rate;
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    AtomicInteger errors = new AtomicInteger();
    List<CompletableFuture<?>> inFlight = new ArrayList<>(total);
    long start = System.nanoTime();
    for (int i = 0; i < total; i++) {
      long scheduled = start + i * interval;
      long wait = scheduled - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      inFlight.add(http.sendAsync(operation.request(), HttpResponse.BodyHandlers.ofByteArray())
          .whenComplete((response, failure) -> {
            latencies.add(System.nanoTime() - scheduled);
            if (failure != null || response.statusCode() >= 300) {
              errors.incrementAndGet();
            }
          }));
    }
    try {
      CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).handle((v, e) -> null)
          .get(REQUEST_TIMEOUT_SECONDS + 5, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      // counted below: every request still unanswered is an error at the timeout
    }
    long[] out = new long[total + 1];
    int i = 0;
    for (long l : latencies) {
      if (i < total) {
        out[i++] = l;
      }
    }
    int unanswered = total - i;
    while (i < total) {
      out[i++] = TimeUnit.SECONDS.toNanos(REQUEST_TIMEOUT_SECONDS);
    }
    out[total] = errors.get() + unanswered;
    return out;
  }

  private static Cell cell(String operation, int rate, long[] result) {
    int errors = (int) result[result.length - 1];
    long[] latencies = Arrays.copyOf(result, result.length - 1);
    Arrays.sort(latencies);
    return new Cell(operation, rate, latencies.length, errors, percentile(latencies, 50), percentile(latencies, 95),
        percentile(latencies, 99), latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6);
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }
}
