package dev.agentflow.local.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.local.dynamodb.expr.Operand.Call;
import dev.agentflow.local.dynamodb.expr.Operand.PathOperand;
import dev.agentflow.local.dynamodb.expr.Operand.ValueOperand;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Parses an update expression: clauses {@code SET path = value, …}, {@code REMOVE path, …},
 * {@code ADD path :v, …}, {@code DELETE path :v, …}, each at most once, in any order. A SET value is an operand,
 * or two joined by {@code +} or {@code -}; operands are paths, {@code :values}, {@code if_not_exists(path, v)}
 * and {@code list_append(a, b)}. Paths of different actions may not overlap. Source: DynamoDB Developer Guide,
 * "Update expressions".
 */
final class UpdateParser extends ConditionParser {

  private final List<UpdateAction> actions = new ArrayList<>();

  UpdateParser(String text, ObjectNode names, ObjectNode values) {
    super(text, ExpressionKind.UPDATE, names, values);
  }

  List<UpdateAction> parseActions() {
    Set<UpdateAction.Kind> seen = EnumSet.noneOf(UpdateAction.Kind.class);
    do {
      UpdateAction.Kind kind = clause(peekType());
      if (kind == null) {
        throw syntaxError();
      }
      next();
      if (!seen.add(kind)) {
        defer("The \"" + kind + "\" section can only be used once in an update expression;");
      }
      do {
        actions.add(action(kind));
      } while (accept(TokenType.COMMA));
    } while (peekType() != TokenType.EOF);
    checkPaths();
    finish();
    return actions;
  }

  private static UpdateAction.Kind clause(TokenType type) {
    switch (type) {
      case SET: return UpdateAction.Kind.SET;
      case REMOVE: return UpdateAction.Kind.REMOVE;
      case ADD: return UpdateAction.Kind.ADD;
      case DELETE: return UpdateAction.Kind.DELETE;
      default: return null;
    }
  }

  private UpdateAction action(UpdateAction.Kind kind) {
    DocumentPath path = path();
    switch (kind) {
      case SET:
        expect(TokenType.EQ);
        return new UpdateAction(kind, path, setValue());
      case REMOVE:
        return new UpdateAction(kind, path, null);
      default: {
        Token t = expect(TokenType.VALUE_REF);
        JsonNode v = value(t.text());
        if (v != null) {
          checkAddDelete(kind, v);
        }
        return new UpdateAction(kind, path, new ValueOperand(t.text(), v));
      }
    }
  }

  private void checkAddDelete(UpdateAction.Kind kind, JsonNode v) {
    String type = AttributeValues.type(v);
    boolean ok = kind == UpdateAction.Kind.ADD
        ? type.equals("N") || type.equals("SS") || type.equals("NS") || type.equals("BS")
        : type.equals("SS") || type.equals("NS") || type.equals("BS");
    if (!ok) {
      defer("Incorrect operand type for operator or function; operator: " + kind + ", operand type: "
          + longTypeName(type) + ", typeSet: ALLOWED_FOR_" + kind + "_OPERAND");
    }
  }

  /** {@code operand | operand + operand | operand - operand}, parentheses allowed around the arithmetic. */
  private Operand setValue() {
    if (peekType() == TokenType.LPAREN) {
      int start = pos;
      try {
        next();
        Operand inner = setValue();
        expect(TokenType.RPAREN);
        if (inner instanceof UpdateValues.Arithmetic && peekType() != TokenType.PLUS
            && peekType() != TokenType.MINUS) {
          return inner;
        }
      } catch (DynamoDbError e) {
        // not (a + b): parse again as an operand
      }
      pos = start;
    }
    Operand left = updateOperand();
    if (peekType() == TokenType.PLUS || peekType() == TokenType.MINUS) {
      boolean plus = next().type() == TokenType.PLUS;
      countOperator();
      Operand right = updateOperand();
      String symbol = plus ? "+" : "-";
      checkNumber(symbol, left);
      checkNumber(symbol, right);
      return new UpdateValues.Arithmetic(plus, left, right);
    }
    return left;
  }

  private Operand updateOperand() {
    return compile(operand());
  }

  /** Compiles a parsed operand for a SET value: paths must exist; only if_not_exists and list_append. */
  private Operand compile(Operand operand) {
    if (operand instanceof PathOperand p) {
      return new UpdateValues.Required(p.path());
    }
    if (!(operand instanceof Call call)) {
      return operand;
    }
    String name = call.name();
    countOperator();
    switch (name) {
      case "if_not_exists": {
        if (!operandCount(name, call.args(), 2)) {
          return new ValueOperand(name, null);
        }
        DocumentPath path = requirePath(name, call.args().get(0));
        Operand fallback = compile(call.args().get(1));
        return path == null ? fallback : new UpdateValues.IfNotExists(path, fallback);
      }
      case "list_append": {
        if (!operandCount(name, call.args(), 2)) {
          return new ValueOperand(name, null);
        }
        Operand a = compile(call.args().get(0));
        Operand b = compile(call.args().get(1));
        checkType(name, a, "L");
        checkType(name, b, "L");
        return new UpdateValues.ListAppend(a, b);
      }
      default:
        if (ConditionParser.CONDITION_FUNCTIONS.contains(name) || name.equals("size")) {
          defer("The function is not allowed in an update expression; function: " + name);
        } else {
          defer("Invalid function name; function: " + name);
        }
        return new ValueOperand(name, null);
    }
  }

  private void checkNumber(String operator, Operand operand) {
    checkType(operator, operand, "N");
  }

  private void checkType(String operator, Operand operand, String type) {
    if (operand instanceof ValueOperand v && v.value() != null && !v.value().has(type)) {
      defer("Incorrect operand type for operator or function; operator or function: " + operator
          + ", operand type: " + AttributeValues.type(v.value()));
    }
  }

  /** Two actions may not touch the same path or one inside the other, nor use a name and an index at one level. */
  private void checkPaths() {
    for (int i = 1; i < actions.size(); i++) {
      DocumentPath b = actions.get(i).path();
      for (int j = 0; j < i; j++) {
        DocumentPath a = actions.get(j).path();
        String problem = PathOverlap.check(a, b);
        if (problem != null) {
          defer(problem);
          return;
        }
      }
    }
  }

  static String longTypeName(String type) {
    switch (type) {
      case "S": return "STRING";
      case "N": return "NUMBER";
      case "B": return "BINARY";
      case "SS": return "STRING_SET";
      case "NS": return "NUMBER_SET";
      case "BS": return "BINARY_SET";
      case "BOOL": return "BOOLEAN";
      case "L": return "LIST";
      case "M": return "MAP";
      default: return type;
    }
  }
}
