package dev.agentflow.shared.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentflow.core.json.Json;
import dev.agentflow.shared.events.DynamoDbEventLog;
import dev.agentflow.shared.events.EventPayload;
import dev.agentflow.shared.events.EventType;
import dev.agentflow.shared.events.ExecutionEvent;
import dev.agentflow.shared.store.DynamoDbExecutionStore;
import dev.agentflow.shared.store.FinishedNode;
import dev.agentflow.shared.store.NodeStatus;
import dev.agentflow.shared.store.StartedNode;
import dev.agentflow.shared.testing.DynamoDbLocal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The repositories' writes as linked writes of the event log, on DynamoDB Local: the execution record with
 * {@code execution:started}, a node's finish with {@code node_completed} — what each would have written alone,
 * refused under the same conditions.
 */
class LinkedWritesTest {

    private static final Instant T0 = Instant.parse("2026-02-01T10:00:00Z");

    private final Map<String, String> tables = DynamoDbLocal.freshTables();
    private final DynamoDbEventLog events = new DynamoDbEventLog(DynamoDbLocal.client(), tables.get("ExecutionsTable"),
            Clock.systemUTC(), Duration.ofDays(1));

    private static ExecutionEvent event(EventType type, String executionId) {
        return ExecutionEvent.of(type, executionId,
                new EventPayload("n1", "Node", "template", "running", null, null, null, null, T0.toString(), null));
    }

    @Test
    void creation_withStartedEvent_shouldStoreTheRecordAsCreateDoes_andBeRefusedWhenItExists() {
        var repository = new DynamoDbExecutionRepository(DynamoDbLocal.client(), tables.get("ExecutionRecordsTable"),
                tables.get("WorkflowsTable"), Duration.ofDays(90));
        ExecutionRecord record = ExecutionRecord.pending("exec_l1", "u1", "wf_1", 3, "webhook",
                Json.object().put("name", "Ada"), T0, "key-1");

        assertTrue(events.createAndPublish(repository.creation(record), event(EventType.EXECUTION_STARTED, "exec_l1"))
                .written());
        assertFalse(events.createAndPublish(repository.creation(record), event(EventType.EXECUTION_STARTED, "exec_l1"))
                .written());
        assertFalse(repository.create(record));

        ExecutionRecord stored = repository.find("exec_l1").orElseThrow();
        assertEquals(ExecutionStatus.PENDING, stored.status());
        assertEquals("Ada", stored.inputs().path("name").asText());
        assertEquals("key-1", stored.idempotencyKey());
        assertEquals(1, events.eventsAfter("exec_l1", 0).size());
    }

    @Test
    void finishing_withCompletedEvent_shouldRecordTheNode_andBeRefusedForASupersededAttempt() {
        var store = new DynamoDbExecutionStore(DynamoDbLocal.client(), tables.get("ExecutionsTable"), Clock.systemUTC(),
                Duration.ofDays(90));
        int first = store.nodeStarted(new StartedNode("exec_l2", "n1", "template", "Node", T0));
        int second = store.nodeStarted(new StartedNode("exec_l2", "n1", "template", "Node", T0.plusSeconds(1)));

        boolean stale = events.publishWith(event(EventType.NODE_COMPLETED, "exec_l2"), store.finishing(new FinishedNode(
                "exec_l2", "n1", first, T0.plusSeconds(2), 5, null, Json.object().put("text", "old"), null, null)))
                .written();
        boolean current = events.publishWith(event(EventType.NODE_COMPLETED, "exec_l2"), store.finishing(new FinishedNode(
                "exec_l2", "n1", second, T0.plusSeconds(3), 7, null, Json.object().put("text", "new"), null, null)))
                .written();

        assertFalse(stale);
        assertTrue(current);
        var node = store.findNode("exec_l2", "n1").orElseThrow();
        assertEquals(NodeStatus.COMPLETED, node.status());
        assertEquals("new", node.output().path("text").asText());
        assertEquals(7L, node.durationMs());
        assertEquals(2, events.eventsAfter("exec_l2", 0).size()); // both attempts' events are published
        assertEquals(2L, node.eventSeq());                       // the number stored with the current finish
        assertEquals(List.of(2L), store.listNodes("exec_l2").stream().map(n -> n.eventSeq()).toList());
    }

    @Test
    void completing_withEndedEvent_shouldEndTheRecordCountTheRunOnce_andBeRefusedWhenEnded() {
        Map<String, String> t = tables;
        var repository = new DynamoDbExecutionRepository(DynamoDbLocal.client(), t.get("ExecutionRecordsTable"),
                t.get("WorkflowsTable"), Duration.ofDays(90));
        ExecutionRecord record = ExecutionRecord.pending("exec_l3", "u1", "wf_missing", 1, "manual", Json.object(), T0);
        repository.create(record);
        Completion done = new Completion("exec_l3", "u1", "wf_missing", ExecutionStatus.COMPLETED,
                Json.object().put("greeting", "hi"), null, null, null, null, null, T0.plusSeconds(1), 1000, true);

        // the workflow does not exist: the run-count item refuses, the record still ends (one after the other)
        var first = events.publishIfWritten(event(EventType.EXECUTION_COMPLETED, "exec_l3"), repository.completing(done), 0);
        var second = events.publishIfWritten(event(EventType.EXECUTION_COMPLETED, "exec_l3"), repository.completing(done), 0);

        assertTrue(first.written());
        assertEquals(1L, first.event().seq());
        assertFalse(second.written());
        assertEquals(ExecutionStatus.COMPLETED, repository.find("exec_l3").orElseThrow().status());
        assertEquals(1, events.eventsAfter("exec_l3", 0).size());
    }
}
