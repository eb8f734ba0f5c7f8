package dev.agentflow.local.sfn.data;

/**
 * A Step Functions runtime error: an error name ({@code States.Runtime}, {@code States.TaskFailed}, a Lambda
 * errorType, ...) and a cause. Thrown while a state runs; the engine turns it into Retry/Catch handling or a
 * failed execution. Carries no stack trace (it is a value, thrown often on purpose).
 *
 * <p>Source: ASL spec, "Errors"; Step Functions developer guide, "Error names".
 */
public final class StatesError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String error;
  private final String errorCause;

  /**
   * @param error the error name
   * @param cause the cause text, may be {@code null}
   */
  public StatesError(String error, String cause) {
    super(error + (cause == null ? "" : ": " + cause), null, false, false);
    this.error = error;
    this.errorCause = cause;
  }

  /** @return the error name matched by ErrorEquals */
  public String error() {
    return error;
  }

  /** @return the cause text, possibly {@code null} */
  public String cause() {
    return errorCause;
  }

  /** @return a {@code States.Runtime} error with the given cause */
  public static StatesError runtime(String cause) {
    return new StatesError(ErrorNames.RUNTIME, cause);
  }
}
