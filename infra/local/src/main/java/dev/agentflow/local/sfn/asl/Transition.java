package dev.agentflow.local.sfn.asl;

/**
 * Where a state goes next: {@code next} names a state of the same block, or {@code end} ends the block.
 * Source: ASL spec, "Transitions".
 */
public record Transition(String next, boolean end) {

  /** The transition of a terminal state (Succeed, Fail) or of a Choice state (which picks its own). */
  public static final Transition NONE = new Transition(null, false);
}
