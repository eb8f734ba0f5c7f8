package dev.agentflow.local.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Execution events read from {@code GET /api/v1/executions/{id}/events?afterSeq=} every
 * {@code interval}: for an API whose WebSocket address is unknown, or after the socket broke.
 */
public final class PollingEventStream implements EventStream {

    private final ApiClient api;
    private final String executionId;
    private final Duration interval;
    private final Deque<ExecutionEvent> ready = new ArrayDeque<>();
    private long lastSeq;
    private long nextPollNanos;

    /**
     * @param api         the HTTP API
     * @param executionId the execution
     * @param afterSeq    events up to this seq are skipped
     * @param interval    pause between polls that found nothing
     */
    public PollingEventStream(ApiClient api, String executionId, long afterSeq, Duration interval) {
        this.api = api;
        this.executionId = executionId;
        this.lastSeq = afterSeq;
        this.interval = interval;
    }

    @Override
    public Optional<ExecutionEvent> next(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ready.isEmpty()) {
            long now = System.nanoTime();
            if (now >= nextPollNanos) {
                poll();
                nextPollNanos = ready.isEmpty() ? System.nanoTime() + interval.toNanos() : 0;
                continue;
            }
            long sleep = Math.min(nextPollNanos, deadline) - now;
            if (sleep <= 0) {
                return Optional.empty();
            }
            Thread.sleep(Math.max(1, sleep / 1_000_000));
        }
        return Optional.of(ready.poll());
    }

    private void poll() {
        boolean more;
        do {
            JsonNode page = api.events(executionId, lastSeq);
            for (JsonNode item : page.path("items")) {
                ExecutionEvent e = ExecutionEvent.from(item);
                if (e.seq() > lastSeq) {
                    ready.add(e);
                    lastSeq = e.seq();
                }
            }
            more = page.path("hasMore").asBoolean(false) && page.path("items").size() > 0;
        } while (more);
    }

    @Override
    public String describe() {
        return "polling " + api.endpoint() + "/api/v1/executions/" + executionId + "/events";
    }

    @Override
    public void close() {
        // nothing held
    }
}
