package dev.agentflow.shared.signing;

import java.util.Optional;

/** Workflows' signing-secret records ({@link SigningKeyRecord}). */
public interface SigningKeyStore {

    /** The record of a workflow, if it has one. */
    Optional<SigningKeyRecord> find(String workflowId);

    /**
     * Stores a workflow's first record.
     *
     * @return false when the workflow has one already (nothing written)
     */
    boolean create(SigningKeyRecord record);

    /**
     * Replaces the record (rotation), only if the stored one still has {@code expectedNonce}.
     *
     * @return false when there is none, or another rotation got there first
     */
    boolean rotate(SigningKeyRecord record, String expectedNonce);

    /** Deletes a workflow's record (its webhook and callbacks are gone); absent is fine. */
    void delete(String workflowId);
}
