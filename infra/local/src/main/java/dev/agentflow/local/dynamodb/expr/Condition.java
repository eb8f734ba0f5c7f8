package dev.agentflow.local.dynamodb.expr;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A ConditionExpression or FilterExpression. Source: DynamoDB Developer Guide, "Condition expressions". */
public interface Condition extends ParsedExpression {

  /**
   * @param itemOrNull the item (DynamoDB JSON), or {@code null} when there is none (every path is then missing)
   * @return whether the condition holds; never throws for data (type mismatches are simply false)
   */
  boolean test(ObjectNode itemOrNull);

  /**
   * @return the top-level attribute names the condition reads (e.g. for Query's rule that a FilterExpression may
   *     not name a key attribute: "Filter Expression can only contain non-primary key attributes")
   */
  java.util.Set<String> topLevelNames();
}
