package dev.agentflow.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Test function ({@code Class::method} form, record input): fails {@code failTimes} times per key, then succeeds. */
public class FlakyHandler {

  /** Calls per key. */
  public static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

  /** The input. */
  public record Request(String key, int failTimes) {}

  /** The output. */
  public record Response(String key, int attempts, String greeting) {}

  /** Thrown while the key is still flaky; no errorCode(), so its simple name is the error type. */
  public static class TransientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TransientException(String message) {
      super(message);
    }
  }

  public Response handle(Request request, Context context) {
    int attempt = ATTEMPTS.computeIfAbsent(request.key(), k -> new AtomicInteger()).incrementAndGet();
    if (attempt <= request.failTimes()) {
      throw new TransientException("attempt " + attempt + " of " + request.key() + " failed");
    }
    return new Response(request.key(), attempt, System.getenv("GREETING"));
  }
}
