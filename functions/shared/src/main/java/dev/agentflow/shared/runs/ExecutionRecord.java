package dev.agentflow.shared.runs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One execution of a workflow (seed 000 §5.2 executions): the summary the API lists and the status
 * function completes. Per-node records live in the executions table ({@code dev.agentflow.shared.store}).
 *
 * @param executionId     {@code exec_<32 hex>}; also the Step Functions execution name
 * @param userId          owner (JWT {@code sub})
 * @param workflowId      the workflow run
 * @param workflowVersion the workflow version run
 * @param status          current status
 * @param trigger         {@code manual}, {@code webhook} or {@code schedule}
 * @param inputs          the execution inputs (the Step Functions execution input)
 * @param outputs         final outputs (end node), or null until completed
 * @param nodeStates      final per-node summary {@code {"<id>": {status, error?}}} from the execution output, or null
 * @param errorCode       error code when failed/timed out, or null
 * @param errorMessage    error sentence when failed/timed out, or null
 * @param errorNodeId     the failed node, or null
 * @param tokenUsage      {@code {prompt, completion, total}} summed over llm nodes, or null
 * @param startedAt       when the API accepted the request
 * @param completedAt     when it ended, or null
 * @param durationMs      {@code completedAt - startedAt} in milliseconds, or null
 * @param sfnExecutionArn the Step Functions execution ARN once started, or null
 * @param idempotencyKey  the {@code Idempotency-Key} the run was started with (webhook or manual), or null (issue 8)
 * @param callback        the result callback delivery ({@code {state, event, url, attempts, statusCode, error,
 *                        deliveredAt}}, see functions/triggers/README.md), or null when none was due (issue 8)
 */
public record ExecutionRecord(String executionId, String userId, String workflowId, int workflowVersion,
                              ExecutionStatus status, String trigger, JsonNode inputs, JsonNode outputs,
                              JsonNode nodeStates, String errorCode, String errorMessage, String errorNodeId,
                              JsonNode tokenUsage, Instant startedAt, Instant completedAt, Long durationMs,
                              String sfnExecutionArn, String idempotencyKey, JsonNode callback) {

    /** A record without idempotency key or callback delivery. */
    public ExecutionRecord(String executionId, String userId, String workflowId, int workflowVersion,
                           ExecutionStatus status, String trigger, JsonNode inputs, JsonNode outputs,
                           JsonNode nodeStates, String errorCode, String errorMessage, String errorNodeId,
                           JsonNode tokenUsage, Instant startedAt, Instant completedAt, Long durationMs,
                           String sfnExecutionArn) {
        this(executionId, userId, workflowId, workflowVersion, status, trigger, inputs, outputs, nodeStates, errorCode,
                errorMessage, errorNodeId, tokenUsage, startedAt, completedAt, durationMs, sfnExecutionArn, null, null);
    }

    /** A new pending execution. */
    public static ExecutionRecord pending(String executionId, String userId, String workflowId, int workflowVersion,
                                          String trigger, JsonNode inputs, Instant startedAt) {
        return pending(executionId, userId, workflowId, workflowVersion, trigger, inputs, startedAt, null);
    }

    /** A new pending execution started with an {@code Idempotency-Key} (or null). */
    public static ExecutionRecord pending(String executionId, String userId, String workflowId, int workflowVersion,
                                          String trigger, JsonNode inputs, Instant startedAt, String idempotencyKey) {
        return new ExecutionRecord(executionId, userId, workflowId, workflowVersion, ExecutionStatus.PENDING, trigger,
                inputs, null, null, null, null, null, null, startedAt, null, null, null, idempotencyKey, null);
    }

    /** This record with the completion applied. */
    public ExecutionRecord completedWith(Completion c) {
        return new ExecutionRecord(executionId, userId, workflowId, workflowVersion, c.status(), trigger, inputs,
                c.outputs(), c.nodeStates(), c.errorCode(), c.errorMessage(), c.errorNodeId(), c.tokenUsage(),
                startedAt, c.completedAt(), c.durationMs(), sfnExecutionArn, idempotencyKey, callback);
    }

    /** This record started as {@code arn}: pending becomes running, a terminal status stays. */
    public ExecutionRecord startedAs(String arn) {
        return new ExecutionRecord(executionId, userId, workflowId, workflowVersion,
                status == ExecutionStatus.PENDING ? ExecutionStatus.RUNNING : status, trigger, inputs, outputs, nodeStates,
                errorCode, errorMessage, errorNodeId, tokenUsage, startedAt, completedAt, durationMs, arn, idempotencyKey,
                callback);
    }

    /** This record with a callback delivery state. */
    public ExecutionRecord withCallback(JsonNode delivery) {
        return new ExecutionRecord(executionId, userId, workflowId, workflowVersion, status, trigger, inputs, outputs,
                nodeStates, errorCode, errorMessage, errorNodeId, tokenUsage, startedAt, completedAt, durationMs,
                sfnExecutionArn, idempotencyKey, delivery);
    }
}
