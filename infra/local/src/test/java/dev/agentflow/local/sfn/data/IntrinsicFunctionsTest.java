package dev.agentflow.local.sfn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Intrinsic parsing and evaluation edge cases (developer guide, "Intrinsic functions"). */
class IntrinsicFunctionsTest {

  private static JsonNode eval(String call, String input) throws Exception {
    return IntrinsicFunctions.evaluate(IntrinsicParser.parse(call), Json.parse(input), Bindings.NONE);
  }

  private static String failure(String call, String input) {
    return assertThrows(StatesError.class, () -> eval(call, input)).error();
  }

  @Test
  void format_countsOnlyUnescapedPlaceholders() throws Exception {
    assertEquals("{} x", eval("States.Format('\\{\\} {}', $.v)", "{\"v\":\"x\"}").asText());
    assertEquals("a\\b 1.5", eval("States.Format('a\\\\b {}', 1.5)", "{}").asText());
    assertEquals(ErrorNames.INTRINSIC_FAILURE, failure("States.Format('{} {}', 1)", "{}"));
    assertEquals(ErrorNames.INTRINSIC_FAILURE, failure("States.Format('{}', $.o)", "{\"o\":{}}"));
  }

  @Test
  void parser_rejectsMalformedCalls() {
    for (String bad : new String[] {"States.Nope(1)", "States.Format('x'", "States.Array(1 2)",
        "States.Format('bad \\q escape')", "States.UUID(1)", "States.ArrayLength()"}) {
      assertThrows(IllegalArgumentException.class, () -> IntrinsicParser.parse(bad), bad);
    }
  }

  @Test
  void nestedCalls_andCommasInsideStringsAndPaths() throws Exception {
    assertEquals(Json.parse("[\"a,b\",[1,2],3]"),
        eval("States.Array('a,b', States.Array(1, 2), States.ArrayLength($['x,y']))", "{\"x,y\":[1,2,3]}"));
  }

  @Test
  void arrayFunctions_validateTheirArguments() {
    assertEquals(ErrorNames.INTRINSIC_FAILURE, failure("States.ArrayPartition($.a, 0)", "{\"a\":[1]}"));
    assertEquals(ErrorNames.INTRINSIC_FAILURE, failure("States.ArrayRange(1, 5000, 1)", "{}"));
    assertEquals(ErrorNames.INTRINSIC_FAILURE, failure("States.ArrayLength($.s)", "{\"s\":\"x\"}"));
    assertEquals(ErrorNames.INTRINSIC_FAILURE, failure("States.JsonMerge($.a, $.b, true)", "{\"a\":{},\"b\":{}}"));
    assertEquals(ErrorNames.INTRINSIC_FAILURE, failure("States.StringToJson($.s)", "{\"s\":\"{nope\"}"));
    assertEquals(ErrorNames.INTRINSIC_FAILURE, failure("States.Hash('x', 'SHA-3')", "{}"));
    assertEquals(ErrorNames.RUNTIME, failure("States.ArrayLength($.missing)", "{}"));
  }

  @Test
  void rangeAndRandom_behaveAsDocumented() throws Exception {
    assertEquals(Json.parse("[5,3,1]"), eval("States.ArrayRange(5, 0, -2)", "{}"));
    assertEquals(Json.parse("[]"), eval("States.ArrayRange(5, 0, 2)", "{}"));
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int i = 0; i < 200; i++) {
      int r = eval("States.MathRandom(1, 4)", "{}").intValue();
      assertTrue(r >= 1 && r <= 4, "random " + r);
      seen.add(r);
    }
    assertEquals(java.util.Set.of(1, 2, 3, 4), seen, "start and end are both included");
    assertEquals(eval("States.MathRandom(1, 1000, 7)", "{}"), eval("States.MathRandom(1, 1000, 7)", "{}"));
    assertEquals(Json.parse("1.5"), eval("States.MathAdd(1, 0.5)", "{}"));
  }

  @Test
  void arrayContainsAndUnique_compareNumbersByValue() throws Exception {
    assertTrue(eval("States.ArrayContains($.a, 1.0)", "{\"a\":[1,2]}").booleanValue());
    assertEquals(Json.parse("[1,{\"a\":1}]"), eval("States.ArrayUnique($.a)", "{\"a\":[1,1.0,{\"a\":1},{\"a\":1}]}"));
  }
}
