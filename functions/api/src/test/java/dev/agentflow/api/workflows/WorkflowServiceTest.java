package dev.agentflow.api.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.api.http.ApiException;
import dev.agentflow.api.testing.ApiFixture;
import dev.agentflow.core.error.InvalidWorkflowException;
import dev.agentflow.core.json.Json;
import dev.agentflow.shared.sfn.DefinitionSubstitutions;
import dev.agentflow.shared.sfn.FakeStateMachines;
import dev.agentflow.shared.workflows.InMemoryWorkflowRepository;
import dev.agentflow.shared.workflows.WorkflowRecord;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** WorkflowService on in-memory fakes. */
class WorkflowServiceTest {

    private final InMemoryWorkflowRepository repo = new InMemoryWorkflowRepository();
    private final FakeStateMachines sfn = new FakeStateMachines();
    private final WorkflowService service = new WorkflowService(repo,
            new WorkflowDeployer(sfn, new DefinitionSubstitutions(ApiFixture.ARNS), "agentflow"), Clock.systemUTC());

    private static WorkflowInput weather() {
        return WorkflowInput.forCreate((ObjectNode) Json.parse(ApiFixture.sampleWorkflow("weather-summary.json")));
    }

    @Test
    void create_invalidDefinition_callsNoServiceAndStoresNothing() {
        WorkflowInput bad = WorkflowInput.forCreate((ObjectNode) Json.parse(
                "{\"name\":\"x\",\"definition\":{\"nodes\":[{\"id\":\"n\",\"type\":\"start\"}],\"edges\":[{\"id\":\"e\",\"source\":\"n\",\"target\":\"n\"}]}}"));
        assertThrows(InvalidWorkflowException.class, () -> service.create("alice", bad));
        assertEquals(0, sfn.calls());
        assertEquals(0, repo.listByUser("alice", null, 10, null).items().size());
    }

    @Test
    void create_whenTheWorkflowCannotBeStored_deletesTheStateMachineAgain() {
        InMemoryWorkflowRepository failing = new InMemoryWorkflowRepository();
        WorkflowService broken = new WorkflowService(new dev.agentflow.shared.workflows.WorkflowRepository() {
            @Override
            public void create(WorkflowRecord workflow) {
                throw new IllegalStateException("table unavailable");
            }

            @Override
            public java.util.Optional<WorkflowRecord> find(String id) {
                return failing.find(id);
            }

            @Override
            public void update(WorkflowRecord updated, int expectedVersion) {
                failing.update(updated, expectedVersion);
            }

            @Override
            public boolean softDelete(String id, String userId, java.time.Instant at) {
                return false;
            }

            @Override
            public dev.agentflow.shared.paging.Page<WorkflowRecord> listByUser(String u, String s, int l, String c) {
                return failing.listByUser(u, s, l, c);
            }

            @Override
            public java.util.List<dev.agentflow.shared.workflows.WorkflowVersion> versions(String id) {
                return java.util.List.of();
            }

            @Override
            public java.util.Optional<dev.agentflow.shared.workflows.WorkflowVersion> version(String id, int v) {
                return java.util.Optional.empty();
            }
        }, new WorkflowDeployer(sfn, new DefinitionSubstitutions(ApiFixture.ARNS), "agentflow"), Clock.systemUTC());

        assertThrows(IllegalStateException.class, () -> broken.create("alice", weather()));
        assertTrue(sfn.definitions.isEmpty(), "the orphan state machine was deleted");
    }

    @Test
    void update_nameOnly_keepsTheStateMachineVersion_definitionChangePublishesOne() {
        WorkflowRecord wf = service.create("alice", weather()).workflow();
        WorkflowRecord renamed = service.update("alice", wf.workflowId(),
                WorkflowInput.forUpdate((ObjectNode) Json.parse("{\"name\":\"New\"}"))).workflow();
        assertEquals(2, renamed.version());
        assertEquals(wf.versionArn(), renamed.versionArn());

        WorkflowRecord redeployed = service.update("alice", wf.workflowId(),
                WorkflowInput.forUpdate((ObjectNode) Json.parse("{\"triggers\":[{\"type\":\"webhook\"}],\"version\":2}"))).workflow();
        assertEquals(3, redeployed.version());
        assertTrue(redeployed.versionArn().endsWith(":2"));
    }

    @Test
    void everyReadAndWrite_isScopedToTheOwner() {
        WorkflowRecord wf = service.create("alice", weather()).workflow();
        for (Runnable r : new Runnable[] {
                () -> service.get("bob", wf.workflowId()),
                () -> service.delete("bob", wf.workflowId()),
                () -> service.duplicate("bob", wf.workflowId()),
                () -> service.versions("bob", wf.workflowId()),
                () -> service.restore("bob", wf.workflowId(), 1, null)}) {
            ApiException e = assertThrows(ApiException.class, r::run);
            assertEquals(404, e.status());
        }
    }
}
