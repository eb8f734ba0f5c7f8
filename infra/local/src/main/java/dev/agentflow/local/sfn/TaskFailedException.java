package dev.agentflow.local.sfn;

/**
 * A task error as Step Functions sees it: an error name that Retry/Catch {@code ErrorEquals} match, and a
 * cause text. Source: Step Functions developer guide, "Handling errors in Step Functions workflows".
 */
public class TaskFailedException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String error;
  private final String cause;

  /**
   * @param error the error name, e.g. {@code "HTTP_REQUEST_FAILED"} or {@code "Lambda.Unknown"}
   * @param cause the cause text, e.g. the Lambda error JSON; may be {@code null}
   */
  public TaskFailedException(String error, String cause) {
    super(error + (cause == null ? "" : ": " + cause));
    this.error = error;
    this.cause = cause;
  }

  /** @return the error name matched by {@code ErrorEquals} */
  public String error() {
    return error;
  }

  /** @return the cause text, possibly {@code null} */
  public String cause() {
    return cause;
  }
}
