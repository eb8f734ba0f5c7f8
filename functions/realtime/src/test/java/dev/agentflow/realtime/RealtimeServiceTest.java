package dev.agentflow.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.core.json.Json;
import dev.agentflow.shared.connections.ConnectionPoster;
import dev.agentflow.shared.connections.DynamoDbConnectionStore;
import dev.agentflow.shared.connections.SubscriptionDelivery;
import dev.agentflow.shared.events.DynamoDbEventLog;
import dev.agentflow.shared.events.EventPayload;
import dev.agentflow.shared.events.EventType;
import dev.agentflow.shared.events.ExecutionEvent;
import dev.agentflow.shared.log.JsonLog;
import dev.agentflow.shared.runs.DynamoDbExecutionRepository;
import dev.agentflow.shared.runs.ExecutionRecord;
import dev.agentflow.shared.testing.DynamoDbLocal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The routes' logic over DynamoDB Local, with a recording @connections. */
class RealtimeServiceTest {

    private final List<String[]> sent = new ArrayList<>();
    private final ConnectionPoster poster = (id, message) -> {
        synchronized (sent) {
            sent.add(new String[] {id, message});
        }
        return true;
    };
    private DynamoDbConnectionStore store;
    private DynamoDbEventLog events;
    private RealtimeService service;
    private WebSocketHandler handler;

    @BeforeEach
    void setUp() {
        Map<String, String> t = DynamoDbLocal.freshTables();
        Clock clock = Clock.systemUTC();
        store = new DynamoDbConnectionStore(DynamoDbLocal.client(), t.get("ConnectionsTable"), clock);
        events = new DynamoDbEventLog(DynamoDbLocal.client(), t.get("ExecutionsTable"), clock, Duration.ofDays(1));
        var executions = new DynamoDbExecutionRepository(DynamoDbLocal.client(), t.get("ExecutionRecordsTable"),
                t.get("WorkflowsTable"), Duration.ofDays(1));
        executions.create(ExecutionRecord.pending("exec_a", "alice", "wf_1", 1, "manual", Json.object(), Instant.now()));
        JsonLog log = new JsonLog(System.out, clock);
        service = new RealtimeService(store, executions,
                new SubscriptionDelivery(store, poster, events::eventsAfter, Runnable::run, log), poster, clock);
        handler = new WebSocketHandler(service, log);
        for (int i = 0; i < 3; i++) {
            events.publish(ExecutionEvent.of(EventType.NODE_STARTED, "exec_a",
                    new EventPayload("n" + i, null, null, "running", null, null, null, null, "t", null)));
        }
    }

    private static Map<String, Object> event(String route, String connectionId, String user, String body) {
        Map<String, Object> ctx = new java.util.HashMap<>(Map.of("routeKey", route, "connectionId", connectionId));
        if (user != null) {
            ctx.put("authorizer", Map.of("userId", user, "principalId", user));
        }
        Map<String, Object> e = new java.util.HashMap<>(Map.of("requestContext", ctx));
        if (body != null) {
            e.put("body", body);
        }
        return e;
    }

    private List<JsonNode> framesTo(String connectionId) {
        synchronized (sent) {
            return sent.stream().filter(s -> s[0].equals(connectionId)).map(s -> Json.parse(s[1])).toList();
        }
    }

    @Test
    void subscribe_toOwnExecution_shouldAcknowledgeThenReplayAfterSeq() {
        handler.handleRequest(event("$connect", "c1", "alice", null), null);
        handler.handleRequest(event("subscribe", "c1", "alice", "{\"type\":\"subscribe\",\"executionId\":\"exec_a\",\"afterSeq\":1}"), null);

        List<JsonNode> frames = framesTo("c1");
        assertEquals("subscribed", frames.get(0).path("type").asText());
        assertEquals(List.of(2L, 3L), frames.subList(1, frames.size()).stream().map(f -> f.at("/payload/seq").asLong()).toList());
        assertEquals(1, store.subscribers("exec_a").size());
    }

    @Test
    void subscribe_toAnotherUsersExecution_shouldAnswerAnErrorAndRegisterNothing() {
        handler.handleRequest(event("subscribe", "c2", "mallory", "{\"type\":\"subscribe\",\"executionId\":\"exec_a\"}"), null);

        List<JsonNode> frames = framesTo("c2");
        assertEquals(1, frames.size());
        assertEquals("EXECUTION_NOT_FOUND", frames.get(0).path("code").asText());
        assertTrue(store.subscribers("exec_a").isEmpty());
    }

    @Test
    void badMessages_shouldAnswerValidationErrors() {
        handler.handleRequest(event("subscribe", "c3", "alice", "{\"type\":\"subscribe\"}"), null);
        handler.handleRequest(event("subscribe", "c3", "alice", "{\"type\":\"subscribe\",\"executionId\":\"exec_a\",\"afterSeq\":-1}"), null);
        handler.handleRequest(event("subscribe", "c3", "alice", "not json"), null);
        handler.handleRequest(event("$default", "c3", "alice", "{\"type\":\"dance\"}"), null);

        assertEquals(List.of("VALIDATION_ERROR", "VALIDATION_ERROR", "VALIDATION_ERROR", "VALIDATION_ERROR"),
                framesTo("c3").stream().map(f -> f.path("code").asText()).toList());
    }

    @Test
    void disconnect_shouldRemoveTheSubscriptions_andPingAnswerPong() {
        handler.handleRequest(event("$connect", "c4", "alice", null), null);
        handler.handleRequest(event("subscribe", "c4", "alice", "{\"type\":\"subscribe\",\"executionId\":\"exec_a\",\"afterSeq\":3}"), null);
        handler.handleRequest(event("ping", "c4", "alice", "{\"type\":\"ping\"}"), null);
        handler.handleRequest(event("$disconnect", "c4", null, null), null);

        assertEquals("pong", framesTo("c4").get(1).path("type").asText());
        assertTrue(store.subscribers("exec_a").isEmpty());
        assertTrue(store.connectionUser("c4").isEmpty());
    }
}
