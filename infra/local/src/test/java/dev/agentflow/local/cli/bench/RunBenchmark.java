package dev.agentflow.local.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;
import dev.agentflow.local.cli.RunFixture;
import dev.agentflow.local.cli.WorkflowRun;
import dev.agentflow.local.cli.WorkflowSaver;
import dev.agentflow.local.cli.progress.ProgressRenderer;
import dev.agentflow.local.cli.progress.Style;
import dev.agentflow.local.client.ApiClient;
import dev.agentflow.local.client.ExecutionEvent;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Issue 7: {@value #EXECUTIONS} executions of the seed 000 weather workflow (events/workflows/weather-summary.json:
 * http → llm) started at once on the local cloud, each watched to its end through {@code agentflow run}'s code
 * path ({@link WorkflowRun}: {@code POST …/execute}, a WebSocket subscription per execution, the final execution
 * detail), with the http node on a loopback data server and the llm node on a loopback OpenAI-compatible mock
 * ({@link RunFixture}, in memory). Every execution is verified: status completed with the LLM's answer as its
 * output, both nodes completed in the execution record, and its event stream complete and in order
 * ({@code started, node_started/completed × 2, completed}, seq 1..n without gap) and equal to the stored one
 * ({@code GET …/events}). Prints wall time (first execute to last verified end), executions per second, and
 * per-execution latency (execute to final detail) as a markdown table. Cold starts are excluded by
 * {@value #WARM_UP} sequential runs first.
 *
 * <p>Run: {@code ./benchmarks.sh run}, or {@code mvn -q -o -pl infra/local exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.agentflow.local.cli.bench.RunBenchmark}
 */
public final class RunBenchmark {

    static final int EXECUTIONS = 100;
    static final int WARM_UP = 3;
    static final String ANSWER = "Oslo is cloudy and cool at 12 degrees.";
    static final List<String> EXPECTED_TYPES = List.of(ExecutionEvent.STARTED, ExecutionEvent.NODE_STARTED,
            ExecutionEvent.NODE_COMPLETED, ExecutionEvent.NODE_STARTED, ExecutionEvent.NODE_COMPLETED, ExecutionEvent.COMPLETED);

    private RunBenchmark() {
    }

    /** One verified run: latency in ms. */
    private record Verified(String executionId, double latencyMs, int events) {
    }

    public static void main(String[] args) throws Exception {
        try {
            measure(args.length > 0 ? Integer.parseInt(args[0]) : EXECUTIONS);
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void measure(int executions) throws Exception {
        try (RunFixture f = new RunFixture(true)) {
            f.answer.set(ANSWER);
            f.dataStatus.set(200);
            f.dataBody.set("{\"city\": \"Oslo\", \"temperature\": 12, \"condition\": \"Cloudy\"}");
            ApiClient api = new ApiClient(f.cloud.httpApiEndpoint(), f.token("bench"));
            JsonNode workflow = Json.parse(Files.readString(f.sample("weather-summary.json",
                    f.cloud.httpApiEndpoint() + "/sample-data/weather", f.dataUrl() + "/weather")));
            WorkflowSaver.Saved saved = new WorkflowSaver(api).save(workflow, "weather-summary");
            HttpClient http = HttpClient.newHttpClient();
            ObjectNode inputs = Json.object().put("city", "Oslo");
            for (int i = 0; i < WARM_UP; i++) {
                verify(api, runOne(f, api, http, saved, inputs));
            }

            ExecutorService pool = Executors.newFixedThreadPool(executions);
            CountDownLatch ready = new CountDownLatch(executions);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Verified>> futures = new ArrayList<>();
            for (int i = 0; i < executions; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    long begin = System.nanoTime();
                    WorkflowRun.Outcome outcome = runOne(f, api, http, saved, inputs);
                    double ms = (System.nanoTime() - begin) / 1e6;
                    return new Verified(outcome.executionId(), ms, verify(api, outcome));
                }));
            }
            ready.await();
            long start = System.nanoTime();
            go.countDown();
            List<Verified> done = new ArrayList<>();
            for (Future<Verified> fu : futures) {
                done.add(fu.get(10, TimeUnit.MINUTES));
            }
            double wallS = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            if (done.stream().map(Verified::executionId).distinct().count() != executions) {
                throw new AssertionError("execution ids are not distinct");
            }
            double[] lat = done.stream().mapToDouble(Verified::latencyMs).sorted().toArray();
            int events = done.stream().mapToInt(Verified::events).sum();
            System.out.println("| executions at once | all completed and verified | events verified | wall time s"
                    + " | executions/s | p50 latency s | p95 latency s | max latency s |");
            System.out.println("| ---: | :---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            System.out.printf(Locale.ROOT, "| %d | yes (%d/%d) | %d | %.2f | %.1f | %.2f | %.2f | %.2f |%n", executions,
                    done.size(), executions, events, wallS, executions / wallS, pct(lat, 50) / 1000,
                    pct(lat, 95) / 1000, lat[lat.length - 1] / 1000);
        }
    }

    private static WorkflowRun.Outcome runOne(RunFixture f, ApiClient api, HttpClient http, WorkflowSaver.Saved saved,
                                              ObjectNode inputs) throws InterruptedException {
        ProgressRenderer quiet = new ProgressRenderer(new PrintStream(OutputStream.nullOutputStream()), Style.plain(), List.of());
        return new WorkflowRun(api, f.cloud.webSocketEndpoint(), http, System::currentTimeMillis)
                .execute(saved, inputs, quiet, Duration.ofMinutes(5));
    }

    /** Checks one run end to end; returns its number of events. */
    private static int verify(ApiClient api, WorkflowRun.Outcome o) {
        String id = o.executionId();
        JsonNode d = o.detail();
        check(o.exitCode() == 0 && "completed".equals(d.path("status").asText()), id, "not completed: " + d);
        check(ANSWER.equals(d.at("/outputs/result").asText()), id, "wrong output: " + d.path("outputs"));
        check("completed".equals(d.at("/nodes/node_2/status").asText()) && "completed".equals(d.at("/nodes/node_3/status").asText()),
                id, "node states: " + d.path("nodes"));
        check(d.at("/tokenUsage/total").asLong() == 30 && d.path("durationMs").isNumber(), id, "record: " + d);
        List<ExecutionEvent> events = o.events();
        check(events.stream().map(ExecutionEvent::type).toList().equals(EXPECTED_TYPES), id,
                "event types: " + events.stream().map(ExecutionEvent::type).toList());
        for (int i = 0; i < events.size(); i++) {
            check(events.get(i).seq() == i + 1, id, "seq gap or duplicate at " + i);
        }
        check(ANSWER.equals(events.get(events.size() - 1).outputs().path("result").asText()), id, "completed event outputs");
        JsonNode stored = api.events(id, 0).path("items");
        check(stored.size() == events.size(), id, "stored " + stored.size() + " events, received " + events.size());
        for (int i = 0; i < events.size(); i++) {
            check(ExecutionEvent.from(stored.get(i)).equals(events.get(i)), id, "stored event " + (i + 1) + " differs");
        }
        return events.size();
    }

    private static void check(boolean ok, String executionId, String what) {
        if (!ok) {
            throw new AssertionError(executionId + ": " + what);
        }
    }

    private static double pct(double[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
