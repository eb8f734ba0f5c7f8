package dev.agentflow.local.client;

import java.time.Duration;
import java.util.Optional;

/** The events of one execution, in {@code seq} order, each once, from its first. */
public interface EventStream extends AutoCloseable {

    /**
     * Waits for the next event.
     *
     * @param timeout how long to wait
     * @return the event, or empty when none arrived in time
     * @throws ApiException when the stream was refused (unknown execution, bad token) and cannot go on
     */
    Optional<ExecutionEvent> next(Duration timeout) throws InterruptedException;

    /** @return a word for messages, e.g. {@code "WebSocket ws://127.0.0.1:3001"} */
    String describe();

    @Override
    void close();
}
