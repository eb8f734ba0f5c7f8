package dev.agentflow.local.dynamodb.expr;

/** Which request parameter an expression came from; names it in error messages ("Invalid UpdateExpression: …"). */
public enum ExpressionKind {
  CONDITION("ConditionExpression"),
  FILTER("FilterExpression"),
  UPDATE("UpdateExpression"),
  PROJECTION("ProjectionExpression"),
  KEY_CONDITION("KeyConditionExpression");

  private final String parameter;

  ExpressionKind(String parameter) {
    this.parameter = parameter;
  }

  /** @return the request parameter name, e.g. {@code ConditionExpression} */
  public String parameter() {
    return parameter;
  }
}
