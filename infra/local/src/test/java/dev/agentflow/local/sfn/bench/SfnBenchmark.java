package dev.agentflow.local.sfn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.local.sfn.SfnOptions;
import dev.agentflow.local.sfn.SfnServiceException;
import dev.agentflow.local.sfn.StepFunctionsService;
import dev.agentflow.local.sfn.data.Json;
import dev.agentflow.local.sfn.support.ReferenceEngine;
import dev.agentflow.local.sfn.support.Sfn;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark of the local Step Functions engine against aws-local-stepfunctions 3.0.0 on the same definitions,
 * in the same run. Prints a markdown table.
 *
 * <p>How it measures. AgentFlow: through {@link StepFunctionsService} (StartExecution, completion signalled by
 * the ExecutionStatusListener), in one JVM, after a warm-up of the same workload. aws-local-stepfunctions: a node
 * script (bench.mjs) that imports the library, constructs each StateMachine once, warms up, then times the
 * executions with {@code process.hrtime} inside the process (node start-up excluded). Both sides use the same
 * definitions, inputs, warm-up counts and iteration counts, and report the median of {@value #ROUNDS} timed
 * rounds. Sequential cases run one execution after the other; the throughput case starts all executions at once
 * and waits for all.
 *
 * <p>Run: {@code mvn -q -o -pl infra/local test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.agentflow.local.sfn.bench.SfnBenchmark}
 */
public final class SfnBenchmark {

  private record Workload(String id, String label, JsonNode definition, JsonNode input, int warmup, int iterations,
      boolean concurrent, int unitsPerExecution, String unit) {}

  /** Timed rounds per workload; the median round is reported (the machine may be shared). */
  static final int ROUNDS = 5;

  private final Map<String, CompletableFuture<JsonNode>> done = new ConcurrentHashMap<>();

  public static void main(String[] args) throws Exception {
    new SfnBenchmark().run();
  }

  private void run() throws Exception {
    List<Workload> workloads = List.of(
        new Workload("pass-chain-100", "100-state Pass chain", passChain(100), Json.object().put("n", 1), 3000, 500,
            false, 100, "state"),
        new Workload("parallel-100", "100-branch Parallel", parallel(100), Json.object().put("n", 1), 1000, 200,
            false, 100, "branch"),
        new Workload("map-1000", "Map over 1,000 items", map(), items(1000), 200, 40, false, 1000, "item"),
        new Workload("ten-states", "10-state machine, 2,000 executions at once", tenStates(),
            Json.object().put("value", 7).put("name", "bench"), 10000, 2000, true, 10, "state"));

    Map<String, Double> ours = new LinkedHashMap<>();
    try (StepFunctionsService service = new StepFunctionsService(null,
        d -> done.computeIfAbsent(d.get("executionArn").asText(), k -> new CompletableFuture<>()).complete(d),
        SfnOptions.defaults())) {
      Sfn sfn = new Sfn(service);
      for (Workload w : workloads) {
        String arn = sfn.create(w.id(), Json.write(w.definition()));
        String input = Json.write(w.input());
        measure(sfn, arn, input, w.warmup(), w.concurrent());
        double[] rounds = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
          rounds[r] = measure(sfn, arn, input, w.iterations(), w.concurrent());
        }
        ours.put(w.id(), median(rounds));
      }
      System.out.printf(Locale.ROOT, "engine threads: %d (%d CPUs)%n", workerThreads(), Runtime.getRuntime()
          .availableProcessors());
    }

    Map<String, Double> reference = new LinkedHashMap<>();
    String referenceNote;
    try {
      ReferenceEngine ref = ReferenceEngine.prepare();
      ArrayNode cases = Json.NODES.arrayNode();
      for (Workload w : workloads) {
        cases.addObject().put("id", w.id()).<ObjectNode>set("definition", w.definition())
            .<ObjectNode>set("input", w.input()).put("warmup", w.warmup()).put("iterations", w.iterations())
            .put("rounds", ROUNDS)
            .put("mode", w.concurrent() ? "concurrent" : "sequential");
      }
      Files.writeString(ref.file("bench-cases.json"), Json.write(cases));
      ReferenceEngine.Result r = ref.node("bench.mjs", 1800, "bench-cases.json", "bench-results.json");
      if (r.exitCode() != 0) {
        throw new ReferenceEngine.Unavailable("bench.mjs failed: " + r.stderr());
      }
      for (JsonNode res : Json.parse(Files.readString(ref.file("bench-results.json")))) {
        reference.put(res.get("id").asText(), res.get("totalMillis").doubleValue());
      }
      referenceNote = "aws-local-stepfunctions 3.0.0 on " + nodeVersion(ref);
    } catch (ReferenceEngine.Unavailable e) {
      referenceNote = "aws-local-stepfunctions not available: " + e.getMessage();
    }

    System.out.println();
    System.out.println("| Workload | AgentFlow local engine | aws-local-stepfunctions | Speed-up |");
    System.out.println("| --- | --- | --- | --- |");
    for (Workload w : workloads) {
      double oursMs = ours.get(w.id());
      Double refMs = reference.get(w.id());
      System.out.println("| " + w.label() + " | " + describe(w, oursMs) + " | "
          + (refMs == null ? "n/a" : describe(w, refMs)) + " | "
          + (refMs == null ? "n/a" : String.format(Locale.ROOT, "%.1f×", refMs / oursMs)) + " |");
    }
    System.out.println();
    System.out.println("Reference: " + referenceNote + ". Java " + System.getProperty("java.version") + ", "
        + Runtime.getRuntime().availableProcessors() + " CPUs.");
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static String describe(Workload w, double totalMillis) {
    double perExecMillis = totalMillis / w.iterations();
    double perUnitMicros = perExecMillis * 1000 / w.unitsPerExecution();
    if (w.concurrent()) {
      return String.format(Locale.ROOT, "%,.0f executions/s (%.1f µs/%s)", w.iterations() / (totalMillis / 1000),
          perUnitMicros, w.unit());
    }
    return String.format(Locale.ROOT, "%.2f µs/%s (%.3f ms/execution)", perUnitMicros, w.unit(), perExecMillis);
  }

  /** @return total milliseconds for {@code n} executions */
  private double measure(Sfn sfn, String arn, String input, int n, boolean concurrent) throws Exception {
    long start = System.nanoTime();
    if (concurrent) {
      List<CompletableFuture<JsonNode>> all = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        all.add(startOne(sfn, arn, input));
      }
      for (CompletableFuture<JsonNode> f : all) {
        check(f.get(60, TimeUnit.SECONDS));
      }
    } else {
      for (int i = 0; i < n; i++) {
        check(startOne(sfn, arn, input).get(60, TimeUnit.SECONDS));
      }
    }
    return (System.nanoTime() - start) / 1e6;
  }

  private CompletableFuture<JsonNode> startOne(Sfn sfn, String arn, String input) throws SfnServiceException {
    String exec = sfn.start(arn, null, input);
    CompletableFuture<JsonNode> f = done.computeIfAbsent(exec, k -> new CompletableFuture<>());
    return f.whenComplete((d, e) -> done.remove(exec));
  }

  private static void check(JsonNode describe) {
    if (!describe.get("status").asText().equals("SUCCEEDED")) {
      throw new IllegalStateException("Benchmark execution did not succeed: " + describe);
    }
  }

  private static int workerThreads() {
    int n = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("sfn-")) {
        n++;
      }
    }
    return n;
  }

  private static String nodeVersion(ReferenceEngine ref) {
    try {
      Process p = new ProcessBuilder("node", "--version").start();
      String v = new String(p.getInputStream().readAllBytes()).strip();
      p.waitFor();
      return "node " + v;
    } catch (Exception e) {
      return "node (version unknown: " + e.getMessage() + ")";
    }
  }

  // ---- definitions ---------------------------------------------------------------------------------------------

  static JsonNode passChain(int n) {
    ObjectNode def = Json.object().put("StartAt", "S0");
    ObjectNode states = def.putObject("States");
    for (int i = 0; i < n; i++) {
      ObjectNode s = states.putObject("S" + i).put("Type", "Pass");
      if (i + 1 < n) {
        s.put("Next", "S" + (i + 1));
      } else {
        s.put("End", true);
      }
    }
    return def;
  }

  static JsonNode parallel(int branches) {
    ObjectNode def = Json.object().put("StartAt", "P");
    ObjectNode p = def.putObject("States").putObject("P").put("Type", "Parallel").put("End", true);
    ArrayNode b = p.putArray("Branches");
    for (int i = 0; i < branches; i++) {
      ObjectNode branch = b.addObject().put("StartAt", "B" + i);
      branch.putObject("States").putObject("B" + i).put("Type", "Pass").put("End", true);
    }
    return def;
  }

  static JsonNode map() {
    ObjectNode def = Json.object().put("StartAt", "M");
    ObjectNode m = def.putObject("States").putObject("M").put("Type", "Map").put("ItemsPath", "$.items")
        .put("End", true);
    ObjectNode proc = m.putObject("ItemProcessor").put("StartAt", "I");
    proc.putObject("States").putObject("I").put("Type", "Pass").put("End", true);
    return def;
  }

  static JsonNode items(int n) {
    ObjectNode in = Json.object();
    ArrayNode items = in.putArray("items");
    for (int i = 0; i < n; i++) {
      items.addObject().put("id", i);
    }
    return in;
  }

  static JsonNode tenStates() {
    String def = """
        {"StartAt": "Init", "States": {
          "Init": {"Type": "Pass", "Result": {"count": 0}, "ResultPath": "$.meta", "Next": "Greet"},
          "Greet": {"Type": "Pass", "Parameters": {"text.$": "States.Format('hello {}', $.name)"},
                    "ResultPath": "$.greeting", "Next": "Check"},
          "Check": {"Type": "Choice", "Choices": [{"Variable": "$.value", "NumericGreaterThan": 5, "Next": "Big"}],
                    "Default": "Small"},
          "Big": {"Type": "Pass", "Result": "big", "ResultPath": "$.size", "Next": "Merge"},
          "Small": {"Type": "Pass", "Result": "small", "ResultPath": "$.size", "Next": "Merge"},
          "Merge": {"Type": "Pass", "Parameters": {"all.$": "States.JsonMerge($.meta, $.greeting, false)",
                    "size.$": "$.size", "value.$": "$.value"}, "Next": "Select"},
          "Select": {"Type": "Pass", "InputPath": "$.all", "ResultPath": "$.selected", "Next": "Shape"},
          "Shape": {"Type": "Pass", "Parameters": {"out.$": "$.selected", "v.$": "$.value"}, "Next": "Verify"},
          "Verify": {"Type": "Choice", "Choices": [{"Variable": "$.v", "IsNumeric": true, "Next": "Done"}],
                     "Default": "Done"},
          "Done": {"Type": "Succeed"}}}""";
    try {
      return Json.parse(def);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
