package dev.agentflow.shared.runs;

import dev.agentflow.shared.events.LinkedWrite;
import dev.agentflow.shared.paging.Page;
import java.util.Optional;

/** Execution summaries: created by the API, started, completed exactly once by the status function or a cancel. */
public interface ExecutionRepository {

    /**
     * Stores a new execution.
     *
     * @return false when an execution with this id already exists (nothing written)
     */
    boolean create(ExecutionRecord execution);

    /**
     * {@link #create} as a write to go with the execution's first event
     * ({@link dev.agentflow.shared.events.EventPublisher#createAndPublish}); refused when the id exists. This default
     * never joins a transaction.
     */
    default LinkedWrite creation(ExecutionRecord execution) {
        return LinkedWrite.alone(() -> create(execution));
    }

    /**
     * {@link #complete} as a write to go with the execution's final event
     * ({@link dev.agentflow.shared.events.EventPublisher#publishIfWritten}); refused when the record has ended
     * already. This default never joins a transaction.
     */
    default LinkedWrite completing(Completion completion) {
        return LinkedWrite.alone(() -> complete(completion));
    }

    /** The execution with this id (any owner). */
    Optional<ExecutionRecord> find(String executionId);

    /**
     * Records that Step Functions accepted the execution: sets the execution ARN and moves
     * {@code pending} to {@code running} (a terminal record keeps its status).
     */
    void markStarted(String executionId, String sfnExecutionArn);

    /**
     * As {@link #markStarted(String, String)}, for a caller that already holds the record (its owner is part of
     * the status index key), so nothing needs reading first. A record that does not exist stays absent.
     */
    default void markStarted(ExecutionRecord record, String sfnExecutionArn) {
        markStarted(record.executionId(), sfnExecutionArn);
    }

    /**
     * Ends the execution, once: only the first call for an execution writes (a conditional write on
     * {@code completedAt} absent) and, in the same transaction, adds 1 to the workflow's run count when
     * {@link Completion#countRun()}.
     *
     * @return true when this call ended the execution; false when it had already ended (or does not exist)
     */
    boolean complete(Completion completion);

    /**
     * A page of the user's executions, newest first.
     *
     * @throws dev.agentflow.shared.paging.InvalidCursorException for a cursor not issued by this listing
     */
    Page<ExecutionRecord> list(ExecutionQuery query);
}
