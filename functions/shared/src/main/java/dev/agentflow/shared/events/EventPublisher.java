package dev.agentflow.shared.events;

/**
 * Publishes execution events. Implementations assign the per-execution sequence number; the stored
 * implementation ({@link DynamoDbEventLog}) keeps them for late subscribers, and the WebSocket issue
 * adds one that pushes to subscribed connections (API Gateway @connections) behind this interface.
 */
public interface EventPublisher {

    /**
     * Publishes an event.
     *
     * @param event the event, its {@code seq} unset
     * @return the event as published, with its {@code seq}
     */
    ExecutionEvent publish(ExecutionEvent event);

    /**
     * What {@link #publishWith} / {@link #createAndPublish} did.
     *
     * @param event   the event as published (with its {@code seq}), or null when nothing was published
     * @param written whether the linked write was applied (false: its condition refused it)
     */
    record Published(ExecutionEvent event, boolean written) {
    }

    /**
     * Applies {@code write} and publishes {@code event} whatever the write's condition said — atomically when the
     * implementation can (DynamoDB: one TransactWriteItems instead of two requests). This default: the write, then
     * {@link #publish}.
     *
     * @return the published event and whether the write was applied
     */
    default Published publishWith(ExecutionEvent event, LinkedWrite write) {
        boolean written = write.applyAlone();
        return new Published(publish(event), written);
    }

    /**
     * Applies {@code write} and only if it was applied publishes {@code event} — atomically when the implementation
     * can. This default: the write, then {@link #publish} when it was applied.
     *
     * @param storedSeq an event number of the execution known to be stored already (a hint that spares reading the
     *                  newest one), or 0 when none is known
     * @return the published event (null when refused) and whether the write was applied
     */
    default Published publishIfWritten(ExecutionEvent event, LinkedWrite write, long storedSeq) {
        return write.applyAlone() ? new Published(publish(event), true) : new Published(null, false);
    }

    /**
     * Applies {@code creation}, the write that creates the execution (refused when it exists), and only if it was
     * applied publishes {@code first}, the execution's first event — atomically when the implementation can (then a
     * reader never sees the record without its first event). This default: the creation, then {@link #publish} when
     * it was applied.
     *
     * @return the published event (null when refused) and whether the creation was applied
     */
    default Published createAndPublish(LinkedWrite creation, ExecutionEvent first) {
        return creation.applyAlone() ? new Published(publish(first), true) : new Published(null, false);
    }
}
