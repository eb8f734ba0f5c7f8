package dev.agentflow.local.sfn.asl;

import dev.agentflow.local.sfn.data.JsonPathExpr;
import java.time.Instant;

/**
 * Wait: exactly one of Seconds, Timestamp, SecondsPath, TimestampPath is set. Source: ASL spec, "Wait State".
 */
public record WaitState(String name, Transition transition, IoPath inputPath, IoPath outputPath, Long seconds,
    Instant timestamp, JsonPathExpr secondsPath, JsonPathExpr timestampPath, Assignment assign,
    JsonataFields jsonata) implements State {
  @Override
  public String type() {
    return "Wait";
  }
}
