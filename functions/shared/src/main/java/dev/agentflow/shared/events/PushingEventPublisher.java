package dev.agentflow.shared.events;

import dev.agentflow.shared.connections.EventFrames;
import dev.agentflow.shared.connections.SubscriptionDelivery;
import dev.agentflow.shared.log.JsonLog;
import java.util.Map;

/**
 * An {@link EventPublisher} that stores each event (the wrapped publisher, normally {@link DynamoDbEventLog},
 * assigns its sequence number) and then pushes it to the execution's subscribed WebSocket connections
 * (API Gateway @connections, {@link SubscriptionDelivery}). A {@code node_output} whose delta would not fit a
 * 32 KB frame is stored as several events ({@link EventFrames#split}). A failed push is logged and never
 * fails the publisher: the event is stored, and a client can always read it back.
 */
public final class PushingEventPublisher implements EventPublisher {

    private final EventPublisher store;
    private final SubscriptionDelivery delivery;
    private final JsonLog log;

    /**
     * @param store    stores the event and assigns its {@code seq}
     * @param delivery pushes it to subscribers
     * @param log      structured log
     */
    public PushingEventPublisher(EventPublisher store, SubscriptionDelivery delivery, JsonLog log) {
        this.store = store;
        this.delivery = delivery;
        this.log = log;
    }

    /** Stores with the write (atomically when the store can) and pushes; a split {@code node_output} goes piece by piece. */
    @Override
    public Published publishWith(ExecutionEvent event, LinkedWrite write) {
        if (EventFrames.split(event).size() != 1) {
            return EventPublisher.super.publishWith(event, write);
        }
        Published published = store.publishWith(event, write);
        push(published.event());
        return published;
    }

    /** Stores with the write (atomically when the store can) and pushes when it was applied. */
    @Override
    public Published publishIfWritten(ExecutionEvent event, LinkedWrite write, long storedSeq) {
        if (EventFrames.split(event).size() != 1) {
            return EventPublisher.super.publishIfWritten(event, write, storedSeq);
        }
        Published published = store.publishIfWritten(event, write, storedSeq);
        if (published.event() != null) {
            push(published.event());
        }
        return published;
    }

    /** Stores with the creation (atomically when the store can) and pushes when it was created. */
    @Override
    public Published createAndPublish(LinkedWrite creation, ExecutionEvent first) {
        if (EventFrames.split(first).size() != 1) {
            return EventPublisher.super.createAndPublish(creation, first);
        }
        Published published = store.createAndPublish(creation, first);
        if (published.event() != null) {
            push(published.event());
        }
        return published;
    }

    /** Stores and pushes; for a split {@code node_output}, returns the last piece as published. */
    @Override
    public ExecutionEvent publish(ExecutionEvent event) {
        ExecutionEvent published = null;
        for (ExecutionEvent part : EventFrames.split(event)) {
            published = store.publish(part);
            push(published);
        }
        return published;
    }

    private void push(ExecutionEvent published) {
        try {
            delivery.deliver(published);
        } catch (RuntimeException e) {
            log.warn("event push failed", Map.of("executionId", published.executionId(), "seq", published.seq(),
                    "exception", e.getClass().getName(), "reason", String.valueOf(e.getMessage())));
        }
    }
}
