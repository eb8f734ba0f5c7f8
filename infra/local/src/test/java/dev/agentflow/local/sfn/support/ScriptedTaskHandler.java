package dev.agentflow.local.sfn.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.local.sfn.TaskContext;
import dev.agentflow.local.sfn.TaskFailedException;
import dev.agentflow.local.sfn.TaskHandler;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TaskHandler driven by per-state behaviour specs, registered per state machine ARN:
 * {@code {"result": <json>}} returns a constant (absent: echoes the input), {@code "failTimes": n} fails the
 * first n calls (per execution) with {@code "error"}/{@code "cause"}, {@code "alwaysFail": true} always fails,
 * {@code "sleepSeconds": s} sleeps s workflow seconds (scaled by {@code timeScale}) first.
 * The same specs drive the aws-local-stepfunctions reference run.
 */
public final class ScriptedTaskHandler implements TaskHandler {

  private final Map<String, JsonNode> specsByStateMachine = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final double timeScale;

  /** @param timeScale the engine's time scale, applied to sleepSeconds */
  public ScriptedTaskHandler(double timeScale) {
    this.timeScale = timeScale;
  }

  /** Registers the task specs ({@code {"StateName": spec}}) of a state machine. */
  public void register(String stateMachineArn, JsonNode tasks) {
    specsByStateMachine.put(stateMachineArn, tasks);
  }

  /** @return how often the state was invoked in that execution */
  public int calls(String executionArn, String stateName) {
    AtomicInteger n = calls.get(executionArn + "/" + stateName);
    return n == null ? 0 : n.get();
  }

  @Override
  public JsonNode invoke(String resource, JsonNode input, TaskContext context) throws TaskFailedException {
    JsonNode tasks = specsByStateMachine.get(context.stateMachineArn());
    JsonNode spec = tasks == null ? null : tasks.get(context.stateName());
    int n = calls.computeIfAbsent(context.executionArn() + "/" + context.stateName(), k -> new AtomicInteger())
        .incrementAndGet();
    if (spec == null) {
      return input;
    }
    if (spec.has("sleepSeconds")) {
      try {
        Thread.sleep((long) (spec.get("sleepSeconds").doubleValue() * 1000 * timeScale));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TaskFailedException("Interrupted", "The task was interrupted");
      }
    }
    boolean fail = spec.path("alwaysFail").asBoolean(false)
        || (spec.has("failTimes") && n <= spec.get("failTimes").intValue());
    if (fail) {
      throw new TaskFailedException(spec.path("error").asText("TaskError"),
          spec.has("cause") ? spec.get("cause").asText() : null);
    }
    return spec.has("result") ? spec.get("result") : input;
  }
}
