package dev.agentflow.local.sfn.asl;

/** Succeed: ends its block successfully. Source: ASL spec, "Succeed State". */
public record SucceedState(String name, IoPath inputPath, IoPath outputPath, JsonataFields jsonata) implements State {
  @Override
  public Assignment assign() {
    return null;
  }

  @Override
  public String type() {
    return "Succeed";
  }

  @Override
  public Transition transition() {
    return Transition.NONE;
  }
}
