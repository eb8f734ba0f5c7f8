package dev.agentflow.local.dynamodb.expr;

/**
 * An error DynamoDB answers on the wire: the short type name of {@code __type} (e.g. {@code ValidationException},
 * {@code ConditionalCheckFailedException}), the message, and the HTTP status (400 for every client error here).
 * Source: Amazon DynamoDB API Reference, "Common Errors".
 */
public final class DynamoDbError extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final String type;

  /**
   * @param type the error type, e.g. {@code ValidationException}
   * @param message the message, in DynamoDB's words
   */
  public DynamoDbError(String type, String message) {
    super(message, null, false, false); // no stack trace: these are answers, not bugs
    this.type = type;
  }

  /** @return a {@code ValidationException} with this message */
  public static DynamoDbError validation(String message) {
    return new DynamoDbError("ValidationException", message);
  }

  /** @return the error type, e.g. {@code ValidationException} */
  public String type() {
    return type;
  }

  /** @return the HTTP status (400) */
  public int status() {
    return 400;
  }
}
