package dev.agentflow.triggers.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.core.triggers.ScheduleTrigger;
import dev.agentflow.core.triggers.TriggerException;
import dev.agentflow.core.triggers.WorkflowTriggers;
import dev.agentflow.shared.log.JsonLog;
import dev.agentflow.shared.runs.ExecutionLauncher;
import dev.agentflow.shared.sfn.StateMachineException;
import dev.agentflow.shared.workflows.WorkflowRecord;
import dev.agentflow.shared.workflows.WorkflowRepository;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The target of every workflow schedule (issue 8, seed 002 §3.2.2): EventBridge Scheduler invokes it with the
 * schedule's Input {@code {"workflowId", "trigger", "fingerprint", "scheduledTime"}} (the last one filled in by
 * Scheduler from {@code <aws.scheduler.scheduled-time>}), and it starts a run with trigger {@code schedule} and the
 * trigger's {@code inputs}.
 *
 * <p>Safety nets: the run starts only if the workflow is still {@code active} and its trigger at that index still
 * has that fingerprint (a schedule left behind by a failed save, or a late delivery after an archive, starts
 * nothing); the execution id is derived from (workflow, trigger, fingerprint, scheduled time), so Scheduler's
 * at-least-once delivery and its retries start one run per scheduled time.
 */
public final class ScheduleTriggerService {

    /** What one invocation did. */
    public enum Outcome {
        /** A run was started. */
        STARTED,
        /** This scheduled time's run exists already (a repeated delivery). */
        DUPLICATE,
        /** The workflow is gone, or not active. */
        SKIPPED_INACTIVE,
        /** The workflow no longer has this trigger as scheduled (edited since). */
        SKIPPED_STALE,
        /** Step Functions refused; the execution record ended failed. */
        FAILED_TO_START,
        /** Not an event of ours. */
        IGNORED
    }

    private static final Pattern WORKFLOW_ID = Pattern.compile("wf_[0-9a-f]{32}");

    private final WorkflowRepository workflows;
    private final ExecutionLauncher launcher;
    private final JsonLog log;

    /**
     * @param workflows workflows
     * @param launcher  starts runs
     * @param log       structured log
     */
    public ScheduleTriggerService(WorkflowRepository workflows, ExecutionLauncher launcher, JsonLog log) {
        this.workflows = workflows;
        this.launcher = launcher;
        this.log = log;
    }

    /** Handles one invocation. AWS failures other than a refused StartExecution propagate (Scheduler retries). */
    public Outcome fire(JsonNode event) {
        String workflowId = event.path("workflowId").asText("");
        String fingerprint = event.path("fingerprint").asText("");
        String scheduledTime = event.path("scheduledTime").asText("");
        if (!WORKFLOW_ID.matcher(workflowId).matches() || !event.path("trigger").canConvertToInt()
                || fingerprint.isEmpty() || scheduledTime.isEmpty()) {
            return done(Outcome.IGNORED, workflowId, null, scheduledTime);
        }
        int index = event.path("trigger").asInt();
        Optional<WorkflowRecord> wf = workflows.find(workflowId).filter(w -> !w.deleted() && "active".equals(w.status()));
        if (wf.isEmpty()) {
            return done(Outcome.SKIPPED_INACTIVE, workflowId, null, scheduledTime);
        }
        Optional<ScheduleTrigger> trigger;
        try {
            trigger = WorkflowTriggers.parse(wf.get().triggers()).schedules().stream()
                    .filter(t -> t.index() == index && t.fingerprint().equals(fingerprint)).findFirst();
        } catch (TriggerException e) {
            trigger = Optional.empty();
        }
        if (trigger.isEmpty()) {
            return done(Outcome.SKIPPED_STALE, workflowId, null, scheduledTime);
        }
        String id = ExecutionLauncher.derivedExecutionId("schedule", workflowId, String.valueOf(index), fingerprint,
                scheduledTime);
        try {
            ExecutionLauncher.Launch launch = launcher.launch(wf.get(), id, trigger.get().inputs().deepCopy(), "schedule", null);
            return done(launch.started() ? Outcome.STARTED : Outcome.DUPLICATE, workflowId, id, scheduledTime);
        } catch (StateMachineException e) {
            return done(Outcome.FAILED_TO_START, workflowId, id, scheduledTime);
        }
    }

    private Outcome done(Outcome outcome, String workflowId, String executionId, String scheduledTime) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("workflowId", workflowId);
        f.put("executionId", executionId);
        f.put("scheduledTime", scheduledTime);
        f.put("outcome", outcome.name());
        if (outcome == Outcome.FAILED_TO_START) {
            log.error("schedule trigger", f);
        } else {
            log.info("schedule trigger", f);
        }
        return outcome;
    }
}
