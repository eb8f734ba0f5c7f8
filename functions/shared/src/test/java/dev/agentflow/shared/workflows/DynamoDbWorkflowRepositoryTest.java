package dev.agentflow.shared.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentflow.core.json.Json;
import dev.agentflow.shared.paging.InvalidCursorException;
import dev.agentflow.shared.paging.Page;
import dev.agentflow.shared.runs.Completion;
import dev.agentflow.shared.runs.DynamoDbExecutionRepository;
import dev.agentflow.shared.runs.ExecutionRecord;
import dev.agentflow.shared.runs.ExecutionStatus;
import dev.agentflow.shared.testing.DynamoDbLocal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DynamoDbWorkflowRepositoryTest {

    private static final Instant T0 = Instant.parse("2026-01-29T10:00:00Z");

    private DynamoDbWorkflowRepository repo;
    private String table;
    private Map<String, String> tables;

    @BeforeEach
    void setUp() {
        tables = DynamoDbLocal.freshTables();
        table = tables.get("WorkflowsTable");
        repo = new DynamoDbWorkflowRepository(DynamoDbLocal.client(), table);
    }

    static WorkflowRecord workflow(String id, String user, String status, int version, Instant updated) {
        return new WorkflowRecord(id, user, "name " + id, null, status, version,
                Json.parse("{\"nodes\":[],\"edges\":[]}"), Json.MAPPER.createArrayNode(),
                "arn:sm:" + id, "arn:sm:" + id + ":" + version, 0, T0, updated, null);
    }

    @Test
    void create_thenFind_returnsTheWorkflowAndVersionOne() {
        repo.create(workflow("wf_1", "alice", "draft", 1, T0));

        WorkflowRecord found = repo.find("wf_1").orElseThrow();
        assertEquals("alice", found.userId());
        assertEquals(1, found.version());
        assertEquals(List.of(1), repo.versions("wf_1").stream().map(WorkflowVersion::version).toList());
        assertThrows(IllegalStateException.class, () -> repo.create(workflow("wf_1", "bob", "draft", 1, T0)));
    }

    @Test
    void update_withStaleVersion_throwsAndKeepsTheStoredOne() {
        repo.create(workflow("wf_1", "alice", "draft", 1, T0));
        repo.update(workflow("wf_1", "alice", "active", 2, T0.plusSeconds(1)), 1);

        assertThrows(StaleVersionException.class,
                () -> repo.update(workflow("wf_1", "alice", "archived", 2, T0.plusSeconds(2)), 1));
        WorkflowRecord stored = repo.find("wf_1").orElseThrow();
        assertEquals(2, stored.version());
        assertEquals("active", stored.status());
        assertEquals(List.of(2, 1), repo.versions("wf_1").stream().map(WorkflowVersion::version).toList());
        assertTrue(repo.version("wf_1", 1).isPresent());
    }

    @Test
    void update_byAnotherUser_isRefused() {
        repo.create(workflow("wf_1", "alice", "draft", 1, T0));
        assertThrows(StaleVersionException.class, () -> repo.update(workflow("wf_1", "mallory", "draft", 2, T0), 1));
    }

    @Test
    void update_keepsRunCountBumpedConcurrently() {
        repo.create(workflow("wf_1", "alice", "draft", 1, T0));
        var executions = new DynamoDbExecutionRepository(DynamoDbLocal.client(), tables.get("ExecutionRecordsTable"),
                table, Duration.ofDays(1));
        executions.create(ExecutionRecord.pending("exec_1", "alice", "wf_1", 1, "manual", Json.object(), T0));
        executions.complete(new Completion("exec_1", "alice", "wf_1", ExecutionStatus.COMPLETED, null, null, null, null,
                null, null, T0.plusSeconds(1), 1000, true));

        repo.update(workflow("wf_1", "alice", "active", 2, T0.plusSeconds(2)), 1);

        assertEquals(1, repo.find("wf_1").orElseThrow().runCount());
    }

    @Test
    void listByUser_pagesNewestFirst_filtersStatus_andHidesDeletedAndOthers() {
        for (int i = 1; i <= 5; i++) {
            repo.create(workflow("wf_" + i, "alice", i % 2 == 0 ? "active" : "draft", 1, T0.plusSeconds(i)));
        }
        repo.create(workflow("wf_bob", "bob", "draft", 1, T0.plusSeconds(10)));
        assertTrue(repo.softDelete("wf_5", "alice", T0.plusSeconds(20)));
        assertFalse(repo.softDelete("wf_5", "alice", T0.plusSeconds(21)));
        assertFalse(repo.softDelete("wf_4", "bob", T0.plusSeconds(21)));

        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            Page<WorkflowRecord> page = repo.listByUser("alice", null, 2, cursor);
            page.items().forEach(w -> ids.add(w.workflowId()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertEquals(List.of("wf_4", "wf_3", "wf_2", "wf_1"), ids);
        assertEquals(List.of("wf_4", "wf_2"),
                repo.listByUser("alice", "active", 10, null).items().stream().map(WorkflowRecord::workflowId).toList());
        assertNotNull(repo.find("wf_5").orElseThrow().deletedAt());
        assertNull(repo.find("wf_4").orElseThrow().deletedAt());
    }

    @Test
    void listByUser_withForeignOrForgedCursor_isRefused() {
        repo.create(workflow("wf_1", "alice", "draft", 1, T0));
        assertThrows(InvalidCursorException.class, () -> repo.listByUser("alice", null, 2, "not-a-cursor!"));
        String activeCursor = dev.agentflow.shared.paging.Cursors.encode("workflows:active", "x", "wf_1");
        assertThrows(InvalidCursorException.class, () -> repo.listByUser("alice", null, 2, activeCursor));
    }
}
