package dev.agentflow.local.dynamodb.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConditionTest {

  private static final ObjectNode ITEM = Json.obj("{'s':{'S':'hello'},'n':{'N':'5'},'b':{'B':'aGVsbG8='},"
      + "'ss':{'SS':['a','b']},'ns':{'NS':['1','2']},'l':{'L':[{'N':'1'},{'S':'x'}]},"
      + "'m':{'M':{'a':{'M':{'b':{'L':[{'N':'1'},{'N':'2'}]}}}}},'status':{'S':'on'},'t':{'BOOL':true}}");
  private static final ObjectNode VALUES = Json.obj("{':s':{'S':'hello'},':x':{'S':'x'},':he':{'S':'he'},"
      + "':n':{'N':'5.0'},':one':{'N':'1'},':two':{'N':'2'},':ten':{'N':'10'},':a':{'S':'a'},':t':{'BOOL':true},"
      + "':tS':{'S':'S'},':tX':{'S':'XX'},':ss':{'SS':['b','a']},':l':{'L':[{'N':'1'},{'S':'x'}]}}");

  private static boolean test(String text) {
    return test(text, ITEM);
  }

  private static boolean test(String text, ObjectNode item) {
    return Expressions.condition(text, Json.obj("{'#st':'status','#m':'m'}"), VALUES).test(item);
  }

  private static String error(String text) {
    return assertThrows(DynamoDbError.class, () -> Expressions.condition(text, Json.obj("{'#st':'status'}"), VALUES))
        .getMessage();
  }

  @Test
  void comparators_whenSameType_shouldCompareByDynamoDbRules() {
    assertTrue(test("s = :s"));
    assertTrue(test("n = :n"), "numbers compare numerically: 5 = 5.0");
    assertTrue(test("n < :ten"));
    assertTrue(test("n >= :n"));
    assertFalse(test("n > :n"));
    assertTrue(test("s > :he"));
    assertTrue(test("ss = :ss"), "sets ignore order");
    assertTrue(test("l = :l"));
    assertTrue(test("t = :t"));
  }

  @Test
  void comparators_whenTypesDifferOrValueMissing_shouldOnlySatisfyNotEqual() {
    assertFalse(test("n = :s"));
    assertTrue(test("n <> :s"));
    assertFalse(test("n < :s"));
    assertFalse(test("nope = :s"));
    assertTrue(test("nope <> :s"));
    assertTrue(test("s <> :x", null));
    assertFalse(test("s = :s", null));
  }

  @Test
  void documentPaths_whenNestedMapsAndLists_shouldResolve() {
    assertTrue(test("m.a.b[1] = :two"));
    assertTrue(test("#m.a.b[0] = :one"));
    assertFalse(test("m.a.b[2] = :two"));
    assertTrue(test("l[1] = :x"));
    assertFalse(test("s.x = :x"));
  }

  @Test
  void logic_shouldApplyPrecedenceNotThenAndThenOr() {
    assertTrue(test("s = :x OR n = :n AND t = :t"));
    assertFalse(test("(s = :x OR n = :n) AND NOT t = :t"));
    assertTrue(test("NOT s = :x AND n = :n"));
    assertTrue(test("NOT NOT s = :s"));
  }

  @Test
  void betweenAndIn_shouldTestRangesAndMembership() {
    assertTrue(test("n BETWEEN :one AND :ten"));
    assertTrue(test("n BETWEEN :n AND :n"));
    assertFalse(test("n BETWEEN :one AND :two"));
    assertTrue(test("s IN (:x, :s)"));
    assertFalse(test("s IN (:x, :a)"));
  }

  @Test
  void functions_shouldFollowTheFunctionReference() {
    assertTrue(test("attribute_exists(m.a.b[0])"));
    assertTrue(test("attribute_not_exists(m.a.c)"));
    assertTrue(test("attribute_type(s, :tS)"));
    assertFalse(test("attribute_type(n, :tS)"));
    assertTrue(test("begins_with(s, :he)"));
    assertTrue(test("contains(s, :he)"));
    assertTrue(test("contains(ss, :a)"));
    assertTrue(test("contains(ns, :one)"));
    assertTrue(test("contains(l, :x)"));
    assertTrue(test("size(s) = :n"));
    assertTrue(test("size(ss) = :two"));
    assertTrue(test("size(l) > size(ns) OR size(l) = :two"));
    assertFalse(test("size(n) = :one"), "size of a number is not defined");
  }

  @Test
  void parse_whenReservedWordUsedBare_shouldRejectIt() {
    assertEquals("Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status",
        error("status = :s"));
    assertTrue(test("#st <> :s"), "through a placeholder it is allowed");
    assertTrue(Expressions.condition("#st = :on", Json.obj("{'#st':'status'}"), Json.obj("{':on':{'S':'on'}}"))
        .test(ITEM));
  }

  @Test
  void parse_whenSyntaxError_shouldNameTokenAndNeighbourhood() {
    assertEquals("Invalid ConditionExpression: Syntax error; token: \"=\", near: \"= = :s\"", error("s = = :s"));
    assertEquals("Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"AND\"", error("s = :s AND"));
    assertEquals("Invalid ConditionExpression: The expression can not be empty;", error(""));
  }

  @Test
  void parse_whenPlaceholderUndefined_shouldSayWhich() {
    assertEquals("Invalid ConditionExpression: An expression attribute value used in expression is not defined; "
        + "attribute value: :nope", error("s = :nope"));
    assertEquals("Invalid ConditionExpression: An expression attribute name used in the document path is not "
        + "defined; attribute name: #nope", error("#nope = :s"));
  }

  @Test
  void parse_whenFunctionMisused_shouldRejectIt() {
    assertEquals("Invalid ConditionExpression: Invalid function name; function: foo", error("foo(s)"));
    assertEquals("Invalid ConditionExpression: The function is not allowed to be used this way in an expression; "
        + "function: size", error("size(s)"));
    assertEquals("Invalid ConditionExpression: Operator or function requires a document path; operator or "
        + "function: attribute_exists", error("attribute_exists(:s)"));
    assertEquals("Invalid ConditionExpression: The expression has redundant parentheses;", error("((s = :s))"));
  }

  @Test
  void parse_whenBetweenBoundsReversed_shouldRejectIt() {
    assertEquals("Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or "
        + "equal to lower bound; lower bound operand: AttributeValue: {N:10}, upper bound operand: "
        + "AttributeValue: {N:1}", error("n BETWEEN :ten AND :one"));
  }

  @Test
  void usedPlaceholders_shouldBeReported() {
    Condition c = Expressions.condition("#st = :s AND n = :n", Json.obj("{'#st':'status'}"), VALUES);
    assertEquals(Set.of("#st"), c.usedNames());
    assertEquals(Set.of(":s", ":n"), c.usedValues());
  }

  @Test
  void topLevelNames_shouldListTheAttributesRead() {
    Condition c = Expressions.condition("#m.a.b[0] = :one AND size(l) > :two OR attribute_exists(s)",
        Json.obj("{'#m':'m'}"), VALUES);
    assertEquals(Set.of("m", "l", "s"), c.topLevelNames());
  }

  @Test
  void filter_shouldNameFilterExpressionInErrors() {
    DynamoDbError e = assertThrows(DynamoDbError.class, () -> Expressions.filter("a = ", null, null));
    assertEquals("ValidationException", e.type());
    assertTrue(e.getMessage().startsWith("Invalid FilterExpression: Syntax error"), e.getMessage());
  }
}
