package dev.agentflow.local.dynamodb.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UpdateTest {

  private static final String ITEM = "{'s':{'S':'hello'},'n':{'N':'5'},'ss':{'SS':['a','b']},"
      + "'l':{'L':[{'N':'1'},{'S':'x'},{'N':'3'}]},'m':{'M':{'c':{'S':'x'}}}}";
  private static final ObjectNode VALUES = Json.obj("{':x':{'S':'x'},':one':{'N':'1'},':half':{'N':'0.5'},"
      + "':ss':{'SS':['b','c']},':ssa':{'SS':['a','b']},':l':{'L':[{'N':'9'}]},':s':{'S':'s'},':m':{'M':{}}}");

  private static ObjectNode apply(String text, String item) {
    return Expressions.update(text, null, VALUES).apply(item == null ? null : Json.obj(item));
  }

  private static ObjectNode apply(String text) {
    return apply(text, ITEM);
  }

  private static String error(String text, String item) {
    return assertThrows(DynamoDbError.class, () -> apply(text, item)).getMessage();
  }

  @Test
  void set_shouldWriteValuesArithmeticAndFunctions() {
    assertEquals(Json.obj("{'S':'x'}"), apply("SET s = :x").get("s"));
    assertEquals(Json.obj("{'N':'6'}"), apply("SET n = n + :one").get("n"));
    assertEquals(Json.obj("{'N':'4.5'}"), apply("SET n = n - :half").get("n"));
    assertEquals(Json.obj("{'N':'5'}"), apply("SET k = if_not_exists(n, :one)").get("k"));
    assertEquals(Json.obj("{'N':'1'}"), apply("SET k = if_not_exists(nope, :one)").get("k"));
    assertEquals(Json.obj("{'L':[{'N':'1'},{'S':'x'},{'N':'3'},{'N':'9'}]}"),
        apply("SET l = list_append(l, :l)").get("l"));
  }

  @Test
  void set_shouldReadEveryOperandFromTheOldItem() {
    ObjectNode out = apply("SET a = n, n = :one");
    assertEquals(Json.obj("{'N':'5'}"), out.get("a"));
    assertEquals(Json.obj("{'N':'1'}"), out.get("n"));
  }

  @Test
  void set_whenNestedPaths_shouldWriteInsideMapsAndAppendPastTheEndOfLists() {
    assertEquals(Json.obj("{'M':{'c':{'S':'x'},'d':{'N':'1'}}}"), apply("SET m.d = :one").get("m"));
    assertEquals(Json.obj("{'L':[{'N':'1'},{'S':'x'},{'N':'3'},{'S':'x'}]}"), apply("SET l[10] = :x").get("l"));
    assertEquals(Json.obj("{'L':[{'S':'x'},{'S':'x'},{'N':'3'}]}"), apply("SET l[0] = :x").get("l"));
  }

  @Test
  void set_whenParentMissingOrNotAContainer_shouldBeAnInvalidPath() {
    String invalid = "The document path provided in the update expression is invalid for update";
    assertEquals(invalid, error("SET nope.a = :x", ITEM));
    assertEquals(invalid, error("SET s.a = :x", ITEM));
    assertEquals(invalid, error("SET s[0] = :x", ITEM));
    assertEquals(invalid, error("REMOVE nope.a", ITEM));
  }

  @Test
  void set_whenOperandWrongTypeOrMissing_shouldSaySo() {
    assertEquals("An operand in the update expression has an incorrect data type", error("SET n = s + :one", ITEM));
    assertEquals("The provided expression refers to an attribute that does not exist in the item",
        error("SET n = nope + :one", ITEM));
    assertEquals("Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: "
        + "+, operand type: S", error("SET n = :s + :one", ITEM));
  }

  @Test
  void remove_shouldDropAttributesAndListElementsByTheirOldIndexes() {
    ObjectNode out = apply("REMOVE s, l[0], l[2], m.c, nope");
    assertEquals(null, out.get("s"));
    assertEquals(Json.obj("{'L':[{'S':'x'}]}"), out.get("l"));
    assertEquals(Json.obj("{'M':{}}"), out.get("m"));
  }

  @Test
  void addAndDelete_shouldWorkOnNumbersAndSets() {
    assertEquals(Json.obj("{'N':'6'}"), apply("ADD n :one").get("n"));
    assertEquals(Json.obj("{'N':'1'}"), apply("ADD k :one").get("k"));
    assertEquals(Json.obj("{'SS':['a','b','c']}"), apply("ADD ss :ss").get("ss"));
    assertEquals(Json.obj("{'SS':['a']}"), apply("DELETE ss :ss").get("ss"));
    assertEquals(null, apply("DELETE ss :ssa").get("ss"), "an emptied set is removed");
    assertEquals("An operand in the update expression has an incorrect data type", error("ADD s :one", ITEM));
    assertEquals("Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, "
        + "operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND", error("ADD n :s", ITEM));
  }

  @Test
  void parse_whenPathsOverlapOrClauseRepeats_shouldRejectIt() {
    assertEquals("Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one "
        + "of these paths; path one: [m], path two: [m, c]", error("SET m = :m, m.c = :x", ITEM));
    assertEquals("Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one "
        + "of these paths; path one: [l, [0]], path two: [l, a]", error("SET l[0] = :x, l.a = :x", ITEM));
    assertEquals("Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;",
        error("SET s = :x SET n = :one", ITEM));
  }

  @Test
  void apply_shouldLeaveTheOldItemAlone() {
    ObjectNode old = Json.obj(ITEM);
    ObjectNode copy = old.deepCopy();
    Expressions.update("SET m.d = :one, l[0] = :x REMOVE s ADD ss :ss", null, VALUES).apply(old);
    assertEquals(copy, old);
  }

  @Test
  void apply_whenNoItem_shouldBuildFromNothing() {
    assertEquals(Json.obj("{'k':{'N':'1'}}"), apply("ADD k :one", null));
  }

  /** DynamoDB's granularity as observed against the service (ExtendDB/extenddb#98, nubo-db/dynoxide#36). */
  @Test
  void projectUpdated_shouldReturnOnlyTheChangedFragments() {
    Update u = Expressions.update("SET m.d = :one, l[1] = :s, l[10] = :x REMOVE s ADD n :one", null, VALUES);
    ObjectNode old = Json.obj(ITEM);
    ObjectNode updated = u.apply(old);
    assertEquals(Json.obj("{'l':{'L':[{'S':'x'}]},'s':{'S':'hello'},'n':{'N':'5'}}"), u.projectUpdated(old));
    assertEquals(Json.obj("{'m':{'M':{'d':{'N':'1'}}},'l':{'L':[{'S':'s'}]},'n':{'N':'6'}}"),
        u.projectUpdatedNew(updated), "no REMOVE, and l[10] appended elsewhere is not found");
    assertEquals(Json.obj("{}"), Expressions.update("REMOVE s", null, null).projectUpdatedNew(
        Expressions.update("REMOVE s", null, null).apply(old)));
  }

  @Test
  void topLevelNames_shouldListEveryAttributeTouched() {
    Update u = Expressions.update("SET m.c = :x, s = :x REMOVE l[0] ADD n :one", null, VALUES);
    assertEquals(Set.of("m", "s", "l", "n"), u.topLevelNames());
  }
}
