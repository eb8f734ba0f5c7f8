package dev.agentflow.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.local.cli.progress.ProgressRenderer;
import dev.agentflow.local.client.ApiClient;
import dev.agentflow.local.client.ApiException;
import dev.agentflow.local.client.EventStream;
import dev.agentflow.local.client.ExecutionEvent;
import dev.agentflow.local.client.PollingEventStream;
import dev.agentflow.local.client.WebSocketEventStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * One execution of a saved workflow, watched to its end (the core of {@code agentflow run}): {@code POST
 * …/execute}, then the execution's events over the WebSocket API (or polled from the events endpoint when
 * there is no WebSocket address or the socket fails), each handed to the {@link ProgressRenderer}; the
 * execution detail is also read every {@link #DETAIL_CHECK} as a safety net, so a lost end event never hangs
 * the run. Ends with the execution detail once its status is final.
 */
public final class WorkflowRun {

    /** How often the execution detail is read while events are awaited. */
    static final Duration DETAIL_CHECK = Duration.ofSeconds(5);
    /** Statuses that end an execution (functions/api README). */
    public static final Set<String> FINAL = Set.of("completed", "failed", "cancelled", "timed_out");
    private static final Duration TICK = Duration.ofMillis(100);

    /**
     * How a run ended.
     *
     * @param executionId the execution
     * @param detail      the final execution detail (or the last one read, when the wait timed out)
     * @param events      every event received, in seq order
     * @param timedOut    whether the caller stopped waiting before the end
     */
    public record Outcome(String executionId, JsonNode detail, List<ExecutionEvent> events, boolean timedOut) {

        /** @return 0 completed; 1 failed, cancelled, timed out, or not waited for (the CLI contract) */
        public int exitCode() {
            return !timedOut && "completed".equals(detail.path("status").asText()) ? 0 : 1;
        }
    }

    private final ApiClient api;
    private final URI webSocket;
    private final HttpClient http;
    private final LongSupplier clock;
    private final AtomicReference<String> running = new AtomicReference<>();

    /**
     * @param api       the HTTP API
     * @param webSocket the WebSocket API, or null to poll the events endpoint
     * @param http      JDK client for the WebSocket
     * @param clock     milliseconds, for the renderer and the waits
     */
    public WorkflowRun(ApiClient api, URI webSocket, HttpClient http, LongSupplier clock) {
        this.api = api;
        this.webSocket = webSocket;
        this.http = http;
        this.clock = clock;
    }

    /** @return the execution now being watched, or null (for a Ctrl-C hook that cancels it) */
    public String runningExecution() {
        return running.get();
    }

    /**
     * Starts the workflow and watches it.
     *
     * @param saved    the saved workflow
     * @param inputs   execution inputs
     * @param renderer draws the progress
     * @param timeout  how long to wait for the end (null: until it ends)
     * @throws ApiException when the API refuses the execution or the events
     */
    public Outcome execute(WorkflowSaver.Saved saved, ObjectNode inputs, ProgressRenderer renderer, Duration timeout)
            throws InterruptedException {
        JsonNode started = api.execute(saved.id(), inputs);
        String executionId = started.path("executionId").asText();
        running.set(executionId);
        try {
            renderer.header(saved.name(), saved.id(), saved.version(), executionId, saved.action(), clock.getAsLong());
            return watch(executionId, renderer, timeout);
        } finally {
            running.set(null);
        }
    }

    private Outcome watch(String executionId, ProgressRenderer renderer, Duration timeout) throws InterruptedException {
        List<ExecutionEvent> events = new ArrayList<>();
        long begin = clock.getAsLong();
        long deadline = timeout == null ? Long.MAX_VALUE : begin + timeout.toMillis();
        long nextDetailCheck = begin + DETAIL_CHECK.toMillis();
        JsonNode detail = null;
        try (EventStream stream = open(executionId, renderer)) {
            while (true) {
                Optional<ExecutionEvent> next = stream.next(TICK);
                long now = clock.getAsLong();
                if (next.isPresent()) {
                    events.add(next.get());
                    renderer.onEvent(next.get(), now);
                    if (next.get().isEnd()) {
                        break;
                    }
                    continue;
                }
                renderer.tick(now);
                if (now >= nextDetailCheck) {
                    nextDetailCheck = now + DETAIL_CHECK.toMillis();
                    detail = api.execution(executionId);
                    if (FINAL.contains(detail.path("status").asText())) {
                        // ended, but its end event has not come: take what is stored and stop waiting
                        drainStored(executionId, events, renderer);
                        break;
                    }
                }
                if (now >= deadline) {
                    renderer.clearStatus();
                    return new Outcome(executionId, detail == null ? api.execution(executionId) : detail, events, true);
                }
            }
        }
        detail = finalDetail(executionId);
        renderer.finish(detail, clock.getAsLong());
        return new Outcome(executionId, detail, events, false);
    }

    private EventStream open(String executionId, ProgressRenderer renderer) {
        if (webSocket != null) {
            try {
                return WebSocketEventStream.open(webSocket, api, executionId, 0, http);
            } catch (ApiException e) {
                renderer.note("(" + e.getMessage() + "; polling the events endpoint instead)", clock.getAsLong());
            }
        }
        return new PollingEventStream(api, executionId, 0, Duration.ofMillis(250));
    }

    /**
     * Takes the stored events after the last one received, until the end event is among them: the record
     * may end a moment before its end event is stored (the status function writes the record first).
     */
    private void drainStored(String executionId, List<ExecutionEvent> events, ProgressRenderer renderer)
            throws InterruptedException {
        for (int attempt = 0; attempt < 50; attempt++) {
            long after = events.isEmpty() ? 0 : events.get(events.size() - 1).seq();
            for (JsonNode item : api.events(executionId, after).path("items")) {
                ExecutionEvent e = ExecutionEvent.from(item);
                events.add(e);
                renderer.onEvent(e, clock.getAsLong());
                if (e.isEnd()) {
                    return;
                }
            }
            Thread.sleep(200);
        }
    }

    /** The detail once its status is final (the record may trail the end event by a moment). */
    private JsonNode finalDetail(String executionId) throws InterruptedException {
        JsonNode detail = api.execution(executionId);
        for (int i = 0; i < 100 && !FINAL.contains(detail.path("status").asText()); i++) {
            Thread.sleep(100);
            detail = api.execution(executionId);
        }
        return detail;
    }
}
