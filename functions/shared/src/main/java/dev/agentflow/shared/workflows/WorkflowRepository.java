package dev.agentflow.shared.workflows;

import dev.agentflow.shared.paging.Page;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Workflows and their version snapshots. Lookups by id return deleted workflows too; callers check
 * {@link WorkflowRecord#visibleTo}. Listings return only the user's live workflows, newest update first.
 */
public interface WorkflowRepository {

    /**
     * Stores a new workflow and the snapshot of its first version.
     *
     * @throws IllegalStateException when the id is already taken
     */
    void create(WorkflowRecord workflow);

    /** The workflow with this id (any owner, deleted or not). */
    Optional<WorkflowRecord> find(String workflowId);

    /**
     * Replaces the workflow with {@code updated} (whose version is {@code expectedVersion + 1}) and stores
     * its snapshot, only if the stored version is still {@code expectedVersion} and it is not deleted.
     *
     * @throws StaleVersionException when another update (or a delete) got there first
     */
    void update(WorkflowRecord updated, int expectedVersion);

    /**
     * Soft-deletes a live workflow of {@code userId}.
     *
     * @return false when there is no such live workflow
     */
    boolean softDelete(String workflowId, String userId, Instant at);

    /**
     * A page of the user's live workflows, most recently updated first.
     *
     * @param status only this status, or null for all
     * @param limit  page size, 1–100
     * @param cursor the previous page's {@link Page#nextCursor()}, or null
     * @throws dev.agentflow.shared.paging.InvalidCursorException for a cursor not issued by this listing
     */
    Page<WorkflowRecord> listByUser(String userId, String status, int limit, String cursor);

    /** The workflow's version snapshots, newest first. */
    List<WorkflowVersion> versions(String workflowId);

    /** One version snapshot. */
    Optional<WorkflowVersion> version(String workflowId, int version);
}
