package dev.agentflow.local.realtime.bench;

import dev.agentflow.local.AwsClients;
import dev.agentflow.core.json.Json;
import dev.agentflow.local.LocalCloud;
import dev.agentflow.local.LocalCloudOptions;
import dev.agentflow.local.apigw.LocalJwt;
import dev.agentflow.local.template.TableSpec;
import dev.agentflow.shared.config.AppConfig;
import dev.agentflow.shared.connections.RealtimePush;
import dev.agentflow.shared.events.EventPayload;
import dev.agentflow.shared.events.EventPublisher;
import dev.agentflow.shared.events.EventType;
import dev.agentflow.shared.events.ExecutionEvent;
import dev.agentflow.shared.log.JsonLog;
import dev.agentflow.shared.runs.DynamoDbExecutionRepository;
import dev.agentflow.shared.runs.ExecutionRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Latency from an execution event being recorded to its arrival at subscribed WebSocket clients, on loopback
 * (issue 6; target p99 under 20 ms). The local cloud runs the repository's template.yaml in memory; N real
 * clients (java.net.http) connect through the $connect authorizer and subscribe through RealtimeFunction;
 * then one publisher — the production {@code PushingEventPublisher} (DynamoDB event log + @connections push),
 * wired as the functions wire it ({@link RealtimePush}) — publishes {@value #EVENTS} {@code node_output}
 * events, back to back and at a fixed rate ({@link #INTERVALS_MS}). Latency per (event, client) = arrival time −
 * the instant {@code publish} was called (or was due, at a fixed rate), so it includes the DynamoDB write of the
 * event and its sequence number, the subscription query, the watermark claims and the @connections POSTs. Prints a markdown table (p50/p95/p99/max in ms).
 *
 * <p>Run: {@code ./benchmarks.sh realtime}, or {@code mvn -q -o -pl infra/local test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=dev.agentflow.local.realtime.bench.RealtimeBenchmark}
 */
public final class RealtimeBenchmark {

    static final int EVENTS = 1_000;
    /**
     * Warm-up events before each row ({@code -Dbench.warmupEvents}): on 2 cores the JIT is still compiling the SDK's
     * and the fan-out's paths after 200 (100 subscribers back to back: p99 19.3–21.9 ms after 200, 17.0–19.0 ms
     * after 1,000), as the webhook benchmark found for its first minute.
     */
    static final int WARM_UP = Integer.getInteger("bench.warmupEvents", 1_000);
    /**
     * Publishing intervals, ms ({@code -Dbench.intervals}; 0 = back to back). 20 ms is 50 events a second to one
     * execution: two and a half times the 20 a second the node runner's coalescing (50 ms or 200 characters,
     * NodeRunner.StreamSettings) produces for an LLM streaming at ordinary speed.
     */
    static final int[] INTERVALS_MS = Arrays.stream(System.getProperty("bench.intervals", "0,20").split(","))
            .map(String::trim).mapToInt(Integer::parseInt).toArray();

    private RealtimeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        LocalJwt jwt = new LocalJwt(LocalJwt.DEFAULT_ISSUER, LocalJwt.DEFAULT_AUDIENCE, secret, Clock.systemUTC());
        ByteArrayOutputStream quiet = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(quiet, true, StandardCharsets.UTF_8)); // functions log one JSON line per call
        List<String> rows = new ArrayList<>();
        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.inMemory(Path.of(root(), "template.yaml"))
                .withParameterOverrides(Map.of("JwtIssuer", jwt.issuer(), "JwtAudience", jwt.audience(),
                        "LocalJwtSecret", Base64.getEncoder().encodeToString(secret)))
                .withJwt(jwt).withLog(new PrintStream(quiet, true, StandardCharsets.UTF_8)))) {
            Map<String, String> env = Map.of(
                    "AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL", cloud.edgeEndpoint().toString(),
                    "EXECUTIONS_TABLE", table(cloud, "ExecutionsTable"),
                    RealtimePush.CONNECTIONS_TABLE, table(cloud, "ConnectionsTable"));
            System.setProperty("aws.accessKeyId", "test");
            System.setProperty("aws.secretAccessKey", "test");
            AppConfig app = AppConfig.fromEnvironment(env);
            // the publisher runs as a function's would: on the functions' (in-process) transport
            DynamoDbClient dynamo = AwsClients.dynamoDbLikeFunctions(cloud);
            EventPublisher publisher = RealtimePush.publisher(RealtimePush.fromEnvironment(env, app), app, dynamo,
                    Clock.systemUTC(), new JsonLog(new PrintStream(quiet, true, StandardCharsets.UTF_8), Clock.systemUTC()));
            var executions = new DynamoDbExecutionRepository(dynamo, table(cloud, "ExecutionRecordsTable"),
                    table(cloud, "WorkflowsTable"), Duration.ofDays(1));
            for (int interval : INTERVALS_MS) {
                for (int subscribers : new int[] {1, 100}) {
                    run(cloud, jwt, executions, publisher, subscribers, WARM_UP, interval);
                    double[] ms = run(cloud, jwt, executions, publisher, subscribers, EVENTS, interval);
                    rows.add(row(subscribers, interval, ms));
                }
            }
        } finally {
            System.setOut(stdout);
        }
        System.out.println("Record-to-arrival latency of execution events over the local WebSocket API (loopback, "
                + EVENTS + " events per row after " + WARM_UP + " warm-up events; "
                + Runtime.getRuntime().availableProcessors() + " cores). Publishing: back to back = each event as soon"
                + " as the last was delivered (a stress test); every N ms = at a fixed rate, latency counted from the"
                + " scheduled instant (a late publish counts its wait).");
        System.out.println();
        System.out.println("| subscribers | publishing | frames | p50 ms | p95 ms | p99 ms | max ms |");
        System.out.println("| ---: | --- | ---: | ---: | ---: | ---: | ---: |");
        rows.forEach(System.out::println);
    }

    /** One round: a new execution, N subscribed clients, {@code events} events; latencies of every frame in ms. */
    private static double[] run(LocalCloud cloud, LocalJwt jwt, DynamoDbExecutionRepository executions,
                                EventPublisher publisher, int subscribers, int events, int intervalMs)
            throws Exception {
        String exec = "exec_bench" + System.nanoTime();
        executions.create(ExecutionRecord.pending(exec, "bench", "wf_bench", 1, "manual", Json.object(), Instant.now()));
        long[] publishedAt = new long[events + 1];
        double[] latencies = new double[events * subscribers];
        AtomicInteger next = new AtomicInteger();
        CountDownLatch subscribed = new CountDownLatch(subscribers);
        CountDownLatch done = new CountDownLatch(subscribers * events);
        List<WebSocket> sockets = new ArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        String token = jwt.sign("bench", Duration.ofHours(1));
        for (int i = 0; i < subscribers; i++) {
            WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(cloud.webSocketEndpoint() + "/?token=" + token),
                    new WebSocket.Listener() {
                        private final StringBuilder partial = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                            long now = System.nanoTime();
                            partial.append(data);
                            if (last) {
                                var frame = Json.parse(partial.toString());
                                partial.setLength(0);
                                if (frame.path("type").asText().equals("subscribed")) {
                                    subscribed.countDown();
                                } else if (frame.at("/payload/seq").isNumber()) {
                                    int seq = frame.at("/payload/seq").asInt();
                                    latencies[next.getAndIncrement()] = (now - publishedAt[seq]) / 1e6;
                                    done.countDown();
                                }
                            }
                            socket.request(1);
                            return null;
                        }
                    }).join();
            ws.sendText("{\"type\": \"subscribe\", \"executionId\": \"" + exec + "\"}", true).join();
            sockets.add(ws);
        }
        if (!subscribed.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("clients did not subscribe");
        }
        long start = System.nanoTime();
        for (int seq = 1; seq <= events; seq++) {
            if (intervalMs > 0) {
                long due = start + TimeUnit.MILLISECONDS.toNanos((long) intervalMs * (seq - 1));
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                publishedAt[seq] = due; // coordinated omission: a publish that starts late counts from when it was due
            } else {
                publishedAt[seq] = System.nanoTime();
            }
            publisher.publish(ExecutionEvent.of(EventType.NODE_OUTPUT, exec, new EventPayload("llm", "LLM", "llm", "running",
                    Json.object().put("delta", "token " + seq + " "), null, null, null, Instant.now().toString(), null)));
        }
        if (!done.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("frames missing: " + done.getCount());
        }
        for (WebSocket ws : sockets) {
            ws.abort();
        }
        return latencies;
    }

    private static String row(int subscribers, int intervalMs, double[] ms) {
        Arrays.sort(ms);
        return String.format("| %d | %s | %d | %.2f | %.2f | %.2f | %.2f |", subscribers,
                intervalMs > 0 ? "every " + intervalMs + " ms" : "back to back", ms.length,
                percentile(ms, 50), percentile(ms, 95), percentile(ms, 99), ms[ms.length - 1]);
    }

    static double percentile(double[] sorted, double p) {
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String table(LocalCloud cloud, String logicalId) {
        return cloud.template().table(logicalId).map(TableSpec::tableName).orElseThrow();
    }

    /** The repository root (benchmarks run from the module directory or the root). */
    private static String root() {
        return Path.of("template.yaml").toFile().exists() ? "." : "../..";
    }
}
