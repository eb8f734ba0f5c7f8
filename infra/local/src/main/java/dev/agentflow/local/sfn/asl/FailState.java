package dev.agentflow.local.sfn.asl;

import dev.agentflow.local.sfn.data.DynamicValue;

/**
 * Fail: fails its block with Error/Cause, or with the values of ErrorPath/CausePath (paths or intrinsic
 * calls). Source: ASL spec, "Fail State".
 */
public record FailState(String name, String error, String cause, DynamicValue errorPath, DynamicValue causePath,
    JsonataFields jsonata) implements State {
  @Override
  public Assignment assign() {
    return null;
  }

  @Override
  public String type() {
    return "Fail";
  }

  @Override
  public Transition transition() {
    return Transition.NONE;
  }
}
