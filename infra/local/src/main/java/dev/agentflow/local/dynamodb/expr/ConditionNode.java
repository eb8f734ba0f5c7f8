package dev.agentflow.local.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A compiled condition: the parsed tree whose nodes evaluate themselves. */
interface ConditionNode {

  boolean test(ObjectNode item);

  /** The comparators. */
  enum Comparator {
    EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

    final String symbol;

    Comparator(String symbol) {
      this.symbol = symbol;
    }

    /** @return the comparison of two present values (different or unordered types: only {@code <>} holds) */
    boolean holds(JsonNode a, JsonNode b) {
      switch (this) {
        case EQ:
          return AttributeValues.equal(a, b);
        case NE:
          return !AttributeValues.equal(a, b);
        default:
          if (!AttributeValues.comparable(a, b)) {
            return false;
          }
          int c = AttributeValues.compare(a, b);
          return this == LT ? c < 0 : this == LE ? c <= 0 : this == GT ? c > 0 : c >= 0;
      }
    }
  }

  record And(ConditionNode left, ConditionNode right) implements ConditionNode {
    @Override
    public boolean test(ObjectNode item) {
      return left.test(item) && right.test(item);
    }
  }

  record Or(ConditionNode left, ConditionNode right) implements ConditionNode {
    @Override
    public boolean test(ObjectNode item) {
      return left.test(item) || right.test(item);
    }
  }

  record Not(ConditionNode inner) implements ConditionNode {
    @Override
    public boolean test(ObjectNode item) {
      return !inner.test(item);
    }
  }

  record Compare(Comparator comparator, Operand left, Operand right) implements ConditionNode {
    @Override
    public boolean test(ObjectNode item) {
      JsonNode a = left.eval(item);
      JsonNode b = right.eval(item);
      if (a == null || b == null) {
        return comparator == Comparator.NE; // a missing value is "not equal" to anything
      }
      return comparator.holds(a, b);
    }
  }

  record Between(Operand value, Operand low, Operand high) implements ConditionNode {
    @Override
    public boolean test(ObjectNode item) {
      JsonNode v = value.eval(item);
      JsonNode lo = low.eval(item);
      JsonNode hi = high.eval(item);
      return v != null && lo != null && hi != null && AttributeValues.comparable(v, lo)
          && AttributeValues.comparable(v, hi) && AttributeValues.compare(v, lo) >= 0
          && AttributeValues.compare(v, hi) <= 0;
    }
  }

  record In(Operand value, Operand[] candidates) implements ConditionNode {
    @Override
    public boolean test(ObjectNode item) {
      JsonNode v = value.eval(item);
      if (v == null) {
        return false;
      }
      for (Operand c : candidates) {
        JsonNode x = c.eval(item);
        if (x != null && AttributeValues.equal(v, x)) {
          return true;
        }
      }
      return false;
    }
  }

  record Exists(DocumentPath path, boolean exists) implements ConditionNode {
    @Override
    public boolean test(ObjectNode item) {
      return (path.resolve(item) != null) == exists;
    }
  }

  record TypeIs(DocumentPath path, String type) implements ConditionNode {
    @Override
    public boolean test(ObjectNode item) {
      JsonNode v = path.resolve(item);
      return v != null && v.has(type);
    }
  }

  record BeginsWith(Operand value, Operand prefix) implements ConditionNode {
    @Override
    public boolean test(ObjectNode item) {
      return Functions.beginsWith(value.eval(item), prefix.eval(item));
    }
  }

  record Contains(Operand value, Operand operand) implements ConditionNode {
    @Override
    public boolean test(ObjectNode item) {
      return Functions.contains(value.eval(item), operand.eval(item));
    }
  }
}
