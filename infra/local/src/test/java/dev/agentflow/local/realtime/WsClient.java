package dev.agentflow.local.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.core.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client (java.net.http) collecting every text frame with its arrival time. */
final class WsClient implements AutoCloseable {

    /** A received frame. */
    record Frame(JsonNode json, int bytes, long arrivedNanos) {
        String type() {
            return json.path("type").asText();
        }
    }

    private final LinkedBlockingQueue<Frame> inbox = new LinkedBlockingQueue<>();
    private final List<Frame> received = new ArrayList<>();
    final WebSocket socket;

    private WsClient(URI uri) {
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            String text = partial.toString();
                            partial.setLength(0);
                            inbox.add(new Frame(Json.parse(text), text.getBytes(StandardCharsets.UTF_8).length, System.nanoTime()));
                        }
                        ws.request(1);
                        return null;
                    }
                }).join();
    }

    static WsClient connect(URI uri) {
        return new WsClient(uri);
    }

    void send(JsonNode message) {
        socket.sendText(Json.write(message), true).join();
    }

    /** Waits for the next frame that matches; frames before it are kept in {@link #received()}. */
    Frame await(Predicate<Frame> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Frame f = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
            if (f == null) {
                throw new AssertionError("no matching frame within " + timeout + "; received: " + types());
            }
            received.add(f);
            if (match.test(f)) {
                return f;
            }
        }
    }

    /** Frames received so far (and drains what has arrived). */
    List<Frame> received() {
        inbox.drainTo(received);
        return received;
    }

    List<String> types() {
        return received().stream().map(Frame::type).toList();
    }

    @Override
    public void close() {
        socket.abort();
    }
}
