package dev.agentflow.local.edge;

/**
 * An error a stand-in service answers as AWS does: an HTTP status and an error type that the SDKs map to
 * their exception classes (e.g. KMS {@code NotFoundException}, Secrets Manager
 * {@code ResourceNotFoundException}), with a message that never holds a secret.
 */
public final class AwsServiceError extends RuntimeException {

  private final int status;
  private final String type;

  /**
   * @param status the HTTP status (400 for client errors)
   * @param type the {@code __type} the SDK reads
   * @param message what went wrong (no secret values)
   */
  public AwsServiceError(int status, String type, String message) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
  }

  /** @return a 400 error of this type */
  public static AwsServiceError client(String type, String message) {
    return new AwsServiceError(400, type, message);
  }

  /** @return the HTTP status */
  public int status() {
    return status;
  }

  /** @return the error type */
  public String type() {
    return type;
  }
}
