package dev.agentflow.local.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A value in an expression: a document path, a {@code :value}, or a function of them. */
interface Operand {

  /** @return the value for this item, or {@code null} when it is missing */
  JsonNode eval(ObjectNode item);

  /** A document path of the item. */
  record PathOperand(DocumentPath path) implements Operand {
    @Override
    public JsonNode eval(ObjectNode item) {
      return path.resolve(item);
    }
  }

  /** An ExpressionAttributeValues entry ({@code value} is null when undefined; the parse then fails). */
  record ValueOperand(String ref, JsonNode value) implements Operand {
    @Override
    public JsonNode eval(ObjectNode item) {
      return value;
    }
  }

  /** {@code size(operand)}: string length, binary length, or element count of a set, list or map. */
  record SizeOperand(Operand operand) implements Operand {
    @Override
    public JsonNode eval(ObjectNode item) {
      JsonNode v = operand.eval(item);
      if (v == null) {
        return null;
      }
      long size = Functions.size(v);
      return size < 0 ? null : AttributeValues.numberValue(java.math.BigDecimal.valueOf(size));
    }
  }

  /** A function call as parsed, before it is checked and compiled (never evaluated). */
  record Call(String name, java.util.List<Operand> args) implements Operand {
    @Override
    public JsonNode eval(ObjectNode item) {
      throw new IllegalStateException("uncompiled function " + name);
    }
  }
}
