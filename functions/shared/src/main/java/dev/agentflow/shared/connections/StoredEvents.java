package dev.agentflow.shared.connections;

import dev.agentflow.shared.events.ExecutionEvent;
import java.util.List;

/** Reads stored events (e.g. {@code DynamoDbEventLog::eventsAfter}). */
@FunctionalInterface
public interface StoredEvents {

    /** Events of an execution with a sequence number above {@code afterSeq}, in order. */
    List<ExecutionEvent> after(String executionId, long afterSeq);
}
