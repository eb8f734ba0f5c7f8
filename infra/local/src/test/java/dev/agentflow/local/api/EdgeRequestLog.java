package dev.agentflow.local.api;

import dev.agentflow.local.edge.EdgeRoutes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

/**
 * Records what the edge answered while it is open: each request as {@code X-Amz-Target} (AWS JSON) or
 * {@code METHOD path} (REST), and whether it came in-process or over the socket.
 */
final class EdgeRequestLog implements AutoCloseable {

  /** One answered request; {@code detail} is the answering thread and the DynamoDB table, for messages. */
  record Seen(String operation, int status, boolean inProcess, String detail) {}

  private final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
  private final AutoCloseable observer;

  EdgeRequestLog(EdgeRoutes routes) {
    observer = routes.observe((request, response, inProcess) -> seen.add(new Seen(
        request.target() != null ? request.target() : request.method() + " " + request.path(), response.status(),
        inProcess, Thread.currentThread().getName() + " " + table(request.body()))));
  }

  private static String table(byte[] body) {
    String text = new String(body, 0, Math.min(body.length, 300), java.nio.charset.StandardCharsets.UTF_8);
    int at = text.indexOf("\"TableName\":\"");
    return at < 0 ? "" : text.substring(at + 13, Math.max(at + 13, text.indexOf('"', at + 13)));
  }

  /** @return everything seen so far, in order */
  List<Seen> all() {
    return List.copyOf(seen);
  }

  /** Forgets what was seen. */
  void clear() {
    seen.clear();
  }

  /** @return how many requests came in-process ({@code true}) or over the socket ({@code false}) */
  long count(boolean inProcess) {
    return seen.stream().filter(s -> s.inProcess() == inProcess).count();
  }

  /** @return requests per operation, sorted by name */
  Map<String, Long> byOperation() {
    return seen.stream().collect(Collectors.groupingBy(Seen::operation, TreeMap::new, Collectors.counting()));
  }

  /** Waits until nothing new was seen for {@code quietMillis} (at most {@code maxMillis}). */
  void awaitQuiet(long quietMillis, long maxMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + maxMillis;
    int last = -1;
    long since = System.currentTimeMillis();
    while (System.currentTimeMillis() < deadline) {
      int now = seen.size();
      if (now != last) {
        last = now;
        since = System.currentTimeMillis();
      } else if (System.currentTimeMillis() - since >= quietMillis) {
        return;
      }
      Thread.sleep(20);
    }
  }

  @Override
  public void close() throws Exception {
    observer.close();
  }
}
