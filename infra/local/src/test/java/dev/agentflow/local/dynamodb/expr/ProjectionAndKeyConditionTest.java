package dev.agentflow.local.dynamodb.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectionAndKeyConditionTest {

  private static final ObjectNode ITEM = Json.obj("{'s':{'S':'hello'},'n':{'N':'5'},"
      + "'l':{'L':[{'N':'1'},{'S':'x'},{'M':{'k':{'S':'v'},'j':{'S':'w'}}}]},'m':{'M':{'c':{'S':'x'},'d':{'N':'1'}}}}");
  private static final ObjectNode VALUES = Json.obj("{':q':{'S':'q'},':one':{'N':'1'},':three':{'N':'3'},"
      + "':a':{'S':'a'},':e':{'S':''}}");

  @Test
  void project_shouldKeepOnlyTheNamedPathsWithListElementsClosingUp() {
    assertEquals(Json.obj("{'s':{'S':'hello'},'m':{'M':{'c':{'S':'x'}}}}"),
        Expressions.projection("s, m.c", null).project(ITEM));
    assertEquals(Json.obj("{'l':{'L':[{'N':'1'},{'M':{'k':{'S':'v'}}}]}}"),
        Expressions.projection("l[2].k, l[0]", null).project(ITEM));
    assertEquals(Json.obj("{}"), Expressions.projection("nope, m.zz, l[7]", null).project(ITEM));
    assertEquals(Json.obj("{'n':{'N':'5'}}"), Expressions.projection("#n", Json.obj("{'#n':'n'}")).project(ITEM));
  }

  @Test
  void projection_whenPathsOverlap_shouldRejectIt() {
    DynamoDbError e = assertThrows(DynamoDbError.class, () -> Expressions.projection("m, m.c", null));
    assertEquals("Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite "
        + "one of these paths; path one: [m], path two: [m, c]", e.getMessage());
  }

  private static KeyCondition key(String text) {
    return Expressions.keyCondition(text, null, VALUES, "pk", "sk");
  }

  @Test
  void keyCondition_shouldGiveTheHashValueAndTestTheRange() {
    KeyCondition k = key("pk = :q AND sk BETWEEN :one AND :three");
    assertEquals(Json.obj("{'S':'q'}"), k.hashValue());
    assertEquals("BETWEEN", k.rangeOperator());
    assertEquals(List.of(Json.obj("{'N':'1'}"), Json.obj("{'N':'3'}")), k.rangeValues());
    assertTrue(k.matchesRange(Json.obj("{'N':'2'}")));
    assertFalse(k.matchesRange(Json.obj("{'N':'4'}")));
    assertTrue(key("pk = :q").matchesRange(null));
    assertNull(key("pk = :q").rangeOperator());
    assertTrue(key("begins_with(sk, :a) AND :q = pk").matchesRange(Json.obj("{'S':'abc'}")));
    assertTrue(key("pk = :q AND sk < :three").matchesRange(Json.obj("{'N':'2.5'}")));
  }

  @Test
  void keyCondition_whenNotAKeyCondition_shouldSayWhy() {
    assertEquals("Query condition missed key schema element: pk",
        assertThrows(DynamoDbError.class, () -> key("sk = :one")).getMessage());
    assertEquals("Invalid operator used in KeyConditionExpression: OR",
        assertThrows(DynamoDbError.class, () -> key("pk = :q OR sk = :one")).getMessage());
    assertEquals("Query key condition not supported",
        assertThrows(DynamoDbError.class, () -> key("pk < :q")).getMessage());
    assertEquals("KeyConditionExpressions must only contain one condition per key",
        assertThrows(DynamoDbError.class, () -> key("pk = :q AND sk = :one AND sk = :three")).getMessage());
    assertTrue(assertThrows(DynamoDbError.class, () -> key("pk = :q AND begins_with(sk, :e)")).getMessage()
        .contains("cannot contain an empty string value. Key: sk"));
  }
}
