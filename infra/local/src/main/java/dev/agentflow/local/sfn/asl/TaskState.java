package dev.agentflow.local.sfn.asl;

import dev.agentflow.local.sfn.data.JsonPathExpr;
import dev.agentflow.local.sfn.data.PayloadTemplate;
import java.util.List;

/**
 * Task: runs {@code resource} through the engine's TaskHandler. Source: ASL spec, "Task State".
 *
 * @param timeoutSeconds TimeoutSeconds, or {@code null}
 * @param timeoutSecondsPath TimeoutSecondsPath, or {@code null}
 * @param heartbeatSeconds HeartbeatSeconds (recorded, not enforced), or {@code null}
 */
public record TaskState(String name, Transition transition, String resource, IoPath inputPath,
    PayloadTemplate parameters, PayloadTemplate resultSelector, ResultPathSpec resultPath, IoPath outputPath,
    Integer timeoutSeconds, JsonPathExpr timeoutSecondsPath, Integer heartbeatSeconds, List<Retrier> retry,
    List<Catcher> catchers, Assignment assign, JsonataFields jsonata) implements State {
  @Override
  public String type() {
    return "Task";
  }
}
