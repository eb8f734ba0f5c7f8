package dev.agentflow.local.sfn.engine;

/**
 * The history event types the engine records, with how their details are stored in the compact
 * {@link EventLog}. Source: AWS API reference, "HistoryEvent" (type enumeration).
 */
public enum EventType {
  ExecutionStarted(Shape.DETAIL), ExecutionSucceeded(Shape.DETAIL), ExecutionFailed(Shape.DETAIL),
  ExecutionAborted(Shape.DETAIL), ExecutionTimedOut(Shape.DETAIL),
  PassStateEntered(Shape.ENTERED), PassStateExited(Shape.EXITED),
  TaskStateEntered(Shape.ENTERED), TaskStateExited(Shape.EXITED),
  ChoiceStateEntered(Shape.ENTERED), ChoiceStateExited(Shape.EXITED),
  WaitStateEntered(Shape.ENTERED), WaitStateExited(Shape.EXITED),
  SucceedStateEntered(Shape.ENTERED), SucceedStateExited(Shape.EXITED),
  FailStateEntered(Shape.ENTERED),
  ParallelStateEntered(Shape.ENTERED), ParallelStateExited(Shape.EXITED),
  ParallelStateStarted(Shape.NONE), ParallelStateSucceeded(Shape.NONE), ParallelStateFailed(Shape.NONE),
  MapStateEntered(Shape.ENTERED), MapStateExited(Shape.EXITED),
  MapStateStarted(Shape.DETAIL), MapStateSucceeded(Shape.NONE), MapStateFailed(Shape.NONE),
  MapIterationStarted(Shape.ITERATION), MapIterationSucceeded(Shape.ITERATION), MapIterationFailed(Shape.ITERATION),
  TaskScheduled(Shape.DETAIL), TaskStarted(Shape.DETAIL), TaskSucceeded(Shape.DETAIL), TaskFailed(Shape.DETAIL),
  TaskTimedOut(Shape.DETAIL),
  LambdaFunctionScheduled(Shape.DETAIL), LambdaFunctionStarted(Shape.NONE), LambdaFunctionSucceeded(Shape.DETAIL),
  LambdaFunctionFailed(Shape.DETAIL), LambdaFunctionTimedOut(Shape.DETAIL);

  /** How an event's details are kept. */
  enum Shape {
    /** No details. */
    NONE,
    /** stateEnteredEventDetails from a name and an input. */
    ENTERED,
    /** stateExitedEventDetails from a name and an output. */
    EXITED,
    /** mapIteration*EventDetails from a Map state name and an index. */
    ITERATION,
    /** An {@link EventDetail} object. */
    DETAIL
  }

  private static final EventType[] VALUES = values();

  private final Shape shape;

  EventType(Shape shape) {
    this.shape = shape;
  }

  Shape shape() {
    return shape;
  }

  static EventType of(int ordinal) {
    return VALUES[ordinal];
  }

  /** @return the details member name of a MapIteration* event */
  String iterationKey() {
    return switch (this) {
      case MapIterationStarted -> "mapIterationStartedEventDetails";
      case MapIterationSucceeded -> "mapIterationSucceededEventDetails";
      default -> "mapIterationFailedEventDetails";
    };
  }
}
