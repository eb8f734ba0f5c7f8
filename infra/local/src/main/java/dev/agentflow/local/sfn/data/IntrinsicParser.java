package dev.agentflow.local.sfn.data;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses intrinsic function invocations such as
 * {@code States.JsonMerge(States.JsonMerge($.a, $.b[0], false), $.c, false)}. String literals are
 * single-quoted; inside them {@code \'}, {@code \{}, {@code \}} and {@code \\} are escapes, any other
 * backslash is an error. Source: ASL spec, "Intrinsic Functions"; developer guide, "Reserved characters in
 * intrinsic functions".
 */
public final class IntrinsicParser {

  /** Nesting limit: the developer guide allows up to 10 nested intrinsic functions in a field. */
  static final int MAX_DEPTH = 10;

  private final String text;
  private int pos;

  private IntrinsicParser(String text) {
    this.text = text;
  }

  /** @return whether a {@code .$} field value is meant as an intrinsic call (starts with {@code States.}) */
  public static boolean looksLikeCall(String value) {
    return value.startsWith("States.");
  }

  /**
   * Parses one call.
   *
   * @throws IllegalArgumentException with a reason if {@code text} is not a well-formed call of a known
   *     function with an acceptable number of arguments
   */
  public static IntrinsicExpr.Call parse(String text) {
    IntrinsicParser p = new IntrinsicParser(text);
    p.skipSpace();
    IntrinsicExpr.Call call = p.call(1);
    p.skipSpace();
    if (p.pos != text.length()) {
      throw p.error("unexpected text after the closing parenthesis");
    }
    return call;
  }

  private IntrinsicExpr.Call call(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("more than " + MAX_DEPTH + " nested intrinsic functions");
    }
    int start = pos;
    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
      pos++;
    }
    String name = text.substring(start, pos);
    if (!IntrinsicFunctions.isKnown(name)) {
      throw error("unknown intrinsic function '" + name + "'");
    }
    skipSpace();
    expect('(');
    List<IntrinsicExpr> args = new ArrayList<>();
    skipSpace();
    if (peek() == ')') {
      pos++;
    } else {
      while (true) {
        skipSpace();
        args.add(argument(depth));
        skipSpace();
        char c = peek();
        if (c == ',') {
          pos++;
        } else if (c == ')') {
          pos++;
          break;
        } else {
          throw error("expected ',' or ')'");
        }
      }
    }
    IntrinsicFunctions.checkArity(name, args.size());
    return new IntrinsicExpr.Call(name, List.copyOf(args), text.substring(start, pos));
  }

  private IntrinsicExpr argument(int depth) {
    char c = peek();
    if (c == '\'') {
      return string();
    }
    if (c == '$') {
      return path();
    }
    if (c == '-' || Character.isDigit(c)) {
      return number();
    }
    if (text.startsWith("States.", pos)) {
      return call(depth + 1);
    }
    for (String word : new String[] {"true", "false", "null"}) {
      if (text.startsWith(word, pos)) {
        int end = pos + word.length();
        if (end == text.length() || !Character.isLetterOrDigit(text.charAt(end))) {
          pos = end;
          return new IntrinsicExpr.Literal(
              switch (word) {
                case "true" -> Json.NODES.booleanNode(true);
                case "false" -> Json.NODES.booleanNode(false);
                default -> Json.NODES.nullNode();
              },
              word);
        }
      }
    }
    throw error("unexpected argument");
  }

  private IntrinsicExpr string() {
    int start = pos;
    pos++; // opening quote
    StringBuilder value = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated string literal");
      }
      char c = text.charAt(pos++);
      if (c == '\'') {
        break;
      }
      if (c == '\\') {
        if (pos >= text.length()) {
          throw error("open escape at the end of the string");
        }
        char e = text.charAt(pos++);
        if (e != '\'' && e != '{' && e != '}' && e != '\\') {
          throw error("invalid escape '\\" + e + "'");
        }
        value.append(e);
      } else {
        value.append(c);
      }
    }
    String raw = text.substring(start + 1, pos - 1);
    return new IntrinsicExpr.Literal(Json.NODES.textNode(value.toString()), raw);
  }

  private IntrinsicExpr path() {
    int start = pos;
    int brackets = 0;
    char quote = 0;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '[' || c == '(') {
        brackets++;
      } else if (c == ']' || c == ')') {
        if (brackets == 0) {
          break;
        }
        brackets--;
      } else if (c == ',' && brackets == 0) {
        break;
      }
      pos++;
    }
    String p = text.substring(start, pos).strip();
    try {
      return new IntrinsicExpr.PathArg(JsonPathExpr.compile(p));
    } catch (IllegalArgumentException e) {
      throw error("invalid path argument '" + p + "'");
    }
  }

  private IntrinsicExpr number() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || "+-.eE".indexOf(text.charAt(pos)) >= 0)) {
      pos++;
    }
    String n = text.substring(start, pos);
    try {
      BigDecimal d = new BigDecimal(n);
      if (n.indexOf('.') < 0 && n.indexOf('e') < 0 && n.indexOf('E') < 0) {
        return new IntrinsicExpr.Literal(Json.number(d.longValueExact()), n);
      }
      return new IntrinsicExpr.Literal(Json.NODES.numberNode(d.doubleValue()), n);
    } catch (NumberFormatException | ArithmeticException e) {
      throw error("invalid number '" + n + "'");
    }
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private IllegalArgumentException error(String reason) {
    return new IllegalArgumentException(
        "Invalid intrinsic function call '" + text + "' at position " + pos + ": " + reason);
  }
}
