package dev.agentflow.local.dynamodb.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an expression into tokens, as DynamoDB's grammar does: names {@code [A-Za-z][A-Za-z0-9_]*},
 * {@code #name} and {@code :value} placeholders, list indexes (digits), punctuation and comparators, the keywords
 * IN BETWEEN NOT AND OR SET ADD DELETE REMOVE in any case; any other character is an UNKNOWN token (a syntax
 * error where the parser meets it). Whitespace separates tokens.
 */
final class Lexer {

  private Lexer() {}

  /** @return the tokens, ending with one EOF token */
  static List<Token> tokens(String text) {
    List<Token> out = new ArrayList<>(16);
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        i++;
        continue;
      }
      int start = i;
      TokenType type;
      if (isIdStart(c)) {
        i = skipIdChars(text, i + 1);
        type = keyword(text, start, i);
      } else if ((c == '#' || c == ':') && i + 1 < n && isIdChar(text.charAt(i + 1))) {
        i = skipIdChars(text, i + 1);
        type = c == '#' ? TokenType.NAME_REF : TokenType.VALUE_REF;
      } else if (c >= '0' && c <= '9') {
        i++; // an index is 0 or [1-9][0-9]*: "01" is two tokens
        while (c != '0' && i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
          i++;
        }
        type = TokenType.INDEX;
      } else {
        i++;
        char next = i < n ? text.charAt(i) : 0;
        switch (c) {
          case ',': type = TokenType.COMMA; break;
          case '(': type = TokenType.LPAREN; break;
          case ')': type = TokenType.RPAREN; break;
          case '.': type = TokenType.DOT; break;
          case '[': type = TokenType.LBRACKET; break;
          case ']': type = TokenType.RBRACKET; break;
          case '=': type = TokenType.EQ; break;
          case '+': type = TokenType.PLUS; break;
          case '-': type = TokenType.MINUS; break;
          case '<':
            if (next == '=') {
              i++;
              type = TokenType.LE;
            } else if (next == '>') {
              i++;
              type = TokenType.NE;
            } else {
              type = TokenType.LT;
            }
            break;
          case '>':
            if (next == '=') {
              i++;
              type = TokenType.GE;
            } else {
              type = TokenType.GT;
            }
            break;
          default:
            if (Character.isHighSurrogate(c) && i < n) {
              i++;
            }
            type = TokenType.UNKNOWN;
        }
      }
      out.add(new Token(type, text.substring(start, i), start, i));
    }
    out.add(new Token(TokenType.EOF, "<EOF>", n, n));
    return out;
  }

  private static boolean isIdStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isIdChar(char c) {
    return isIdStart(c) || (c >= '0' && c <= '9') || c == '_';
  }

  private static int skipIdChars(String text, int i) {
    while (i < text.length() && isIdChar(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static TokenType keyword(String text, int start, int end) {
    int len = end - start;
    if (len < 2 || len > 7) {
      return TokenType.ID;
    }
    String word = text.substring(start, end);
    if (word.equalsIgnoreCase("in")) {
      return TokenType.IN;
    } else if (word.equalsIgnoreCase("between")) {
      return TokenType.BETWEEN;
    } else if (word.equalsIgnoreCase("not")) {
      return TokenType.NOT;
    } else if (word.equalsIgnoreCase("and")) {
      return TokenType.AND;
    } else if (word.equalsIgnoreCase("or")) {
      return TokenType.OR;
    } else if (word.equalsIgnoreCase("set")) {
      return TokenType.SET;
    } else if (word.equalsIgnoreCase("add")) {
      return TokenType.ADD;
    } else if (word.equalsIgnoreCase("delete")) {
      return TokenType.DELETE;
    } else if (word.equalsIgnoreCase("remove")) {
      return TokenType.REMOVE;
    }
    return TokenType.ID;
  }
}
