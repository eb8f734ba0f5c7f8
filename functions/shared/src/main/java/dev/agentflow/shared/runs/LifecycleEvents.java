package dev.agentflow.shared.runs;

import dev.agentflow.shared.events.EventPayload;
import dev.agentflow.shared.events.EventType;
import dev.agentflow.shared.events.ExecutionEvent;
import dev.agentflow.shared.runs.Completion;
import dev.agentflow.shared.runs.ExecutionRecord;
import dev.agentflow.shared.runs.ExecutionStatus;

/**
 * The execution-level events (seed 000 §2.3, ARCHITECTURE.md "WebSocket"): {@code execution:started} when the
 * API accepts a run, and {@code execution:completed} (with the final {@code outputs}), {@code execution:failed}
 * / timed out (with {@code error}, {@code errorCode} and the failed node as {@code nodeId}) or
 * {@code execution:cancelled} when the record ends.
 */
public final class LifecycleEvents {

    private LifecycleEvents() {
    }

    /** {@code execution:started} of a new record. */
    public static ExecutionEvent started(ExecutionRecord record) {
        return ExecutionEvent.of(EventType.EXECUTION_STARTED, record.executionId(), new EventPayload(null, null, null,
                ExecutionStatus.RUNNING.wire(), null, null, null, null, record.startedAt().toString(), null));
    }

    /** The event that reports a completion. */
    public static ExecutionEvent ended(Completion c) {
        EventType type = switch (c.status()) {
            case COMPLETED -> EventType.EXECUTION_COMPLETED;
            case CANCELLED -> EventType.EXECUTION_CANCELLED;
            default -> EventType.EXECUTION_FAILED;
        };
        return ExecutionEvent.of(type, c.executionId(), new EventPayload(c.errorNodeId(), null, null, c.status().wire(),
                c.outputs(), c.errorMessage(), c.errorCode(), c.durationMs(), c.completedAt().toString(), null));
    }
}
