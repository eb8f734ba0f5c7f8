package dev.agentflow.local.sfn;

/**
 * An API error of the Step Functions service, as the AWS JSON 1.0 protocol returns it: the edge server
 * answers with HTTP {@link #httpStatus()} and body {@code {"__type": errorType, "message": message}}.
 * Error types as in the AWS Step Functions API reference (InvalidDefinition, InvalidArn,
 * StateMachineDoesNotExist, ExecutionDoesNotExist, ExecutionAlreadyExists, StateMachineAlreadyExists,
 * InvalidName, ValidationException, InvalidExecutionInput, InvalidToken, ...).
 */
public class SfnServiceException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String errorType;
  private final int httpStatus;

  /**
   * @param errorType the AWS error type, e.g. {@code "StateMachineDoesNotExist"}
   * @param message a human-readable message
   * @param httpStatus the HTTP status to answer with (400 for client errors)
   */
  public SfnServiceException(String errorType, String message, int httpStatus) {
    super(message);
    this.errorType = errorType;
    this.httpStatus = httpStatus;
  }

  /** @return the AWS error type, e.g. {@code "InvalidDefinition"} */
  public String errorType() {
    return errorType;
  }

  /** @return the HTTP status code */
  public int httpStatus() {
    return httpStatus;
  }
}
