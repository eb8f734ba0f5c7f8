package dev.agentflow.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Test function: holds {@code sleepMs} (default 50 ms) and records how many invocations ran at once. */
public class ConcurrencyHandler implements RequestHandler<Map<String, Integer>, Integer> {

  /** Invocations running now. */
  public static final AtomicInteger RUNNING = new AtomicInteger();
  /** Most invocations seen running at once. */
  public static final AtomicInteger MAX_RUNNING = new AtomicInteger();

  @Override
  public Integer handleRequest(Map<String, Integer> input, Context context) {
    int now = RUNNING.incrementAndGet();
    MAX_RUNNING.accumulateAndGet(now, Math::max);
    try {
      Thread.sleep(input == null ? 50 : input.getOrDefault("sleepMs", 50));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      RUNNING.decrementAndGet();
    }
    return now;
  }
}
