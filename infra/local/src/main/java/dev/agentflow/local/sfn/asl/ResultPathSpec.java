package dev.agentflow.local.sfn.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.local.sfn.data.ReferencePath;

/**
 * A ResultPath: where a state's result goes in its raw input. Absent or {@code $}: the result replaces the
 * input; JSON {@code null}: the result is discarded and the input passes through; a reference path: the result
 * is placed there in a copy of the input (missing objects created). Source: ASL spec, "ResultPath".
 */
public final class ResultPathSpec {

  /** {@code $}: the output is the result. */
  public static final ResultPathSpec REPLACE = new ResultPathSpec(null, false);
  /** {@code null}: the output is the input. */
  public static final ResultPathSpec DISCARD = new ResultPathSpec(null, true);

  private final ReferencePath path;
  private final boolean discard;

  private ResultPathSpec(ReferencePath path, boolean discard) {
    this.path = path;
    this.discard = discard;
  }

  /** @return the spec for a reference path ({@code $} gives {@link #REPLACE}) */
  public static ResultPathSpec of(ReferencePath path) {
    return path.isRoot() ? REPLACE : new ResultPathSpec(path, false);
  }

  /**
   * @param rawInput the state's raw input
   * @param result the state's result (after ResultSelector)
   * @return the combined value
   * @throws dev.agentflow.local.sfn.data.StatesError {@code States.ResultPathMatchFailure}
   */
  public JsonNode apply(JsonNode rawInput, JsonNode result) {
    if (discard) {
      return rawInput;
    }
    if (path == null) {
      return result;
    }
    return path.write(rawInput, result);
  }
}
