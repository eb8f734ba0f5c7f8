package dev.agentflow.local.dynamodb.expr;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A ProjectionExpression. Source: DynamoDB Developer Guide, "Projection expressions". */
public interface Projection extends ParsedExpression {

  /**
   * @param item the full item
   * @return a new item with only the projected attributes and sub-documents (list elements keep their order and
   *     close up); missing paths are left out
   */
  ObjectNode project(ObjectNode item);
}
