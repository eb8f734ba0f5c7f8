package dev.agentflow.api.executions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.api.Ids;
import dev.agentflow.api.http.ApiErrors;
import dev.agentflow.api.http.ApiException;
import dev.agentflow.core.json.Json;
import dev.agentflow.shared.events.EventPublisher;
import dev.agentflow.shared.connections.StoredEvents;
import dev.agentflow.shared.events.ExecutionEvent;
import dev.agentflow.shared.paging.Page;
import java.util.List;
import dev.agentflow.shared.runs.Completion;
import dev.agentflow.shared.runs.ExecutionQuery;
import dev.agentflow.shared.runs.ExecutionRecord;
import dev.agentflow.shared.runs.ExecutionRepository;
import dev.agentflow.shared.runs.ExecutionStatus;
import dev.agentflow.shared.sfn.StateMachineException;
import dev.agentflow.shared.sfn.StateMachines;
import dev.agentflow.shared.store.ExecutionStore;
import dev.agentflow.shared.workflows.WorkflowRecord;
import dev.agentflow.shared.workflows.WorkflowRepository;
import java.time.Clock;
import java.time.Instant;

/**
 * Executions (seed 000 REQ-202): start, list, detail, cancel, each scoped to the caller (another user's
 * execution is {@code EXECUTION_NOT_FOUND}).
 *
 * <p>Start: the record is written {@code pending} first, then Step Functions' StartExecution is called on
 * the workflow's current state machine <em>version</em> with the execution id as the execution name, so
 * a retried call (same name, same input) cannot start a second execution.
 */
public final class ExecutionService {

    private final WorkflowRepository workflows;
    private final ExecutionRepository executions;
    private final ExecutionStore nodes;
    private final StateMachines stateMachines;
    private final Clock clock;
    private final EventPublisher events;

    /** Without execution events (tests of other behaviour). */
    public ExecutionService(WorkflowRepository workflows, ExecutionRepository executions, ExecutionStore nodes,
                            StateMachines stateMachines, Clock clock) {
        this(workflows, executions, nodes, stateMachines, clock, e -> e);
    }

    /**
     * @param workflows     workflows (the caller's workflow to run)
     * @param executions    execution records
     * @param nodes         node records written by the node functions
     * @param stateMachines Step Functions
     * @param clock         clock
     * @param events        publishes execution:started / failed / cancelled (issue 6)
     */
    public ExecutionService(WorkflowRepository workflows, ExecutionRepository executions, ExecutionStore nodes,
                            StateMachines stateMachines, Clock clock, EventPublisher events) {
        this.workflows = workflows;
        this.executions = executions;
        this.nodes = nodes;
        this.stateMachines = stateMachines;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Starts the caller's workflow.
     *
     * @param inputs         the execution inputs (an object)
     * @param idempotencyKey the {@code Idempotency-Key} header, or null: the same key on the same workflow
     *                       returns the execution already started instead of starting another
     * @param trigger        manual | webhook | schedule
     * @return the execution record as accepted
     * @throws ApiException 404 WORKFLOW_NOT_FOUND; 503 SERVICE_UNAVAILABLE when Step Functions refuses
     *                      (the record then ends {@code failed} without counting as a run)
     */
    public ExecutionRecord execute(String userId, String workflowId, ObjectNode inputs, String idempotencyKey,
                                   String trigger) {
        WorkflowRecord wf = workflows.find(workflowId).filter(w -> w.visibleTo(userId))
                .orElseThrow(() -> ApiException.notFound(ApiErrors.WORKFLOW_NOT_FOUND, "Workflow " + workflowId + " not found."));
        String id = idempotencyKey == null ? Ids.newExecutionId() : Ids.executionIdFor(userId, workflowId, idempotencyKey);
        Instant now = clock.instant();
        ExecutionRecord record = ExecutionRecord.pending(id, userId, workflowId, wf.version(), trigger, inputs, now);
        if (!executions.create(record)) {
            return executions.find(id).filter(e -> e.userId().equals(userId)).orElseThrow(() ->
                    ApiException.conflict("Idempotency-Key already used.", Json.object().put("field", "Idempotency-Key")));
        }
        events.publish(LifecycleEvents.started(record)); // before StartExecution: it precedes every node event
        try {
            String arn = stateMachines.start(wf.versionArn(), id, Json.write(inputs));
            executions.markStarted(record, arn);
        } catch (StateMachineException e) {
            Instant end = clock.instant();
            Completion failed = new Completion(id, userId, workflowId, ExecutionStatus.FAILED, null, null,
                    "NODE_EXECUTION_FAILED", "The execution could not be started; try again.", null, null, end,
                    end.toEpochMilli() - now.toEpochMilli(), false);
            if (executions.complete(failed)) {
                events.publish(LifecycleEvents.ended(failed));
            }
            throw new ApiException(503, ApiErrors.SERVICE_UNAVAILABLE,
                    "The workflow engine did not accept the execution; try again.",
                    Json.object().put("executionId", id));
        }
        return record;
    }

    /** The caller's execution. @throws ApiException 404 EXECUTION_NOT_FOUND */
    public ExecutionRecord get(String userId, String executionId) {
        return executions.find(executionId).filter(e -> e.userId().equals(userId))
                .orElseThrow(() -> ApiException.notFound(ApiErrors.EXECUTION_NOT_FOUND, "Execution " + executionId + " not found."));
    }

    /** The caller's execution in the seed 000 §4.1 detail shape, with per-node states. */
    public ObjectNode detail(String userId, String executionId) {
        ExecutionRecord e = get(userId, executionId);
        NodeStates states = NodeStates.merge(nodes.listNodes(executionId), e.nodeStates());
        return ExecutionViews.detail(e, states);
    }

    /** A page of the caller's executions, newest first. */
    public Page<ExecutionRecord> list(ExecutionQuery query) {
        return executions.list(query);
    }

    /**
     * Cancels a pending or running execution of the caller: StopExecution, then the record ends
     * {@code cancelled} (once; the ABORTED status event that follows finds it ended).
     *
     * @throws ApiException 404; 409 CONFLICT when it has already ended
     */
    public ExecutionRecord cancel(String userId, String executionId) {
        ExecutionRecord e = get(userId, executionId);
        if (e.status().terminal()) {
            throw ApiException.conflict("Execution " + executionId + " has already ended (" + e.status().wire() + ").",
                    Json.object().put("status", e.status().wire()));
        }
        if (e.sfnExecutionArn() != null) {
            try {
                stateMachines.stop(e.sfnExecutionArn(), "Cancelled", "Cancelled by the user");
            } catch (StateMachineException ex) {
                throw new ApiException(503, ApiErrors.SERVICE_UNAVAILABLE,
                        "The workflow engine did not accept the cancellation; try again.", null);
            }
        }
        Instant end = clock.instant();
        NodeStates states = NodeStates.merge(nodes.listNodes(executionId), null);
        Completion completion = new Completion(executionId, userId, e.workflowId(), ExecutionStatus.CANCELLED, null,
                states.summary(), null, null, null, states.tokenUsage(), end,
                end.toEpochMilli() - e.startedAt().toEpochMilli(), true);
        if (executions.complete(completion)) {
            events.publish(LifecycleEvents.ended(completion));
            return e.completedWith(completion);
        }
        return get(userId, executionId);
    }

    /**
     * The caller's execution's stored events after {@code afterSeq}, in order (the replay a WebSocket
     * subscriber gets, for clients without a socket).
     *
     * @throws ApiException 404 EXECUTION_NOT_FOUND
     */
    public List<ExecutionEvent> events(String userId, String executionId, long afterSeq, StoredEvents stored) {
        get(userId, executionId);
        return stored.after(executionId, afterSeq);
    }
}
