package dev.agentflow.shared.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentflow.core.json.Json;
import dev.agentflow.shared.sfn.FakeStateMachines;
import dev.agentflow.shared.sfn.StateMachineException;
import dev.agentflow.shared.testing.RecordingEventPublisher;
import dev.agentflow.shared.workflows.InMemoryWorkflowRepository;
import dev.agentflow.shared.workflows.WorkflowRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Starting a run for any trigger: record first, started event, StartExecution of the version, idempotent ids. */
class ExecutionLauncherTest {

    private static final Instant T0 = Instant.parse("2026-02-01T08:00:00Z");
    private final InMemoryWorkflowRepository workflows = new InMemoryWorkflowRepository();
    private final InMemoryExecutionRepository executions = new InMemoryExecutionRepository(workflows);
    private final FakeStateMachines sfn = new FakeStateMachines();
    private final RecordingEventPublisher events = new RecordingEventPublisher();
    private final ExecutionLauncher launcher = new ExecutionLauncher(executions, sfn, events, Clock.fixed(T0, ZoneOffset.UTC));
    private final WorkflowRecord wf = new WorkflowRecord("wf_1", "alice", "w", null, "active", 3, Json.object(),
            Json.MAPPER.createArrayNode(), "arn:aws:states:us-east-1:000000000000:stateMachine:agentflow-wf_1",
            "arn:aws:states:us-east-1:000000000000:stateMachine:agentflow-wf_1:3", 0, T0, T0, null);

    @Test
    void launch_shouldRecordStartAndPublish_onTheCurrentVersion() {
        ExecutionLauncher.Launch launch = launcher.launch(wf, "exec_1", Json.object().put("city", "beijing"), "webhook", "k1");

        assertTrue(launch.started());
        ExecutionRecord r = executions.find("exec_1").orElseThrow();
        assertEquals(ExecutionStatus.RUNNING, r.status());
        assertEquals("webhook", r.trigger());
        assertEquals("k1", r.idempotencyKey());
        assertEquals(3, r.workflowVersion());
        assertEquals("alice", r.userId());
        assertEquals(1, sfn.started.size());
        assertEquals(wf.versionArn(), sfn.started.get(0).stateMachineOrVersionArn());
        assertEquals("exec_1", sfn.started.get(0).name());
        assertEquals("{\"city\":\"beijing\"}", sfn.started.get(0).input());
        assertEquals(1, events.ofType("execution:started").size());
    }

    @Test
    void launch_ofAnExistingId_shouldReturnItAndStartNothing() {
        launcher.launch(wf, "exec_1", Json.object(), "webhook", "k1");

        ExecutionLauncher.Launch again = launcher.launch(wf, "exec_1", Json.object().put("other", true), "webhook", "k1");

        assertFalse(again.started());
        assertEquals("exec_1", again.record().executionId());
        assertEquals(1, sfn.started.size());
        assertEquals(1, events.ofType("execution:started").size());
    }

    @Test
    void launch_whenStepFunctionsRefuses_shouldEndTheRecordFailed_andRethrow() {
        sfn.failing(true);

        assertThrows(StateMachineException.class, () -> launcher.launch(wf, "exec_1", Json.object(), "schedule", null));

        ExecutionRecord r = executions.find("exec_1").orElseThrow();
        assertEquals(ExecutionStatus.FAILED, r.status());
        assertEquals(1, events.ofType("execution:failed").size());
        assertEquals(0, workflows.find("wf_1").map(WorkflowRecord::runCount).orElse(0L));
    }

    @Test
    void derivedIds_shouldBeStableValidExecutionNames() {
        String a = ExecutionLauncher.derivedExecutionId("webhook", "wf_1", "key");
        assertEquals(a, ExecutionLauncher.derivedExecutionId("webhook", "wf_1", "key"));
        assertNotEquals(a, ExecutionLauncher.derivedExecutionId("webhook", "wf_2", "key"));
        assertTrue(a.matches("exec_[0-9a-f]{32}"), a);
        assertTrue(ExecutionLauncher.newExecutionId().matches("exec_[0-9a-f]{32}"));
    }
}
