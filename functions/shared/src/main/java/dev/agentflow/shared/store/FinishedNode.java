package dev.agentflow.shared.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The end of a node attempt: completed (with output) or failed (with error).
 *
 * @param executionId the Step Functions execution name
 * @param nodeId      the node's id
 * @param attempt     the attempt number {@link ExecutionStore#nodeStarted} returned
 * @param completedAt when the attempt ended
 * @param durationMs  how long it took, in milliseconds
 * @param inputs      the node's inputs as rendered (config after {@code {{ }}}), or null
 * @param output      the output as carried in the state (possibly a stored-aside reference), or null when failed
 * @param metadata    metadata such as tokensUsed, or null
 * @param error       the error when failed, else null
 */
public record FinishedNode(String executionId, String nodeId, int attempt, Instant completedAt, long durationMs,
                           JsonNode inputs, JsonNode output, JsonNode metadata, NodeError error) {

    /** Whether this is a failure. */
    public boolean failed() {
        return error != null;
    }
}
