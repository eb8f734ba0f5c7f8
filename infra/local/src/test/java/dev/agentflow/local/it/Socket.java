package dev.agentflow.local.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A WebSocket client (java.net.http) collecting the JSON frames a {@link Target}'s WebSocket API sends. */
final class Socket implements AutoCloseable {

  private final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
  private final List<JsonNode> received = new ArrayList<>();
  private final WebSocket socket;

  Socket(URI uri) {
    socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
        .buildAsync(uri, new WebSocket.Listener() {
          private final StringBuilder partial = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
              try {
                inbox.add(ApiClient.JSON.readTree(partial.toString()));
              } catch (IOException e) {
                inbox.add(ApiClient.JSON.createObjectNode().put("type", "unparseable").put("text", partial.toString()));
              }
              partial.setLength(0);
            }
            ws.request(1);
            return null;
          }
        }).join();
  }

  void send(JsonNode message) {
    socket.sendText(message.toString(), true).join();
  }

  /** Waits for the first frame matching {@code match}; returns every frame received up to and including it. */
  List<JsonNode> until(Predicate<JsonNode> match, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = end - System.nanoTime();
      JsonNode frame = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
      if (frame == null) {
        throw new AssertionError("no matching frame within " + timeout + "; received " + received);
      }
      received.add(frame);
      if (match.test(frame)) {
        return List.copyOf(received);
      }
    }
  }

  @Override
  public void close() {
    socket.abort();
  }
}
