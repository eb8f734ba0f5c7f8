package dev.agentflow.local.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.local.dynamodb.expr.ConditionNode.Comparator;
import dev.agentflow.local.dynamodb.expr.Operand.PathOperand;
import dev.agentflow.local.dynamodb.expr.Operand.ValueOperand;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a parsed key condition into the hash value and range condition, enforcing Query's rules: one
 * {@code =} on the hash key, at most one condition on the range key ({@code = < <= > >=}, BETWEEN,
 * begins_with), joined by AND; no other attribute, operator or nesting. Source: DynamoDB API Reference, Query.
 */
final class KeyConditionCompiler {

  private final String hashKey;
  private final String rangeKey;
  private JsonNode hashValue;
  private String rangeOperator;
  private final List<JsonNode> rangeValues = new ArrayList<>(2);

  private KeyConditionCompiler(String hashKey, String rangeKey) {
    this.hashKey = hashKey;
    this.rangeKey = rangeKey;
  }

  static KeyCondition compile(ConditionParser parser, ConditionNode root, String hashKey, String rangeKey) {
    KeyConditionCompiler c = new KeyConditionCompiler(hashKey, rangeKey);
    c.visit(root, parser, 0);
    if (c.hashValue == null) {
      throw DynamoDbError.validation("Query condition missed key schema element: " + hashKey);
    }
    return new ParsedKeyCondition(c.hashValue, c.rangeOperator, c.rangeValues, parser.usedNames, parser.usedValues);
  }

  private void visit(ConditionNode node, ConditionParser parser, int depth) {
    if (node instanceof ConditionNode.And and) {
      if (depth > 0) {
        throw parser.error("KeyConditionExpressions cannot contain nested operations");
      }
      visit(and.left(), parser, depth + 1);
      visit(and.right(), parser, depth + 1);
    } else if (node instanceof ConditionNode.Compare cmp) {
      condition(parser, cmp.comparator().symbol, cmp.comparator(), cmp.left(), cmp.right());
    } else if (node instanceof ConditionNode.Between b) {
      condition(parser, "BETWEEN", null, b.value(), b.low(), b.high());
    } else if (node instanceof ConditionNode.BeginsWith bw) {
      condition(parser, "begins_with", null, bw.value(), bw.prefix());
    } else {
      throw parser.error("Invalid operator used in KeyConditionExpression: " + operatorName(node));
    }
  }

  private void condition(ConditionParser parser, String operator, Comparator comparator, Operand key,
      Operand... values) {
    if (!(key instanceof PathOperand path)) {
      throw parser.error("Invalid condition in KeyConditionExpression: " + operator + " operator must have the key "
          + "attribute as its first operand");
    }
    if (path.path().length() > 1) {
      throw parser.error("KeyConditionExpressions cannot have conditions on nested attributes");
    }
    List<JsonNode> operands = new ArrayList<>(values.length);
    for (Operand v : values) {
      if (!(v instanceof ValueOperand value)) {
        throw parser.error("Invalid condition in KeyConditionExpression: " + operator + " operator must have "
            + "values as its remaining operands");
      }
      operands.add(value.value());
    }
    String name = path.path().top();
    if (name.equals(hashKey)) {
      if (hashValue != null) {
        throw parser.error("KeyConditionExpressions must only contain one condition per key");
      }
      if (comparator != Comparator.EQ) {
        throw DynamoDbError.validation("Query key condition not supported");
      }
      hashValue = operands.get(0);
    } else if (name.equals(rangeKey)) {
      if (rangeOperator != null) {
        throw parser.error("KeyConditionExpressions must only contain one condition per key");
      }
      if (comparator == Comparator.NE) {
        throw parser.error("Invalid operator used in KeyConditionExpression: <>");
      }
      rangeOperator = operator;
      rangeValues.addAll(operands);
    } else {
      throw DynamoDbError.validation("Query condition missed key schema element: "
          + (hashValue == null ? hashKey : rangeKey));
    }
  }

  private static String operatorName(ConditionNode node) {
    if (node instanceof ConditionNode.Or) {
      return "OR";
    } else if (node instanceof ConditionNode.Not) {
      return "NOT";
    } else if (node instanceof ConditionNode.In) {
      return "IN";
    } else if (node instanceof ConditionNode.Exists e) {
      return e.exists() ? "attribute_exists" : "attribute_not_exists";
    } else if (node instanceof ConditionNode.TypeIs) {
      return "attribute_type";
    } else if (node instanceof ConditionNode.Contains) {
      return "contains";
    }
    return "unknown";
  }
}
