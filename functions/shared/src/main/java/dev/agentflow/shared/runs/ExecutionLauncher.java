package dev.agentflow.shared.runs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;
import dev.agentflow.shared.events.EventPublisher;
import dev.agentflow.shared.sfn.StateMachineException;
import dev.agentflow.shared.sfn.StateMachines;
import dev.agentflow.shared.workflows.WorkflowRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Starts a run of a workflow, whoever asks (the API's execute route, a webhook, a schedule): writes the
 * execution record {@code pending} with a conditional put (an id that exists already means the run was
 * started before: that record is returned and nothing else happens, which is what makes
 * {@code Idempotency-Key} and scheduler re-deliveries start one run), publishes {@code execution:started}
 * (before StartExecution, so it precedes every node event; with the record in one transaction where the stores
 * allow, {@link EventPublisher#createAndPublish}), then StartExecution on the workflow's current
 * state machine <em>version</em>, named by the execution id (a retried StartExecution with the same name and
 * input returns the same execution), and records the execution ARN.
 *
 * <p>When Step Functions refuses, the record ends {@code failed} (not counted as a run, {@code execution:failed}
 * published) and the {@link StateMachineException} is rethrown for the caller to answer 503.
 */
public final class ExecutionLauncher {

    /**
     * What {@link #launch} did.
     *
     * @param record  the execution (as accepted, or as found when it already existed)
     * @param started false when the id existed already and nothing was started now
     */
    public record Launch(ExecutionRecord record, boolean started) {
    }

    private final ExecutionRepository executions;
    private final StateMachines stateMachines;
    private final EventPublisher events;
    private final Clock clock;

    /**
     * @param executions    execution records
     * @param stateMachines Step Functions
     * @param events        publishes execution:started (and execution:failed when StartExecution is refused)
     * @param clock         clock
     */
    public ExecutionLauncher(ExecutionRepository executions, StateMachines stateMachines, EventPublisher events,
                             Clock clock) {
        this.executions = executions;
        this.stateMachines = stateMachines;
        this.events = events;
        this.clock = clock;
    }

    /** A new random execution id: {@code exec_<32 hex>}, a valid Step Functions execution name. */
    public static String newExecutionId() {
        return "exec_" + UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * The execution id derived from a key: {@code exec_} + the first 32 hex digits of SHA-256 over the parts
     * joined by newlines. The same parts always give the same id, so a repeated request names the same run.
     */
    public static String derivedExecutionId(String... parts) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.join("\n", parts)
                    .getBytes(StandardCharsets.UTF_8));
            return "exec_" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * Starts a run of {@code wf} (its current version) as its owner.
     *
     * @param executionId    the id (random, or derived from an idempotency key)
     * @param inputs         the execution inputs
     * @param trigger        manual | webhook | schedule
     * @param idempotencyKey the caller's key, stored on the record, or null
     * @return the launch; {@code started} is false when the id existed already
     * @throws StateMachineException when Step Functions refused (the record has ended {@code failed})
     */
    public Launch launch(WorkflowRecord wf, String executionId, ObjectNode inputs, String trigger, String idempotencyKey) {
        Instant now = clock.instant();
        ExecutionRecord record = ExecutionRecord.pending(executionId, wf.userId(), wf.workflowId(), wf.version(), trigger,
                inputs, now, idempotencyKey);
        // the record and execution:started in one write where the stores allow (DynamoDB: one TransactWriteItems)
        if (!events.createAndPublish(executions.creation(record), LifecycleEvents.started(record)).written()) {
            ExecutionRecord existing = executions.find(executionId).orElseThrow(() ->
                    new IllegalStateException("execution " + executionId + " exists but cannot be read"));
            return new Launch(existing, false);
        }
        String arn;
        try {
            arn = stateMachines.start(wf.versionArn(), executionId, Json.write(inputs));
        } catch (StateMachineException e) {
            Instant end = clock.instant();
            Completion failed = new Completion(executionId, wf.userId(), wf.workflowId(), ExecutionStatus.FAILED, null,
                    null, "NODE_EXECUTION_FAILED", "The execution could not be started; try again.", null, null, end,
                    end.toEpochMilli() - now.toEpochMilli(), false);
            if (executions.complete(failed)) {
                events.publish(LifecycleEvents.ended(failed));
            }
            throw e;
        }
        executions.markStarted(record, arn);
        return new Launch(record, true);
    }
}
