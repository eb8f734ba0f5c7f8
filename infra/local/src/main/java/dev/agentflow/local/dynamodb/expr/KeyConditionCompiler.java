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
 * begins_with), joined by AND; no other attribute, operator or nesting; no empty S or B key value. Messages as
 * DynamoDB's (without the "Invalid KeyConditionExpression:" prefix, as DynamoDB gives them). Source: DynamoDB
 * API Reference, Query.
 */
final class KeyConditionCompiler {

  private final String hashKey;
  private final String rangeKey;
  private JsonNode hashValue;
  private boolean otherAttribute;
  private String rangeOperator;
  private final List<JsonNode> rangeValues = new ArrayList<>(2);

  private KeyConditionCompiler(String hashKey, String rangeKey) {
    this.hashKey = hashKey;
    this.rangeKey = rangeKey;
  }

  static KeyCondition compile(ConditionParser parser, ConditionNode root, String hashKey, String rangeKey) {
    KeyConditionCompiler c = new KeyConditionCompiler(hashKey, rangeKey);
    c.visit(root);
    // DynamoDB names the key ("…: pk"); DynamoDB Local 2.6.1 leaves the name out.
    if (c.hashValue == null) {
      throw DynamoDbError.validation("Query condition missed key schema element: " + hashKey);
    }
    if (c.otherAttribute) {
      throw DynamoDbError.validation("Query condition missed key schema element: "
          + (rangeKey == null || c.rangeOperator != null ? hashKey : rangeKey));
    }
    return new ParsedKeyCondition(c.hashValue, c.rangeOperator, c.rangeValues, parser.usedNames, parser.usedValues);
  }

  private static DynamoDbError error(String message) {
    return DynamoDbError.validation(message);
  }

  private void visit(ConditionNode node) {
    if (node instanceof ConditionNode.And and) {
      visit(and.left());
      visit(and.right());
    } else if (node instanceof ConditionNode.Compare cmp) {
      Operand key = cmp.left();
      Operand value = cmp.right();
      if (!(key instanceof PathOperand) && value instanceof PathOperand) {
        key = cmp.right(); // :v = key is allowed
        value = cmp.left();
      }
      condition(cmp.comparator().symbol, cmp.comparator(), key, value);
    } else if (node instanceof ConditionNode.Between b) {
      condition("BETWEEN", null, b.value(), b.low(), b.high());
    } else if (node instanceof ConditionNode.BeginsWith bw) {
      condition("begins_with", null, bw.value(), bw.prefix());
    } else {
      throw error("Invalid operator used in KeyConditionExpression: " + operatorName(node));
    }
  }

  private void condition(String operator, Comparator comparator, Operand key, Operand... values) {
    if (key instanceof Operand.SizeOperand) {
      throw error("KeyConditionExpressions cannot contain nested operations");
    }
    if (!(key instanceof PathOperand path)) {
      throw error("Invalid condition in KeyConditionExpression: " + operator + " operator must have the key "
          + "attribute as its first operand");
    }
    List<JsonNode> operands = new ArrayList<>(values.length);
    for (Operand v : values) {
      if (v instanceof Operand.SizeOperand) {
        throw error("KeyConditionExpressions cannot contain nested operations");
      }
      if (!(v instanceof ValueOperand value)) {
        throw error("Invalid condition in KeyConditionExpression: " + operator + " operator must have "
            + "values as its remaining operands");
      }
      operands.add(value.value());
    }
    if (comparator == Comparator.NE) {
      throw error("Invalid operator used in KeyConditionExpression: <>");
    }
    String name = path.path().top();
    if (path.path().length() > 1) {
      throw error("Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: "
          + "Key: " + name);
    }
    for (JsonNode v : operands) {
      JsonNode s = v.get("S");
      JsonNode b = v.get("B");
      if ((s != null && s.asText().isEmpty()) || (b != null && b.asText().isEmpty())) {
        throw error("One or more parameter values are not valid. The AttributeValue for a key attribute cannot "
            + "contain an empty " + (s != null ? "string" : "binary") + " value. Key: " + name);
      }
    }
    if (name.equals(hashKey)) {
      if (hashValue != null) {
        throw error("KeyConditionExpressions must only contain one condition per key");
      }
      if (comparator != Comparator.EQ) {
        throw error("Query key condition not supported");
      }
      hashValue = operands.get(0);
    } else if (name.equals(rangeKey)) {
      if (rangeOperator != null) {
        throw error("KeyConditionExpressions must only contain one condition per key");
      }
      rangeOperator = operator;
      rangeValues.addAll(operands);
    } else {
      otherAttribute = true;
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
