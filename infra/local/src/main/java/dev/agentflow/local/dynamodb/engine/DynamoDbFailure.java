package dev.agentflow.local.dynamodb.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error answer of DynamoDB: the error type (the short name, e.g. {@code ResourceNotFoundException}), the message,
 * the HTTP status and, for some errors, more body fields ({@code CancellationReasons} of a cancelled transaction,
 * {@code Item} of a failed condition with {@code ReturnValuesOnConditionCheckFailure}).
 * Source: DynamoDB API Reference, "Common Errors" and each operation's "Errors".
 */
public final class DynamoDbFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final String type;
  private final int status;
  private final transient ObjectNode extra;

  /**
   * @param type the short error type
   * @param message the message
   * @param status the HTTP status
   * @param extra more fields of the error body, or {@code null}
   */
  public DynamoDbFailure(String type, String message, int status, ObjectNode extra) {
    super(message, null, false, false);
    this.type = type;
    this.status = status;
    this.extra = extra;
  }

  /** @return a 400 {@code ValidationException} */
  public static DynamoDbFailure validation(String message) {
    return new DynamoDbFailure("ValidationException", message, 400, null);
  }

  /** @return a 400 {@code ResourceNotFoundException} (DynamoDB Local's wording) */
  public static DynamoDbFailure tableNotFound() {
    return new DynamoDbFailure("ResourceNotFoundException", "Cannot do operations on a non-existent table", 400, null);
  }

  /** @return the short error type, e.g. {@code ConditionalCheckFailedException} */
  public String type() {
    return type;
  }

  /** @return the HTTP status */
  public int status() {
    return status;
  }

  /** @return more fields of the error body, or {@code null} */
  public ObjectNode extra() {
    return extra;
  }
}
