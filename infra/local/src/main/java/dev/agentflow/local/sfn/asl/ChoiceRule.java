package dev.agentflow.local.sfn.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.local.sfn.data.Bindings;
import dev.agentflow.local.sfn.data.JsonPathExpr;
import dev.agentflow.local.sfn.data.JsonataExpression;
import dev.agentflow.local.sfn.data.JsonataScope;
import dev.agentflow.local.sfn.data.StatesError;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * A Choice rule (boolean expression). Comparisons whose operand types do not fit the operator are false; a
 * Variable (or operand path) that selects nothing is a {@code States.Runtime} error, except for IsPresent.
 * Source: ASL spec, "Choice Rules"; developer guide, "Choice Rules".
 */
public sealed interface ChoiceRule {

  /**
   * @param input the Choice state's effective input
   * @param context supplies the context object
   * @return whether the rule holds
   * @throws StatesError {@code States.Runtime} for a Variable that selects nothing
   */
  boolean test(JsonNode input, Bindings context);

  /** A JSONata {@code Condition} ({@code {% ... %}}) that must evaluate to a boolean. */
  record Condition(JsonataExpression expression) implements ChoiceRule {
    @Override
    public boolean test(JsonNode input, Bindings context) {
      JsonNode v = expression.evaluate(new JsonataScope(input, null, null, null, context));
      if (!v.isBoolean()) {
        throw new StatesError(JsonataExpression.QUERY_EVALUATION_ERROR,
            "The Condition " + expression.text() + " returned " + v + " instead of a boolean");
      }
      return v.booleanValue();
    }
  }

  /** All rules hold. */
  record And(List<ChoiceRule> rules) implements ChoiceRule {
    @Override
    public boolean test(JsonNode input, Bindings context) {
      for (ChoiceRule r : rules) {
        if (!r.test(input, context)) {
          return false;
        }
      }
      return true;
    }
  }

  /** Any rule holds. */
  record Or(List<ChoiceRule> rules) implements ChoiceRule {
    @Override
    public boolean test(JsonNode input, Bindings context) {
      for (ChoiceRule r : rules) {
        if (r.test(input, context)) {
          return true;
        }
      }
      return false;
    }
  }

  /** The rule does not hold. */
  record Not(ChoiceRule rule) implements ChoiceRule {
    @Override
    public boolean test(JsonNode input, Bindings context) {
      return !rule.test(input, context);
    }
  }

  /**
   * {@code Variable <operator> operand}.
   *
   * @param variable the Variable path
   * @param operator the operator
   * @param literal the literal operand, or {@code null} when {@code operandPath} is used
   * @param operandPath the operand path of a {@code ...Path} operator, or {@code null}
   */
  record Comparison(JsonPathExpr variable, ChoiceOperator operator, JsonNode literal, JsonPathExpr operandPath)
      implements ChoiceRule {

    @Override
    public boolean test(JsonNode input, Bindings context) {
      JsonNode value = variable.read(input, context);
      if (operator == ChoiceOperator.IS_PRESENT) {
        return (value != null) == literal.booleanValue();
      }
      if (value == null) {
        throw StatesError.runtime("Invalid path '" + variable.text()
            + "': The choice state's condition path references an invalid value.");
      }
      JsonNode operand = literal;
      if (operandPath != null) {
        operand = operandPath.read(input, context);
        if (operand == null) {
          throw StatesError.runtime("Invalid path '" + operandPath.text()
              + "': The choice state's condition path references an invalid value.");
        }
      }
      return switch (operator.kind()) {
        case TYPE_TEST -> typeTest(value) == operand.booleanValue();
        case STRING -> value.isTextual() && operand.isTextual() && compareStrings(value.textValue(), operand.textValue());
        case NUMERIC -> value.isNumber() && operand.isNumber()
            && relation(value.decimalValue().compareTo(operand.decimalValue()));
        case BOOLEAN -> value.isBoolean() && operand.isBoolean() && value.booleanValue() == operand.booleanValue();
        case TIMESTAMP -> {
          OffsetDateTime a = value.isTextual() ? timestamp(value.textValue()) : null;
          OffsetDateTime b = operand.isTextual() ? timestamp(operand.textValue()) : null;
          yield a != null && b != null && relation(a.toInstant().compareTo(b.toInstant()));
        }
      };
    }

    private boolean typeTest(JsonNode value) {
      return switch (operator) {
        case IS_NULL -> value.isNull();
        case IS_NUMERIC -> value.isNumber();
        case IS_STRING -> value.isTextual();
        case IS_BOOLEAN -> value.isBoolean();
        case IS_TIMESTAMP -> value.isTextual() && timestamp(value.textValue()) != null;
        default -> throw new IllegalStateException("Not a type test: " + operator);
      };
    }

    private boolean compareStrings(String a, String b) {
      if (operator.relation() == ChoiceOperator.Relation.MATCHES) {
        return matches(a, b);
      }
      return relation(a.compareTo(b));
    }

    private boolean relation(int cmp) {
      return switch (operator.relation()) {
        case EQ -> cmp == 0;
        case LT -> cmp < 0;
        case GT -> cmp > 0;
        case LTE -> cmp <= 0;
        case GTE -> cmp >= 0;
        case MATCHES -> throw new IllegalStateException("MATCHES is for strings");
      };
    }
  }

  /**
   * StringMatches: {@code *} matches any run of characters, {@code \*} a literal asterisk and {@code \\} a
   * literal backslash.
   */
  static boolean matches(String value, String pattern) {
    return matchFrom(value, 0, pattern, 0);
  }

  private static boolean matchFrom(String s, int si, String p, int pi) {
    while (pi < p.length()) {
      char c = p.charAt(pi);
      if (c == '*') {
        while (pi < p.length() && p.charAt(pi) == '*') {
          pi++;
        }
        if (pi == p.length()) {
          return true;
        }
        for (int k = si; k <= s.length(); k++) {
          if (matchFrom(s, k, p, pi)) {
            return true;
          }
        }
        return false;
      }
      if (c == '\\' && pi + 1 < p.length()) {
        c = p.charAt(++pi);
      }
      if (si >= s.length() || s.charAt(si) != c) {
        return false;
      }
      si++;
      pi++;
    }
    return si == s.length();
  }

  /** @return the RFC 3339 timestamp, or {@code null} if {@code text} is not one */
  static OffsetDateTime timestamp(String text) {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
