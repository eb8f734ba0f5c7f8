package dev.agentflow.local.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.local.dynamodb.expr.ConditionNode.Comparator;
import java.util.List;
import java.util.Set;

/**
 * A compiled key condition: the hash key value and an optional range condition. Source: DynamoDB API
 * Reference, Query (KeyConditionExpression).
 */
final class ParsedKeyCondition extends PlaceholderUse implements KeyCondition {

  private final JsonNode hashValue;
  private final String rangeOperator;
  private final List<JsonNode> rangeValues;

  ParsedKeyCondition(JsonNode hashValue, String rangeOperator, List<JsonNode> rangeValues, Set<String> usedNames,
      Set<String> usedValues) {
    super(usedNames, usedValues);
    this.hashValue = hashValue;
    this.rangeOperator = rangeOperator;
    this.rangeValues = List.copyOf(rangeValues);
  }

  @Override
  public JsonNode hashValue() {
    return hashValue;
  }

  @Override
  public boolean matchesRange(JsonNode value) {
    if (rangeOperator == null) {
      return true;
    }
    if (value == null) {
      return false;
    }
    switch (rangeOperator) {
      case "BETWEEN":
        return AttributeValues.comparable(value, rangeValues.get(0))
            && AttributeValues.compare(value, rangeValues.get(0)) >= 0
            && AttributeValues.compare(value, rangeValues.get(1)) <= 0;
      case "begins_with":
        return Functions.beginsWith(value, rangeValues.get(0));
      default:
        for (Comparator c : Comparator.values()) {
          if (c.symbol.equals(rangeOperator)) {
            return c.holds(value, rangeValues.get(0));
          }
        }
        return false;
    }
  }

  @Override
  public String rangeOperator() {
    return rangeOperator;
  }

  @Override
  public List<JsonNode> rangeValues() {
    return rangeValues;
  }
}
