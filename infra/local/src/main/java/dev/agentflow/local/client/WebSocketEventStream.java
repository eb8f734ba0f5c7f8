package dev.agentflow.local.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.core.json.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Execution events pushed over AgentFlow's WebSocket API (functions/realtime README): connects with
 * {@code ?token=}, sends {@code {"type": "subscribe", "executionId", "afterSeq"}}, and hands out the
 * replayed and live events in {@code seq} order, each once ({@link SequencedEvents}). A gap that lasts
 * over a second is filled from the events endpoint; when the socket closes before the execution ended
 * the stream goes on by polling that endpoint ({@link PollingEventStream}).
 */
public final class WebSocketEventStream implements EventStream {

    /** How long a gap in seq may last before the missing events are fetched over HTTP. */
    static final Duration GAP_PATIENCE = Duration.ofSeconds(1);
    private static final JsonNode CLOSED = Json.object().put("type", "$closed");

    private final URI endpoint;
    private final ApiClient api;
    private final String executionId;
    private final WebSocket socket;
    private final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final SequencedEvents order;
    private final Deque<ExecutionEvent> ready = new ArrayDeque<>();
    private PollingEventStream fallback;
    private boolean ended;

    private WebSocketEventStream(URI endpoint, ApiClient api, String executionId, long afterSeq, HttpClient http) {
        this.endpoint = endpoint;
        this.api = api;
        this.executionId = executionId;
        this.order = new SequencedEvents(afterSeq);
        String base = endpoint.toString().endsWith("/") ? endpoint.toString() : endpoint + "/";
        URI uri = URI.create(base + "?token=" + URLEncoder.encode(api.token(), StandardCharsets.UTF_8));
        try {
            this.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(uri, new Listener()).join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ApiException(0, ApiException.UNREACHABLE, "WebSocket " + endpoint + " refused the connection: "
                    + cause.getMessage(), null);
        }
        socket.sendText(Json.write(Json.object().put("type", "subscribe").put("executionId", executionId)
                .put("afterSeq", afterSeq)), true).join();
    }

    /**
     * Connects and subscribes.
     *
     * @param endpoint    the WebSocket API, e.g. {@code ws://127.0.0.1:3001}
     * @param api         the HTTP API (token; catch-up and fallback reads)
     * @param executionId the execution
     * @param afterSeq    events up to this seq are not wanted (0: all)
     * @throws ApiException {@link ApiException#UNREACHABLE} when the handshake fails (also a refused token: 403)
     */
    public static WebSocketEventStream open(URI endpoint, ApiClient api, String executionId, long afterSeq) {
        return new WebSocketEventStream(endpoint, api, executionId, afterSeq, HttpClient.newHttpClient());
    }

    /** As {@link #open(URI, ApiClient, String, long)}, on a shared JDK client. */
    public static WebSocketEventStream open(URI endpoint, ApiClient api, String executionId, long afterSeq, HttpClient http) {
        return new WebSocketEventStream(endpoint, api, executionId, afterSeq, http);
    }

    @Override
    public Optional<ExecutionEvent> next(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!ready.isEmpty()) {
                ExecutionEvent e = ready.poll();
                ended |= e.isEnd();
                return Optional.of(e);
            }
            if (fallback != null) {
                long left = deadline - System.nanoTime();
                return left <= 0 ? Optional.empty() : fallback.next(Duration.ofNanos(left));
            }
            long now = System.nanoTime();
            if (order.hasGap() && order.gapAgeNanos(now) >= GAP_PATIENCE.toNanos()) {
                fillGap(now);
                ready.addAll(order.drain());
                continue;
            }
            long left = deadline - now;
            if (left <= 0) {
                return Optional.empty();
            }
            long wait = order.hasGap() ? Math.min(left, GAP_PATIENCE.toNanos()) : left;
            JsonNode frame = frames.poll(wait, TimeUnit.NANOSECONDS);
            if (frame != null) {
                accept(frame);
            }
        }
    }

    private void accept(JsonNode frame) {
        String type = frame.path("type").asText("");
        if (frame == CLOSED) {
            if (!ended) {
                fallback = new PollingEventStream(api, executionId, order.delivered(), Duration.ofMillis(250));
            }
            return;
        }
        if (type.equals("error")) {
            throw new ApiException(0, frame.path("code").asText("ERROR"), "WebSocket: " + frame.path("message").asText(""), null);
        }
        if (type.startsWith("execution:") && executionId.equals(frame.path("executionId").asText())) {
            order.offer(ExecutionEvent.from(frame), System.nanoTime());
            ready.addAll(order.drain());
        }
        // subscribed, pong, other executions' events: nothing to hand out
    }

    private void fillGap(long now) {
        JsonNode page = api.events(executionId, order.delivered());
        for (JsonNode item : page.path("items")) {
            order.offer(ExecutionEvent.from(item), now);
        }
    }

    @Override
    public String describe() {
        return fallback != null ? fallback.describe() : "WebSocket " + endpoint;
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    frames.add(Json.parse(text));
                } catch (IllegalArgumentException ignored) {
                    // not JSON: not a frame of this protocol
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            frames.add(CLOSED);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            frames.add(CLOSED);
        }
    }
}
