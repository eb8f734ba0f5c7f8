package dev.agentflow.shared.store;

import java.time.Instant;

/**
 * A node attempt that has begun.
 *
 * @param executionId the Step Functions execution name
 * @param nodeId      the node's id in the workflow
 * @param nodeType    e.g. {@code http}
 * @param label       the node's label as drawn, or null
 * @param startedAt   when the attempt began
 */
public record StartedNode(String executionId, String nodeId, String nodeType, String label, Instant startedAt) {
}
