package dev.agentflow.local.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What every expression parser shares: the token cursor, syntax errors in DynamoDB's form
 * ({@code Syntax error; token: "X", near: "P X N"}), document paths, and the {@code #name} / {@code :value}
 * placeholders with the names and values they were resolved to. Semantic errors (undefined placeholder, reserved
 * word, bad operand) are held until the whole text has parsed, since a syntax error anywhere wins.
 */
abstract class ParserBase {

  /** DynamoDB's limit on one expression: 4 KB. */
  static final int MAX_EXPRESSION_BYTES = 4096;
  /** DynamoDB's limit on the operators and functions of one expression. */
  static final int MAX_OPERATORS = 300;

  final String text;
  private int operators;
  final ExpressionKind kind;
  private final List<Token> tokens;
  private final ObjectNode names;
  private final ObjectNode values;
  int pos;
  final Set<String> usedNames = new LinkedHashSet<>();
  final Set<String> usedValues = new LinkedHashSet<>();
  /** The top-level attribute names of every document path parsed. */
  final Set<String> topNames = new LinkedHashSet<>();
  private DynamoDbError deferred;

  ParserBase(String text, ExpressionKind kind, ObjectNode names, ObjectNode values) {
    this.text = text;
    this.kind = kind;
    this.names = names;
    this.values = values;
    if (text == null || text.isEmpty()) {
      throw error("The expression can not be empty;");
    }
    int size = AttributeValues.utf8Length(text);
    if (size > MAX_EXPRESSION_BYTES) {
      // DynamoDB Local gives the size for conditions, not for updates and projections
      boolean withSize = kind != ExpressionKind.UPDATE && kind != ExpressionKind.PROJECTION;
      throw error("Expression size has exceeded the maximum allowed size;"
          + (withSize ? " expression size: " + size : ""));
    }
    this.tokens = Lexer.tokens(text);
  }

  final Token peek() {
    return tokens.get(pos);
  }

  final TokenType peekType() {
    return tokens.get(pos).type();
  }

  final TokenType peekType(int ahead) {
    int i = Math.min(pos + ahead, tokens.size() - 1);
    return tokens.get(i).type();
  }

  final Token next() {
    Token t = tokens.get(pos);
    if (t.type() != TokenType.EOF) {
      pos++;
    }
    return t;
  }

  final boolean accept(TokenType type) {
    if (peekType() == type) {
      pos++;
      return true;
    }
    return false;
  }

  final Token expect(TokenType type) {
    Token t = peek();
    if (t.type() != type) {
      throw syntaxError();
    }
    pos++;
    return t;
  }

  /** Ends a parse: the text must be used up, then any held semantic error is thrown. */
  final void finish() {
    if (peekType() != TokenType.EOF) {
      throw syntaxError();
    }
    if (operators > MAX_OPERATORS) {
      // DynamoDB stops counting at the first operator over the limit
      throw error("The expression contains too many operators; operator count: " + (MAX_OPERATORS + 1));
    }
    if (deferred != null) {
      throw deferred;
    }
  }

  /** @return a syntax error at the current token */
  final DynamoDbError syntaxError() {
    return syntaxErrorHook(syntaxErrorAt());
  }

  /** Lets a parser note where a syntax error happened (for backtracking). */
  DynamoDbError syntaxErrorHook(DynamoDbError e) {
    return e;
  }

  private DynamoDbError syntaxErrorAt() {
    Token at = tokens.get(pos);
    int from = pos > 0 ? tokens.get(pos - 1).start() : 0;
    int to = at.type() == TokenType.EOF || pos + 1 >= tokens.size() ? at.end() : tokens.get(pos + 1).end();
    String near = text.substring(from, Math.max(from, to));
    return error("Syntax error; token: \"" + at.text() + "\", near: \"" + near + "\"");
  }

  /** @return a ValidationException "Invalid &lt;parameter&gt;: message" */
  final DynamoDbError error(String message) {
    return DynamoDbError.validation("Invalid " + kind.parameter() + ": " + message);
  }

  /** Holds the first semantic error until the parse has finished. */
  final void defer(String message) {
    if (deferred == null) {
      deferred = error(message);
    }
  }

  /** Counts one operator or function (DynamoDB allows {@value #MAX_OPERATORS} per expression). */
  final void countOperator() {
    operators++;
  }

  final boolean hasDeferred() {
    return deferred != null;
  }

  /** Parses {@code name-or-#ref ( '.' name-or-#ref | '[' index ']' )*}. */
  final DocumentPath path() {
    TokenType after = peekType(1);
    if (after != TokenType.DOT && after != TokenType.LBRACKET) { // the common case: one attribute name
      Token t = peek();
      if (t.type() == TokenType.ID || t.type() == TokenType.NAME_REF) {
        List<String> one = new ArrayList<>(1);
        List<String> written = new ArrayList<>(1);
        element(one, written);
        topNames.add(one.get(0));
        return new DocumentPath(new String[] {one.get(0)}, new int[] {-1}, new String[] {written.get(0)});
      }
    }
    List<String> keys = new ArrayList<>(4);
    List<Integer> indexes = new ArrayList<>(4);
    List<String> written = new ArrayList<>(4);
    element(keys, written);
    indexes.add(-1);
    while (true) {
      if (accept(TokenType.DOT)) {
        element(keys, written);
        indexes.add(-1);
      } else if (peekType() == TokenType.LBRACKET) {
        next();
        Token index = expect(TokenType.INDEX);
        expect(TokenType.RBRACKET);
        int value;
        try {
          value = Integer.parseInt(index.text());
        } catch (NumberFormatException e) {
          value = Integer.MAX_VALUE;
          defer("List index is not within the allowable range; index: [" + index.text() + "]");
        }
        keys.add(null);
        indexes.add(value);
        written.add(null);
      } else {
        break;
      }
    }
    int[] ix = new int[indexes.size()];
    for (int i = 0; i < ix.length; i++) {
      ix[i] = indexes.get(i);
    }
    if (keys.size() > 32) {
      defer("The document path has too many nesting levels; nesting levels: " + keys.size());
    }
    topNames.add(keys.get(0));
    return new DocumentPath(keys.toArray(new String[0]), ix, written.toArray(new String[0]));
  }

  private void element(List<String> keys, List<String> written) {
    Token t = peek();
    if (t.type() == TokenType.ID) {
      next();
      if (ReservedWords.isReserved(t.text())) {
        defer("Attribute name is a reserved keyword; reserved keyword: " + t.text());
      }
      keys.add(t.text());
      written.add(t.text());
    } else if (t.type() == TokenType.NAME_REF) {
      next();
      keys.add(name(t.text()));
      written.add(t.text());
    } else {
      throw syntaxError();
    }
  }

  /** @return the name a {@code #ref} stands for (held error when undefined) */
  final String name(String ref) {
    usedNames.add(ref);
    JsonNode n = names == null ? null : names.get(ref);
    if (n == null) {
      defer("An expression attribute name used in the document path is not defined; attribute name: " + ref);
      return ref;
    }
    return n.asText();
  }

  /** @return the value a {@code :ref} stands for, or {@code null} (held error) when undefined */
  final JsonNode value(String ref) {
    usedValues.add(ref);
    JsonNode v = values == null ? null : values.get(ref);
    if (v == null) {
      defer("An expression attribute value used in expression is not defined; attribute value: " + ref);
    }
    return v;
  }
}
