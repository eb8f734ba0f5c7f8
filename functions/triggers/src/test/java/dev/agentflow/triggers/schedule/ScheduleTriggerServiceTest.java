package dev.agentflow.triggers.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;
import dev.agentflow.core.triggers.WorkflowTriggers;
import dev.agentflow.shared.runs.ExecutionRecord;
import dev.agentflow.shared.runs.ExecutionStatus;
import dev.agentflow.shared.workflows.WorkflowRecord;
import dev.agentflow.triggers.schedule.ScheduleTriggerService.Outcome;
import dev.agentflow.triggers.testing.TriggersFixture;
import org.junit.jupiter.api.Test;

/** The schedule target: one run per scheduled time, only for an active workflow whose trigger is unchanged. */
class ScheduleTriggerServiceTest {

    private static final String TRIGGERS = "[{\"type\": \"webhook\"}, {\"type\": \"schedule\", \"rate\": \"1 minute\","
            + " \"inputs\": {\"name\": \"cron\"}}]";
    private final TriggersFixture f = new TriggersFixture();
    private final ScheduleTriggerService service = new ScheduleTriggerService(f.workflows, f.launcher, f.log);

    private static ObjectNode event(WorkflowRecord wf, String time) {
        String fingerprint = WorkflowTriggers.parse(wf.triggers()).schedules().get(0).fingerprint();
        return Json.object().put("workflowId", wf.workflowId()).put("trigger", 1).put("fingerprint", fingerprint)
                .put("scheduledTime", time);
    }

    @Test
    void fire_startsARunWithTriggerSchedule_andTheTriggersInputs() {
        WorkflowRecord wf = f.workflow("active", TRIGGERS, null);

        assertEquals(Outcome.STARTED, service.fire(event(wf, "2026-03-02T09:01:00Z")));

        ExecutionRecord r = f.executions.find(f.sfn.started.get(0).name()).orElseThrow();
        assertEquals("schedule", r.trigger());
        assertEquals("cron", r.inputs().path("name").asText());
        assertEquals(ExecutionStatus.RUNNING, r.status());
        assertEquals("{\"name\":\"cron\"}", f.sfn.started.get(0).input());
    }

    @Test
    void aRepeatedDelivery_ofTheSameScheduledTime_startsNothingMore() {
        WorkflowRecord wf = f.workflow("active", TRIGGERS, null);

        service.fire(event(wf, "2026-03-02T09:01:00Z"));
        assertEquals(Outcome.DUPLICATE, service.fire(event(wf, "2026-03-02T09:01:00Z")));
        assertEquals(Outcome.STARTED, service.fire(event(wf, "2026-03-02T09:02:00Z")));
        assertEquals(2, f.sfn.started.size());
    }

    @Test
    void inactiveDeletedOrEditedWorkflows_startNothing() {
        WorkflowRecord archived = f.workflow("archived", TRIGGERS, null);
        assertEquals(Outcome.SKIPPED_INACTIVE, service.fire(event(archived, "2026-03-02T09:01:00Z")));

        WorkflowRecord deleted = f.workflow("active", TRIGGERS, null);
        f.workflows.softDelete(deleted.workflowId(), "alice", f.clock.instant());
        assertEquals(Outcome.SKIPPED_INACTIVE, service.fire(event(deleted, "2026-03-02T09:01:00Z")));

        WorkflowRecord edited = f.workflow("active", TRIGGERS, null);
        ObjectNode stale = event(edited, "2026-03-02T09:01:00Z").put("fingerprint", "0000000000000000");
        assertEquals(Outcome.SKIPPED_STALE, service.fire(stale));
        assertEquals(Outcome.SKIPPED_STALE, service.fire(event(edited, "2026-03-02T09:01:00Z").put("trigger", 0)));
        assertTrue(f.sfn.started.isEmpty());
    }

    @Test
    void foreignOrIncompleteEvents_areIgnored() {
        WorkflowRecord wf = f.workflow("active", TRIGGERS, null);
        assertEquals(Outcome.IGNORED, service.fire(Json.object()));
        assertEquals(Outcome.IGNORED, service.fire(event(wf, "t").put("workflowId", "../x")));
        assertEquals(Outcome.IGNORED, service.fire(event(wf, "")));
        assertTrue(f.sfn.started.isEmpty());
    }

    @Test
    void stepFunctionsRefusing_endsTheRecordFailed_withoutThrowing() {
        WorkflowRecord wf = f.workflow("active", TRIGGERS, null);
        f.sfn.failing(true);

        assertEquals(Outcome.FAILED_TO_START, service.fire(event(wf, "2026-03-02T09:01:00Z")));
        assertEquals(1, f.events.ofType("execution:failed").size());
    }
}
