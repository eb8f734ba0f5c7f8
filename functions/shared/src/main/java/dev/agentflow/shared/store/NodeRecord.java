package dev.agentflow.shared.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A node's recorded state, as the API shows it per execution.
 *
 * @param executionId execution name
 * @param nodeId      node id
 * @param nodeType    node type
 * @param label       label, or null
 * @param status      running, completed, failed or skipped
 * @param attempts    how many attempts started (Step Functions retries count)
 * @param startedAt   start of the latest attempt
 * @param completedAt end of the latest attempt, or null while running
 * @param durationMs  duration of the latest attempt in ms, or null while running
 * @param inputs      rendered inputs, or null
 * @param output      output (possibly a stored-aside reference), or null
 * @param metadata    metadata, or null
 * @param error       error when failed, else null
 * @param eventSeq    the number of the event stored with the latest finish ({@code node_completed} /
 *                    {@code node_failed}), or null when unknown: an event number known to exist
 */
public record NodeRecord(String executionId, String nodeId, String nodeType, String label, NodeStatus status,
                         int attempts, Instant startedAt, Instant completedAt, Long durationMs, JsonNode inputs,
                         JsonNode output, JsonNode metadata, NodeError error, Long eventSeq) {

    /** A record without a known event number. */
    public NodeRecord(String executionId, String nodeId, String nodeType, String label, NodeStatus status,
                      int attempts, Instant startedAt, Instant completedAt, Long durationMs, JsonNode inputs,
                      JsonNode output, JsonNode metadata, NodeError error) {
        this(executionId, nodeId, nodeType, label, status, attempts, startedAt, completedAt, durationMs, inputs, output,
                metadata, error, null);
    }
}
