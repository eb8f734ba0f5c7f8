package dev.agentflow.shared.output;

import java.util.Optional;

/** Stores node outputs too large for the Step Functions state, keyed by execution and node. */
public interface LargeOutputStore {

    /**
     * Stores (or replaces) a node's output.
     *
     * @param json the output's UTF-8 JSON text
     */
    void put(String executionId, String nodeId, byte[] json);

    /** The stored output's UTF-8 JSON text, if stored. */
    Optional<byte[]> get(String executionId, String nodeId);
}
