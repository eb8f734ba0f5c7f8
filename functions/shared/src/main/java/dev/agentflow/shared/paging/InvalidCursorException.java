package dev.agentflow.shared.paging;

/** A paging cursor that this service did not issue (or that belongs to another listing). */
public final class InvalidCursorException extends IllegalArgumentException {

    /** @param message why the cursor was refused */
    public InvalidCursorException(String message) {
        super(message);
    }
}
