package dev.agentflow.local.sfn.asl;

import java.util.List;

/**
 * A parsed, validated ASL state. Source: ASL spec, "States" (one record per state type).
 */
public sealed interface State permits PassState, TaskState, ChoiceState, WaitState, SucceedState, FailState,
    ParallelState, MapState {

  /** @return the state's name (its key in States) */
  String name();

  /** @return the ASL Type, e.g. {@code "Pass"} */
  String type();

  /** @return the state's Next/End; {@link Transition#NONE} for Choice, Succeed and Fail */
  Transition transition();

  /** @return the Assign field, or {@code null} */
  Assignment assign();

  /** @return the JSONata fields, or {@code null} for a JSONPath state */
  JsonataFields jsonata();

  /** @return the retriers (empty for states without Retry) */
  default List<Retrier> retry() {
    return List.of();
  }

  /** @return the catchers (empty for states without Catch) */
  default List<Catcher> catchers() {
    return List.of();
  }
}
