package dev.agentflow.local.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/**
 * The operands of a SET action, evaluated strictly: a path that is missing, or an operand of the wrong type, is
 * an error. Source: DynamoDB Developer Guide, "Update expressions" (SET, if_not_exists, list_append, + and -).
 */
final class UpdateValues {

  static final String MISSING = "The provided expression refers to an attribute that does not exist in the item";
  static final String WRONG_TYPE = "An operand in the update expression has an incorrect data type";

  private UpdateValues() {}

  /** A path that must exist. */
  record Required(DocumentPath path) implements Operand {
    @Override
    public JsonNode eval(ObjectNode item) {
      JsonNode v = path.resolve(item);
      if (v == null) {
        throw DynamoDbError.validation(MISSING);
      }
      return v;
    }
  }

  /** {@code if_not_exists(path, operand)}: the path's value, else the operand's. */
  record IfNotExists(DocumentPath path, Operand fallback) implements Operand {
    @Override
    public JsonNode eval(ObjectNode item) {
      JsonNode v = path.resolve(item);
      return v != null ? v : fallback.eval(item);
    }
  }

  /** {@code list_append(a, b)}: the elements of list a then those of list b. */
  record ListAppend(Operand first, Operand second) implements Operand {
    @Override
    public JsonNode eval(ObjectNode item) {
      JsonNode a = first.eval(item).get("L");
      JsonNode b = second.eval(item).get("L");
      if (a == null || b == null) {
        throw DynamoDbError.validation(WRONG_TYPE);
      }
      ArrayNode list = JsonNodeFactory.instance.arrayNode(a.size() + b.size());
      list.addAll((ArrayNode) a);
      list.addAll((ArrayNode) b);
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      out.set("L", list);
      return out;
    }
  }

  /** {@code a + b} or {@code a - b} on numbers. */
  record Arithmetic(boolean plus, Operand left, Operand right) implements Operand {
    @Override
    public JsonNode eval(ObjectNode item) {
      JsonNode a = left.eval(item).get("N");
      JsonNode b = right.eval(item).get("N");
      if (a == null || b == null) {
        throw DynamoDbError.validation(WRONG_TYPE);
      }
      BigDecimal x = AttributeValues.number(a.asText());
      BigDecimal y = AttributeValues.number(b.asText());
      return AttributeValues.computedNumber(plus ? x.add(y) : x.subtract(y));
    }
  }
}
