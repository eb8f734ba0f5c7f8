package dev.agentflow.local.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Query's KeyConditionExpression: {@code hash = :v} and optionally one condition on the range key
 * ({@code = < <= > >=}, {@code BETWEEN}, {@code begins_with}). Source: DynamoDB API Reference, Query.
 */
public interface KeyCondition extends ParsedExpression {

  /** @return the value the hash key must equal */
  JsonNode hashValue();

  /**
   * @param rangeValueOrNull the item's range key value
   * @return whether it satisfies the range condition (true when there is none)
   */
  boolean matchesRange(JsonNode rangeValueOrNull);

  /** @return the range key operator ({@code =, <, <=, >, >=, BETWEEN, begins_with}), or {@code null} when none */
  String rangeOperator();

  /** @return the range operands (1, or 2 for BETWEEN); empty when there is no range condition */
  java.util.List<JsonNode> rangeValues();
}
