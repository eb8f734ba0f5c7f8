package dev.agentflow.shared.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One execution event: {@code {"type": "execution:node_started", "executionId": "…", "payload": {…}}}
 * (seed 000 §2.3 and §4.2).
 *
 * @param type        the wire type, e.g. {@code execution:node_completed}
 * @param executionId the execution name
 * @param payload     the payload
 */
public record ExecutionEvent(String type, String executionId, EventPayload payload) {

    /** An event of a type. */
    public static ExecutionEvent of(EventType type, String executionId, EventPayload payload) {
        return new ExecutionEvent(type.wire(), executionId, payload);
    }

    /** The same event with its sequence number set. */
    public ExecutionEvent withSeq(long seq) {
        return new ExecutionEvent(type, executionId, payload.withSeq(seq));
    }

    /** The sequence number, or null before publishing. */
    @JsonIgnore
    public Long seq() {
        return payload == null ? null : payload.seq();
    }
}
