package dev.agentflow.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Test function: sleeps {@code sleepMs} (default 10 s), then answers {@code "done"}. Counts instances. */
public class SlowHandler implements RequestHandler<Map<String, Integer>, String> {

  /** Instances created (cold starts). */
  public static final AtomicInteger INSTANCES = new AtomicInteger();

  public SlowHandler() {
    INSTANCES.incrementAndGet();
  }

  @Override
  public String handleRequest(Map<String, Integer> input, Context context) {
    int sleep = input == null ? 10_000 : input.getOrDefault("sleepMs", 10_000);
    try {
      Thread.sleep(sleep);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    return "done";
  }
}
