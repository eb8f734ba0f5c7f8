package dev.agentflow.shared.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentflow.core.json.Json;
import dev.agentflow.shared.paging.Page;
import dev.agentflow.shared.testing.DynamoDbLocal;
import dev.agentflow.shared.workflows.DynamoDbWorkflowRepository;
import dev.agentflow.shared.workflows.WorkflowRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DynamoDbExecutionRepositoryTest {

    private static final Instant T0 = Instant.parse("2026-01-29T10:05:00Z");

    private DynamoDbExecutionRepository repo;
    private DynamoDbWorkflowRepository workflows;
    private String table;

    @BeforeEach
    void setUp() {
        Map<String, String> tables = DynamoDbLocal.freshTables();
        table = tables.get("ExecutionRecordsTable");
        workflows = new DynamoDbWorkflowRepository(DynamoDbLocal.client(), tables.get("WorkflowsTable"));
        repo = new DynamoDbExecutionRepository(DynamoDbLocal.client(), table, tables.get("WorkflowsTable"), Duration.ofDays(90));
        workflows.create(new WorkflowRecord("wf_1", "alice", "w", null, "draft", 1, Json.object(),
                Json.MAPPER.createArrayNode(), "arn:sm", "arn:sm:1", 0, T0, T0, null));
    }

    private static Completion completion(String id, ExecutionStatus status) {
        return new Completion(id, "alice", "wf_1", status, Json.object().put("result", "ok"), null, null, null, null,
                null, T0.plusSeconds(15), 15_000, true);
    }

    @Test
    void create_isConditional_andSetsTtl() {
        assertTrue(repo.create(ExecutionRecord.pending("exec_1", "alice", "wf_1", 1, "manual", Json.object(), T0)));
        assertFalse(repo.create(ExecutionRecord.pending("exec_1", "bob", "wf_1", 1, "manual", Json.object(), T0)));
        var item = DynamoDbLocal.scan(table).get(0);
        assertEquals(String.valueOf(T0.plus(Duration.ofDays(90)).getEpochSecond()), item.get("expiresAt").n());
        assertEquals("alice", repo.find("exec_1").orElseThrow().userId());
    }

    @Test
    void complete_twice_writesOnceAndCountsOneRun() {
        repo.create(ExecutionRecord.pending("exec_1", "alice", "wf_1", 1, "manual", Json.object(), T0));
        repo.markStarted("exec_1", "arn:exec:1");

        assertTrue(repo.complete(completion("exec_1", ExecutionStatus.COMPLETED)));
        assertFalse(repo.complete(completion("exec_1", ExecutionStatus.FAILED)));

        ExecutionRecord e = repo.find("exec_1").orElseThrow();
        assertEquals(ExecutionStatus.COMPLETED, e.status());
        assertEquals(15_000L, e.durationMs());
        assertEquals("ok", e.outputs().path("result").asText());
        assertEquals("arn:exec:1", e.sfnExecutionArn());
        assertEquals(1, workflows.find("wf_1").orElseThrow().runCount());
    }

    @Test
    void complete_unknownExecution_returnsFalse() {
        assertFalse(repo.complete(completion("exec_missing", ExecutionStatus.COMPLETED)));
        assertEquals(0, workflows.find("wf_1").orElseThrow().runCount());
    }

    @Test
    void markStarted_afterCompletion_keepsTheTerminalStatus() {
        repo.create(ExecutionRecord.pending("exec_1", "alice", "wf_1", 1, "manual", Json.object(), T0));
        repo.complete(completion("exec_1", ExecutionStatus.CANCELLED));
        repo.markStarted("exec_1", "arn:exec:1");
        assertEquals(ExecutionStatus.CANCELLED, repo.find("exec_1").orElseThrow().status());
    }

    @Test
    void markStarted_withTheRecordInHand_movesPendingToRunningAndIndexesTheNewStatus() {
        ExecutionRecord pending = ExecutionRecord.pending("exec_1", "alice", "wf_1", 1, "manual", Json.object(), T0);
        repo.create(pending);

        repo.markStarted(pending, "arn:exec:1");

        ExecutionRecord e = repo.find("exec_1").orElseThrow();
        assertEquals(ExecutionStatus.RUNNING, e.status());
        assertEquals("arn:exec:1", e.sfnExecutionArn());
        assertEquals(List.of("exec_1"), repo.list(new ExecutionQuery("alice", null, ExecutionStatus.RUNNING, null, null,
                10, null)).items().stream().map(ExecutionRecord::executionId).toList());
    }

    @Test
    void markStarted_withTheRecordInHand_afterCompletion_keepsTheTerminalStatusAndRecordsTheArn() {
        ExecutionRecord pending = ExecutionRecord.pending("exec_1", "alice", "wf_1", 1, "manual", Json.object(), T0);
        repo.create(pending);
        repo.complete(completion("exec_1", ExecutionStatus.CANCELLED));

        repo.markStarted(pending, "arn:exec:1");

        ExecutionRecord e = repo.find("exec_1").orElseThrow();
        assertEquals(ExecutionStatus.CANCELLED, e.status());
        assertEquals("arn:exec:1", e.sfnExecutionArn());
    }

    @Test
    void markStarted_whenTheRecordIsGone_writesNothing() {
        repo.markStarted(ExecutionRecord.pending("exec_gone", "alice", "wf_1", 1, "manual", Json.object(), T0), "arn:x");

        assertTrue(repo.find("exec_gone").isEmpty());
        assertTrue(DynamoDbLocal.scan(table).isEmpty());
    }

    @Test
    void list_byUserWorkflowStatusAndTime_newestFirstWithCursor() {
        for (int i = 0; i < 6; i++) {
            String wf = i < 4 ? "wf_1" : "wf_2";
            repo.create(ExecutionRecord.pending("exec_" + i, "alice", wf, 1, "manual", Json.object(), T0.plusSeconds(i)));
        }
        repo.create(ExecutionRecord.pending("exec_b", "bob", "wf_1", 1, "manual", Json.object(), T0.plusSeconds(3)));
        repo.complete(completion("exec_1", ExecutionStatus.COMPLETED));
        repo.complete(completion("exec_3", ExecutionStatus.COMPLETED));

        List<String> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<ExecutionRecord> page = repo.list(new ExecutionQuery("alice", null, null, null, null, 4, cursor));
            page.items().forEach(e -> all.add(e.executionId()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertEquals(List.of("exec_5", "exec_4", "exec_3", "exec_2", "exec_1", "exec_0"), all);

        assertEquals(List.of("exec_3", "exec_1"), ids(new ExecutionQuery("alice", null, ExecutionStatus.COMPLETED, null, null, 10, null)));
        assertEquals(List.of("exec_3", "exec_1"), ids(new ExecutionQuery("alice", "wf_1", ExecutionStatus.COMPLETED, null, null, 10, null)));
        Page<ExecutionRecord> filtered = repo.list(new ExecutionQuery("alice", "wf_1", ExecutionStatus.COMPLETED, null, null, 1, null));
        assertEquals(List.of("exec_3"), filtered.items().stream().map(ExecutionRecord::executionId).toList());
        assertEquals(List.of("exec_1"), repo.list(new ExecutionQuery("alice", "wf_1", ExecutionStatus.COMPLETED, null, null, 1,
                filtered.nextCursor())).items().stream().map(ExecutionRecord::executionId).toList());
        assertEquals(List.of("exec_2", "exec_1"), ids(new ExecutionQuery("alice", null, null, T0.plusSeconds(1), T0.plusSeconds(3), 10, null)));
        assertEquals(List.of("exec_b"), ids(new ExecutionQuery("bob", null, null, null, null, 10, null)));
        assertNull(repo.list(new ExecutionQuery("carol", null, null, null, null, 10, null)).nextCursor());
    }

    private List<String> ids(ExecutionQuery q) {
        return repo.list(q).items().stream().map(ExecutionRecord::executionId).toList();
    }

    @Test
    void markStarted_withTheRecordInHand_movesPendingToRunning_andNeverCreatesAnItem() {
        ExecutionRecord pending = ExecutionRecord.pending("exec_1", "alice", "wf_1", 1, "webhook", Json.object(), T0, "k");
        repo.create(pending);

        repo.markStarted(pending, "arn:exec:1");
        repo.markStarted(ExecutionRecord.pending("exec_gone", "alice", "wf_1", 1, "webhook", Json.object(), T0), "arn:x");

        ExecutionRecord r = repo.find("exec_1").orElseThrow();
        assertEquals(ExecutionStatus.RUNNING, r.status());
        assertEquals("arn:exec:1", r.sfnExecutionArn());
        assertEquals("k", r.idempotencyKey());
        assertTrue(repo.find("exec_gone").isEmpty());
        assertEquals(1, DynamoDbLocal.scan(table).size());
    }
}
