package dev.agentflow.local.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.local.dynamodb.expr.ConditionNode.Comparator;
import dev.agentflow.local.dynamodb.expr.Operand.Call;
import dev.agentflow.local.dynamodb.expr.Operand.PathOperand;
import dev.agentflow.local.dynamodb.expr.Operand.SizeOperand;
import dev.agentflow.local.dynamodb.expr.Operand.ValueOperand;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser of condition (and filter and key condition) expressions into {@link ConditionNode}s.
 * Precedence, loosest first: OR, AND, NOT, then comparisons, BETWEEN, IN and functions; parentheses group.
 * Source: DynamoDB Developer Guide, "Condition and filter expressions, operators, and functions" (syntax and
 * precedence).
 */
class ConditionParser extends ParserBase {

  static final Set<String> CONDITION_FUNCTIONS =
      Set.of("attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains");
  static final Set<String> UPDATE_FUNCTIONS = Set.of("if_not_exists", "list_append");
  private static final Set<String> TYPE_NAMES = Set.of("S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M");
  private static final int MAX_IN_OPERANDS = 100;

  private int errorPos = -1;
  /** The node of the last parenthesised group parsed, to spot {@code ((…))}. */
  private ConditionNode lastGroup;
  /** The operand of the last parenthesised operand parsed, to spot {@code ((a))}. */
  private Operand lastParenOperand;
  /** Token positions where "( condition )" already failed: never retried, so backtracking stays linear. */
  private final java.util.BitSet groupFailed = new java.util.BitSet();

  ConditionParser(String text, ExpressionKind kind, ObjectNode names, ObjectNode values) {
    super(text, kind, names, values);
  }

  /** @return the whole expression as one node */
  ConditionNode parse() {
    ConditionNode node = or();
    finish();
    return node;
  }

  private ConditionNode or() {
    ConditionNode node = and();
    while (accept(TokenType.OR)) {
      countOperator();
      node = new ConditionNode.Or(node, and());
    }
    return node;
  }

  private ConditionNode and() {
    ConditionNode node = not();
    while (accept(TokenType.AND)) {
      countOperator();
      node = new ConditionNode.And(node, not());
    }
    return node;
  }

  private ConditionNode not() {
    if (accept(TokenType.NOT)) {
      countOperator();
      return new ConditionNode.Not(not());
    }
    return predicate();
  }

  private ConditionNode predicate() {
    if (peekType() == TokenType.LPAREN && !groupFailed.get(pos)) {
      int start = pos;
      try {
        next();
        ConditionNode inner = or();
        expect(TokenType.RPAREN);
        if (inner == lastGroup) {
          defer("The expression has redundant parentheses;");
        }
        lastGroup = inner;
        return inner;
      } catch (DynamoDbError first) {
        int firstPos = errorPos;
        groupFailed.set(start);
        pos = start;
        try {
          return comparison(); // a parenthesised operand: (a) = :v
        } catch (DynamoDbError second) {
          throw errorPos >= firstPos ? second : first;
        }
      }
    }
    return comparison();
  }

  private ConditionNode comparison() {
    Operand left = operand();
    Comparator comparator = comparator(peekType());
    if (comparator != null) {
      next();
      Operand right = operand();
      return compare(comparator, left, right);
    }
    if (accept(TokenType.BETWEEN)) {
      Operand low = operand();
      expect(TokenType.AND);
      Operand high = operand();
      return between(left, low, high);
    }
    if (accept(TokenType.IN)) {
      expect(TokenType.LPAREN);
      List<Operand> list = new ArrayList<>();
      list.add(operand());
      while (accept(TokenType.COMMA)) {
        list.add(operand());
      }
      expect(TokenType.RPAREN);
      return in(left, list);
    }
    if (left instanceof Call call) {
      return function(call);
    }
    throw syntaxError();
  }

  @Override
  final DynamoDbError syntaxErrorHook(DynamoDbError e) {
    errorPos = pos;
    return e;
  }

  /** Parses an operand: a path, a {@code :value}, a function call, or an operand in parentheses. */
  final Operand operand() {
    Token t = peek();
    switch (t.type()) {
      case VALUE_REF:
        next();
        return new ValueOperand(t.text(), value(t.text()));
      case LPAREN: {
        next();
        Operand inner = operand();
        expect(TokenType.RPAREN);
        if (inner == lastParenOperand) {
          defer("The expression has redundant parentheses;");
        }
        lastParenOperand = inner;
        return inner;
      }
      case ID:
        if (peekType(1) == TokenType.LPAREN) {
          next();
          next();
          List<Operand> args = new ArrayList<>(2);
          args.add(operand());
          while (accept(TokenType.COMMA)) {
            args.add(operand());
          }
          expect(TokenType.RPAREN);
          return new Call(t.text(), args);
        }
        return new PathOperand(path());
      case NAME_REF:
        return new PathOperand(path());
      default:
        throw syntaxError();
    }
  }

  private static Comparator comparator(TokenType type) {
    switch (type) {
      case EQ: return Comparator.EQ;
      case NE: return Comparator.NE;
      case LT: return Comparator.LT;
      case LE: return Comparator.LE;
      case GT: return Comparator.GT;
      case GE: return Comparator.GE;
      default: return null;
    }
  }

  private ConditionNode compare(Comparator comparator, Operand left, Operand right) {
    countOperator();
    left = valueOperand(left);
    right = valueOperand(right);
    if (comparator != Comparator.EQ && comparator != Comparator.NE) {
      checkOrdered(comparator.symbol, left);
      checkOrdered(comparator.symbol, right);
    }
    distinct(comparator.symbol, left, right);
    return new ConditionNode.Compare(comparator, left, right);
  }

  private ConditionNode between(Operand value, Operand low, Operand high) {
    countOperator();
    value = valueOperand(value);
    low = valueOperand(low);
    high = valueOperand(high);
    checkOrdered("BETWEEN", value);
    checkOrdered("BETWEEN", low);
    checkOrdered("BETWEEN", high);
    distinct("BETWEEN", value, low, high);
    if (low instanceof ValueOperand lo && high instanceof ValueOperand hi && lo.value() != null
        && hi.value() != null && ordered(lo.value()) && ordered(hi.value())) {
      if (!AttributeValues.type(lo.value()).equals(AttributeValues.type(hi.value()))) {
        defer("The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: "
            + describe(lo.value()) + ", upper bound operand: " + describe(hi.value()));
      } else if (AttributeValues.compare(lo.value(), hi.value()) > 0) {
        defer("The BETWEEN operator requires upper bound to be greater than or equal to lower bound; "
            + "lower bound operand: " + describe(lo.value()) + ", upper bound operand: " + describe(hi.value()));
      }
    }
    return new ConditionNode.Between(value, low, high);
  }

  private ConditionNode in(Operand value, List<Operand> list) {
    countOperator();
    value = valueOperand(value);
    Operand[] candidates = new Operand[list.size()];
    for (int i = 0; i < candidates.length; i++) {
      candidates[i] = valueOperand(list.get(i));
    }
    if (candidates.length > MAX_IN_OPERANDS) {
      defer("The IN operator is provided with too many operands; number of operands: " + candidates.length);
    }
    Operand[] all = new Operand[candidates.length + 1];
    all[0] = value;
    System.arraycopy(candidates, 0, all, 1, candidates.length);
    distinct("IN", all);
    return new ConditionNode.In(value, candidates);
  }

  /** Compiles a function used as a whole condition. */
  private ConditionNode function(Call call) {
    countOperator();
    String name = call.name();
    List<Operand> args = call.args();
    switch (name) {
      case "attribute_exists":
      case "attribute_not_exists": {
        if (!operandCount(name, args, 1)) {
          return Never.INSTANCE;
        }
        DocumentPath path = requirePath(name, args.get(0));
        return path == null ? Never.INSTANCE : new ConditionNode.Exists(path, name.equals("attribute_exists"));
      }
      case "attribute_type": {
        if (!operandCount(name, args, 2)) {
          return Never.INSTANCE;
        }
        DocumentPath path = requirePath(name, args.get(0));
        Operand type = valueOperand(args.get(1));
        String typeName = null;
        if (type instanceof ValueOperand v && v.value() != null) {
          JsonNode s = v.value().get("S");
          if (s == null) {
            defer("Incorrect operand type for operator or function; operator or function: " + name
                + ", operand type: " + AttributeValues.type(v.value()));
          } else if (!TYPE_NAMES.contains(s.asText())) {
            defer("Invalid attribute type name found; type: " + s.asText()
                + ", valid types: {N,BS,L,B,NULL,M,S,SS,NS,BOOL}");
          } else {
            typeName = s.asText();
          }
        } else if (!hasDeferred()) {
          defer("Incorrect operand type for operator or function; operator or function: " + name
              + ", operand type: " + operandTypeName(type));
        }
        return path == null || typeName == null ? Never.INSTANCE : new ConditionNode.TypeIs(path, typeName);
      }
      case "begins_with": {
        if (!operandCount(name, args, 2)) {
          return Never.INSTANCE;
        }
        Operand a = valueOperand(args.get(0));
        Operand b = valueOperand(args.get(1));
        checkStringOrBinary(name, a);
        checkStringOrBinary(name, b);
        return new ConditionNode.BeginsWith(a, b);
      }
      case "contains": {
        if (!operandCount(name, args, 2)) {
          return Never.INSTANCE;
        }
        Operand a = valueOperand(args.get(0));
        Operand b = valueOperand(args.get(1));
        distinct(name, a, b);
        return new ConditionNode.Contains(a, b);
      }
      default:
        misplacedFunction(name, true);
        return Never.INSTANCE;
    }
  }

  /** Compiles a parsed operand for use as a value: {@code size(path)} is the only function allowed. */
  final Operand valueOperand(Operand operand) {
    if (!(operand instanceof Call call)) {
      return operand;
    }
    countOperator();
    if (call.name().equals("size")) {
      if (!operandCount("size", call.args(), 1)) {
        return new ValueOperand("size", null);
      }
      return new SizeOperand(valueOperand(call.args().get(0))); // DynamoDB Local also sizes a :value
    }
    misplacedFunction(call.name(), false);
    return new ValueOperand(call.name(), null);
  }

  private void misplacedFunction(String name, boolean asCondition) {
    if (CONDITION_FUNCTIONS.contains(name) || (asCondition && name.equals("size"))) {
      defer("The function is not allowed to be used this way in an expression; function: " + name);
    } else if (UPDATE_FUNCTIONS.contains(name)) {
      defer("The function is not allowed in a condition expression; function: " + name);
    } else {
      defer("Invalid function name; function: " + name);
    }
  }

  final boolean operandCount(String name, List<Operand> args, int expected) {
    if (args.size() != expected) {
      defer("Incorrect number of operands for operator or function; operator or function: " + name
          + ", number of operands: " + args.size());
      return false;
    }
    return true;
  }

  final DocumentPath requirePath(String name, Operand operand) {
    if (operand instanceof PathOperand p) {
      return p.path();
    }
    defer("Operator or function requires a document path; operator or function: " + name);
    return null;
  }

  private void checkOrdered(String operator, Operand operand) {
    if (operand instanceof ValueOperand v && v.value() != null && !ordered(v.value())) {
      defer("Incorrect operand type for operator or function; operator or function: " + operator
          + ", operand type: " + AttributeValues.type(v.value()));
    }
  }

  private void checkStringOrBinary(String operator, Operand operand) {
    if (operand instanceof ValueOperand v && v.value() != null && !v.value().has("S") && !v.value().has("B")) {
      defer("Incorrect operand type for operator or function; operator or function: " + operator
          + ", operand type: " + AttributeValues.type(v.value()));
    }
  }

  /** DynamoDB rejects an operator whose first operand is the same path as another. */
  private void distinct(String operator, Operand... operands) {
    if (!(operands[0] instanceof PathOperand first)) {
      return;
    }
    for (int i = 1; i < operands.length; i++) {
      if (operands[i] instanceof PathOperand other && other.path().toString().equals(first.path().toString())
          && java.util.Arrays.equals(other.path().keys, first.path().keys)) {
        defer("The first operand must be distinct from the remaining operands for this operator or function; "
            + "operator: " + operator + ", first operand: " + first.path().describe());
        return;
      }
    }
  }

  private static boolean ordered(JsonNode v) {
    return v.has("S") || v.has("N") || v.has("B");
  }

  /** DynamoDB's (internal) rendering of the type of an operand that is not a literal. */
  private static String operandTypeName(Operand o) {
    return o instanceof SizeOperand ? "N"
        : "{NS,DICT,B,INT,FLOAT,BOOL,M,FS,NULL,SS,INTSET,S,DECIMALSET,HDS,HD,DECIMAL,BS,DOUBLESET,L,N,DOUBLE}";
  }

  /** DynamoDB's rendering of a value in messages: {@code AttributeValue: {N:5}}. */
  static String describe(JsonNode value) {
    String type = AttributeValues.type(value);
    JsonNode v = value.get(type);
    return "AttributeValue: {" + type + ":" + (v.isTextual() ? v.asText() : v.toString()) + "}";
  }

  /** The condition of a node that can never be evaluated (its parse has failed; never returned to callers). */
  enum Never implements ConditionNode {
    INSTANCE;

    @Override
    public boolean test(ObjectNode item) {
      return false;
    }
  }
}
