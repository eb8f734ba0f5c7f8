package dev.agentflow.local.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.core.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 6 end to end: a real WebSocket client on the local cloud's WebSocket API (template.yaml's
 * AWS::ApiGatewayV2 WEBSOCKET API, its REQUEST authorizer and RealtimeFunction), workflows started through
 * the local HTTP API and run by the Step Functions engine with the real node handlers, whose events reach
 * the socket through the @connections API.
 */
class RealtimeEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static RealtimeFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new RealtimeFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    private static JsonNode subscribe(String executionId, Long afterSeq) {
        var m = Json.object().put("type", "subscribe").put("executionId", executionId);
        if (afterSeq != null) {
            m.put("afterSeq", afterSeq);
        }
        return m;
    }

    private static boolean ended(WsClient.Frame frame) {
        return frame.type().equals("execution:completed") || frame.type().equals("execution:failed");
    }

    private static List<JsonNode> events(List<WsClient.Frame> frames) {
        // SubscriptionDelivery: two senders (a replaying subscribe and a publisher) may write neighbouring frames in
        // swapped order, and clients order by seq; the checks below are on that order (no gap, no duplicate)
        return frames.stream().filter(fr -> fr.type().startsWith("execution:")).map(WsClient.Frame::json)
                .sorted(java.util.Comparator.comparingLong(e -> e.at("/payload/seq").asLong())).toList();
    }

    /**
     * Events as a client presents them: ordered by {@code seq}. Two senders (a subscribe replaying and a
     * publisher, or two publishers) may post neighbouring frames swapped — each claims, then posts — so clients
     * order by {@code seq} (functions/realtime/README.md, "Exactly once, in order"); duplicates stay visible.
     */
    private static List<JsonNode> bySeq(List<JsonNode> events) {
        return events.stream().sorted(java.util.Comparator.comparingLong(e -> e.at("/payload/seq").asLong())).toList();
    }

    private static List<Long> seqs(List<JsonNode> events) {
        return events.stream().map(e -> e.at("/payload/seq").asLong()).toList();
    }

    private JsonNode replay(String user, String executionId) throws Exception {
        return f.api(user, "GET", "/api/v1/executions/" + executionId + "/events?afterSeq=0", null);
    }

    @Test
    void weatherWorkflow_shouldStreamEveryEventInOrder_andTheReplayEndpointTheSame() throws Exception {
        f.answer.set("Oslo is sunny and mild at 18°C.");
        String wf = f.saveWorkflow("alice", f.weatherWorkflow());
        try (WsClient ws = WsClient.connect(f.webSocket(f.token("alice")))) {
            String exec = f.execute("alice", wf, Json.object().put("city", "Oslo"));
            ws.send(subscribe(exec, null));
            ws.await(RealtimeEndToEndTest::ended, WAIT);
            List<WsClient.Frame> frames = ws.received();
            assertEquals("subscribed", frames.get(0).type(), ws.types()::toString);
            List<JsonNode> events = bySeq(events(frames));
            // start and end are Pass states (no Lambda, no node events); http and llm are Task states
            assertEquals(List.of("execution:started",
                    "execution:node_started", "execution:node_completed",
                    "execution:node_started", "execution:node_completed",
                    "execution:completed"), events.stream().map(e -> e.path("type").asText()).toList(), () -> f.log.toString());
            assertEquals(List.of("node_2", "node_2", "node_3", "node_3"),
                    events.subList(1, 5).stream().map(e -> e.at("/payload/nodeId").asText()).toList());
            assertEquals(LongStream.rangeClosed(1, events.size()).boxed().toList(),
                    events.stream().map(e -> e.at("/payload/seq").asLong()).toList(), "seq 1..n, no gap, no duplicate");
            JsonNode completed = events.get(events.size() - 1);
            assertEquals("Oslo is sunny and mild at 18°C.", completed.at("/payload/outputs/result").asText(), completed::toString);
            assertTrue(events.stream().allMatch(e -> e.path("executionId").asText().equals(exec)));

            JsonNode replay = replay("alice", exec);
            assertEquals(events, List.copyOf(toList(replay.path("items"))), "the replay endpoint returns the same stream");
            assertFalse(replay.path("hasMore").asBoolean());
        }
    }

    @Test
    void reconnectWithAfterSeq_shouldEndWithEveryEventExactlyOnce() throws Exception {
        f.answer.set("x".repeat(3_000));
        f.pieceChars = 50;
        f.pause = Duration.ofMillis(15);
        String wf = f.saveWorkflow("bob", RealtimeFixture.streamingWorkflow());
        List<JsonNode> firstEvents;
        String exec;
        try (WsClient first = WsClient.connect(f.webSocket(f.token("bob")))) {
            exec = f.execute("bob", wf, Json.object().put("topic", "rivers"));
            first.send(subscribe(exec, null));
            first.await(fr -> fr.type().equals("execution:node_output"), WAIT);
            firstEvents = bySeq(events(first.received()));
        }
        // the client resumes after the last event it holds with every event before it (a frame still in
        // flight when the socket closed may leave a hole just below a later one)
        long lastSeq = 0;
        for (long seq : seqs(firstEvents)) {
            if (seq == lastSeq + 1) {
                lastSeq = seq;
            }
        }
        List<JsonNode> held = new ArrayList<>(firstEvents.subList(0, (int) lastSeq));
        assertEquals(LongStream.rangeClosed(1, lastSeq).boxed().toList(), seqs(held), "the first socket: from 1, once each");
        Thread.sleep(150); // events go on while nobody listens
        List<JsonNode> resumed;
        try (WsClient second = WsClient.connect(f.webSocket(f.token("bob")))) {
            second.send(subscribe(exec, lastSeq));
            second.await(RealtimeEndToEndTest::ended, WAIT);
            resumed = bySeq(events(second.received()));
        } finally {
            f.pause = Duration.ofMillis(5);
            f.pieceChars = 100;
        }
        assertEquals(LongStream.rangeClosed(lastSeq + 1, lastSeq + resumed.size()).boxed().toList(), seqs(resumed),
                "after afterSeq: every later event exactly once, none before it");
        List<JsonNode> seen = new ArrayList<>(held);
        seen.addAll(resumed);
        assertEquals(toList(replay("bob", exec).path("items")), seen);
        assertEquals("x".repeat(3_000), seen.stream().filter(e -> e.path("type").asText().equals("execution:node_output"))
                .map(e -> e.at("/payload/outputs/delta").asText()).collect(Collectors.joining()));
    }

    @Test
    void anotherUsersSocket_shouldGetAnErrorFrameAndNoEvents() throws Exception {
        f.answer.set("Private answer.");
        String wf = f.saveWorkflow("carol", f.weatherWorkflow());
        try (WsClient carol = WsClient.connect(f.webSocket(f.token("carol")));
             WsClient mallory = WsClient.connect(f.webSocket(f.token("mallory")))) {
            String exec = f.execute("carol", wf, Json.object().put("city", "Oslo"));
            mallory.send(subscribe(exec, null));
            WsClient.Frame error = mallory.await(fr -> fr.type().equals("error"), WAIT);
            assertEquals("EXECUTION_NOT_FOUND", error.json().path("code").asText());
            carol.send(subscribe(exec, null));
            carol.await(RealtimeEndToEndTest::ended, WAIT);
            mallory.send(Json.object().put("type", "ping"));
            mallory.await(fr -> fr.type().equals("pong"), WAIT);
            assertEquals(List.of("error", "pong"), mallory.types(), "nothing of carol's execution was pushed");
        }
    }

    @Test
    void connect_withoutAValidToken_shouldBeRefused() {
        CompletionException refused = assertThrows(CompletionException.class,
                () -> WsClient.connect(f.webSocket("not-a-token")));
        assertTrue(String.valueOf(refused.getCause()).contains("403") || refused.getCause() instanceof java.net.http.WebSocketHandshakeException,
                String.valueOf(refused.getCause()));
    }

    @Test
    void streamedAnswerOf20000Characters_shouldArriveInFramesWhileTheNodeRuns() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 20_000; i++) {
            text.append("Sentence ").append(i).append(" of a long streamed answer, with ünïcödé and \"quotes\". ");
        }
        String answer = text.substring(0, 20_000);
        f.answer.set(answer);
        String wf = f.saveWorkflow("dave", RealtimeFixture.streamingWorkflow());
        try (WsClient ws = WsClient.connect(f.webSocket(f.token("dave")))) {
            String exec = f.execute("dave", wf, Json.object().put("topic", "the sea"));
            ws.send(subscribe(exec, null));
            ws.await(RealtimeEndToEndTest::ended, WAIT);
            List<WsClient.Frame> outputs = ws.received().stream().filter(fr -> fr.type().equals("execution:node_output")).toList();
            assertTrue(outputs.size() >= 5, "several node_output frames: " + outputs.size());
            assertTrue(outputs.get(0).arrivedNanos() < f.streamEndedNanos.get(),
                    "the first node_output frame arrived before the LLM finished streaming");
            assertEquals(answer, outputs.stream().map(fr -> fr.json().at("/payload/outputs/delta").asText()).collect(Collectors.joining()));
            assertTrue(ws.received().stream().allMatch(fr -> fr.bytes() <= 32 * 1024), "every frame within 32 KB");
            JsonNode detail = f.api("dave", "GET", "/api/v1/executions/" + exec, null);
            assertEquals(answer, detail.at("/outputs/answer").asText());
        }
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
