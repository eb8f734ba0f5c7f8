package dev.agentflow.shared.runs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * How an execution ended, applied once by {@link ExecutionRepository#complete}.
 *
 * @param executionId  the execution
 * @param userId       its owner
 * @param workflowId   its workflow, whose run count is bumped when {@code countRun}
 * @param status       a terminal status
 * @param outputs      final outputs, or null
 * @param nodeStates   per-node summary, or null
 * @param errorCode    error code, or null
 * @param errorMessage error sentence (never a stack trace or secret), or null
 * @param errorNodeId  failed node, or null
 * @param tokenUsage   token totals, or null
 * @param completedAt  when it ended
 * @param durationMs   {@code completedAt} minus the record's {@code startedAt}, in milliseconds
 * @param countRun     whether this execution counts as a run of the workflow (false when it never started)
 */
public record Completion(String executionId, String userId, String workflowId, ExecutionStatus status, JsonNode outputs,
                         JsonNode nodeStates, String errorCode, String errorMessage, String errorNodeId,
                         JsonNode tokenUsage, Instant completedAt, long durationMs, boolean countRun) {

    public Completion {
        if (!status.terminal()) {
            throw new IllegalArgumentException("a completion needs a terminal status, got " + status);
        }
    }
}
