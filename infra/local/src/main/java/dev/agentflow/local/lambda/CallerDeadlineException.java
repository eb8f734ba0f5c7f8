package dev.agentflow.local.lambda;

/**
 * The caller's deadline (a Task state's {@code TimeoutSeconds}) passed before the function answered. The
 * invocation is abandoned; Step Functions reports {@code States.Timeout}.
 */
public class CallerDeadlineException extends Exception {

  private static final long serialVersionUID = 1L;

  /** @param message which function and how long it ran */
  public CallerDeadlineException(String message) {
    super(message);
  }
}
