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
}
