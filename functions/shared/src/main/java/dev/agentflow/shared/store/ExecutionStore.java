package dev.agentflow.shared.store;

import dev.agentflow.shared.events.LinkedWrite;
import java.util.List;
import java.util.Optional;

/**
 * Records node state per execution (seed 000 §5.2 node_states): running → completed | failed, with
 * timestamps, duration, rendered inputs, outputs and error.
 */
public interface ExecutionStore {

    /**
     * Marks a node running and counts the attempt (Step Functions retries call this again).
     *
     * @return the attempt number, starting at 1, to pass to {@link #nodeFinished}
     */
    int nodeStarted(StartedNode node);

    /**
     * Marks the node completed or failed, unless a newer attempt has started since.
     *
     * @return false when a newer attempt superseded this one (the record is left alone)
     */
    boolean nodeFinished(FinishedNode node);

    /**
     * {@link #nodeFinished} as a write to go with the node's {@code node_completed} / {@code node_failed} event
     * ({@link dev.agentflow.shared.events.EventPublisher#publishWith}); refused (false) when a newer attempt
     * superseded this one. This default never joins a transaction.
     */
    default LinkedWrite finishing(FinishedNode node) {
        return LinkedWrite.alone(() -> nodeFinished(node));
    }

    /** The node's record, if any. */
    Optional<NodeRecord> findNode(String executionId, String nodeId);

    /** Every node record of an execution, ordered by node id. */
    List<NodeRecord> listNodes(String executionId);
}
