package dev.agentflow.local.dynamodb.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LexerTest {

  private static String types(String text) {
    return Lexer.tokens(text).stream().map(t -> t.type() + (t.type() == TokenType.ID || t.type() == TokenType.INDEX
        ? "(" + t.text() + ")" : "")).collect(Collectors.joining(" "));
  }

  @Test
  void tokens_whenPathsComparatorsAndPlaceholders_shouldSplitAsTheGrammar() {
    assertEquals("ID(a) DOT ID(b) LBRACKET INDEX(0) RBRACKET LE VALUE_REF AND NAME_REF NE VALUE_REF EOF",
        types("a.b[0] <= :v AND #n <> :x"));
    assertEquals("ID(x) LT ID(y) GT ID(z) GE ID(w) EQ ID(v) PLUS ID(u) MINUS ID(t) EOF", types("x<y>z>=w=v+u-t"));
  }

  @Test
  void tokens_whenKeywordsInAnyCase_shouldBeKeywords() {
    assertEquals("SET REMOVE ADD DELETE AND OR NOT BETWEEN IN ID(setx) EOF",
        types("set Remove aDD DELETE and Or not between IN setx"));
  }

  @Test
  void tokens_whenNameStartsWithUnderscoreOrDigit_shouldNotBeOneName() {
    assertEquals("UNKNOWN ID(a) EOF", types("_a"));
    assertEquals("INDEX(1) ID(a) EOF", types("1a"));
    assertEquals("ID(a_1) EOF", types("a_1"));
  }

  @Test
  void tokens_whenIndexHasLeadingZero_shouldSplitAfterTheZero() {
    assertEquals("INDEX(0) INDEX(1) EOF", types("01"));
    assertEquals("INDEX(10) EOF", types("10"));
  }

  @Test
  void tokens_shouldKeepOffsetsIntoTheText() {
    List<Token> tokens = Lexer.tokens("  ab = :v");
    assertEquals(2, tokens.get(0).start());
    assertEquals(4, tokens.get(0).end());
    assertEquals(9, tokens.get(3).start());
  }
}
