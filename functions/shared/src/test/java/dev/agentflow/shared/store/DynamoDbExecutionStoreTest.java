package dev.agentflow.shared.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentflow.core.json.Json;
import dev.agentflow.shared.testing.DynamoDbLocal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DynamoDbExecutionStoreTest {

    private static final Instant T0 = Instant.parse("2026-01-29T10:05:00Z");
    private DynamoDbExecutionStore store;
    private String table;

    @BeforeEach
    void setUp() {
        table = DynamoDbLocal.freshTables().get("ExecutionsTable");
        store = new DynamoDbExecutionStore(DynamoDbLocal.client(), table, Clock.fixed(T0, ZoneOffset.UTC), Duration.ofDays(90));
    }

    @Test
    void nodeStartedThenFinished_shouldRecordRunningThenCompleted() {
        int attempt = store.nodeStarted(new StartedNode("exec_1", "node_2", "http", "Get weather", T0));
        NodeRecord running = store.findNode("exec_1", "node_2").orElseThrow();
        assertEquals(NodeStatus.RUNNING, running.status());
        assertEquals(1, attempt);
        assertNull(running.completedAt());

        boolean recorded = store.nodeFinished(new FinishedNode("exec_1", "node_2", attempt, T0.plusMillis(2000), 2000,
                Json.parse("{\"url\":\"https://x/?city=Paris\"}"), Json.parse("{\"statusCode\":200,\"body\":{\"t\":15}}"),
                Json.parse("{\"durationMs\":2000}"), null));

        assertTrue(recorded);
        NodeRecord done = store.findNode("exec_1", "node_2").orElseThrow();
        assertEquals(NodeStatus.COMPLETED, done.status());
        assertEquals(2000L, done.durationMs());
        assertEquals(T0, done.startedAt());
        assertEquals(T0.plusMillis(2000), done.completedAt());
        assertEquals(15, done.output().path("body").path("t").asInt());
        assertEquals("https://x/?city=Paris", done.inputs().path("url").asText());
        assertEquals("Get weather", done.label());
    }

    @Test
    void nodeFinished_whenFailed_shouldRecordError() {
        int attempt = store.nodeStarted(new StartedNode("exec_1", "node_3", "llm", null, T0));
        store.nodeFinished(new FinishedNode("exec_1", "node_3", attempt, T0.plusMillis(5), 5, null, null, null,
                new NodeError("LLM_API_ERROR", "rate limited")));

        NodeRecord failed = store.findNode("exec_1", "node_3").orElseThrow();
        assertEquals(NodeStatus.FAILED, failed.status());
        assertEquals("LLM_API_ERROR", failed.error().code());
        assertEquals("rate limited", failed.error().message());
        assertNull(failed.output());
    }

    @Test
    void nodeFinished_whenNewerAttemptStarted_shouldLeaveRecordAlone() {
        int first = store.nodeStarted(new StartedNode("exec_1", "node_2", "http", null, T0));
        int second = store.nodeStarted(new StartedNode("exec_1", "node_2", "http", null, T0.plusSeconds(1)));

        boolean stale = store.nodeFinished(new FinishedNode("exec_1", "node_2", first, T0.plusSeconds(2), 2000, null,
                Json.parse("{\"late\":true}"), null, null));

        assertEquals(2, second);
        assertFalse(stale);
        NodeRecord record = store.findNode("exec_1", "node_2").orElseThrow();
        assertEquals(NodeStatus.RUNNING, record.status());
        assertEquals(2, record.attempts());
    }

    @Test
    void nodeStarted_whenRetried_shouldClearThePreviousError() {
        int first = store.nodeStarted(new StartedNode("exec_1", "node_2", "http", null, T0));
        store.nodeFinished(new FinishedNode("exec_1", "node_2", first, T0, 1, null, null, null, new NodeError("TIMEOUT", "slow")));

        store.nodeStarted(new StartedNode("exec_1", "node_2", "http", null, T0.plusSeconds(3)));

        NodeRecord record = store.findNode("exec_1", "node_2").orElseThrow();
        assertEquals(NodeStatus.RUNNING, record.status());
        assertNull(record.error());
    }

    @Test
    void nodeFinished_whenInputsHuge_shouldKeepAPreviewUnderTheItemLimit() {
        int attempt = store.nodeStarted(new StartedNode("exec_1", "node_2", "template", null, T0));
        String big = "x".repeat(300_000);
        store.nodeFinished(new FinishedNode("exec_1", "node_2", attempt, T0, 1,
                Json.MAPPER.createObjectNode().put("template", big), Json.parse("{\"text\":\"ok\"}"), null, null));

        NodeRecord record = store.findNode("exec_1", "node_2").orElseThrow();
        assertTrue(record.inputs().path("$truncated").asBoolean());
        assertTrue(record.inputs().path("sizeBytes").asInt() > 300_000);
    }

    @Test
    void listNodes_shouldReturnOnlyNodeRecordsOfTheExecution() {
        store.nodeStarted(new StartedNode("exec_1", "node_2", "http", null, T0));
        store.nodeStarted(new StartedNode("exec_1", "node_3", "llm", null, T0));
        store.nodeStarted(new StartedNode("exec_2", "node_2", "http", null, T0));

        assertEquals(2, store.listNodes("exec_1").size());
        assertEquals("node_2", store.listNodes("exec_1").get(0).nodeId());
        assertNotNull(DynamoDbLocal.scan(table).get(0).get(ExecutionKeys.EXPIRES_AT));
    }
}
