package dev.agentflow.local.sfn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Paths (ASL spec "Paths", "Reference Paths") and ResultPath writing. */
class JsonPathAndReferencePathTest {

  private static JsonNode json(String text) throws Exception {
    return Json.parse(text);
  }

  private static JsonNode read(String path, String input) throws Exception {
    return JsonPathExpr.compile(path).read(json(input), Bindings.of(Json.object().put("ctx", true),
        java.util.Map.of("order", json("{\"items\":[{\"id\":\"a\"},{\"id\":\"b\"}]}"))));
  }

  @Test
  void simplePaths_readNamesIndexesAndBracketNames() throws Exception {
    assertEquals(json("2"), read("$.a.b[1]", "{\"a\":{\"b\":[1,2]}}"));
    assertEquals(json("\"v\""), read("$['x y'].z", "{\"x y\":{\"z\":\"v\"}}"));
    assertEquals(json("\"v\""), read("$.error-info", "{\"error-info\":\"v\"}"));
    assertEquals(json("null"), read("$.n", "{\"n\":null}"));
    assertNull(read("$.missing", "{\"n\":null}"));
    assertNull(read("$.a[5]", "{\"a\":[1]}"));
    assertEquals(json("true"), read("$$.ctx", "{}"));
    assertEquals(json("\"b\""), read("$order.items[1].id", "{}"));
    assertEquals(json("[\"a\",\"b\"]"), read("$order.items[*].id", "{}"));
    assertNull(read("$unknown.x", "{}"));
    assertEquals("order", JsonPathExpr.compile("$order.items").variable());
  }

  @Test
  void complexPaths_useJsonPathSemantics() throws Exception {
    assertEquals(json("[\"a\",\"c\"]"), read("$.i[?(@.p < 10)].n", "{\"i\":[{\"n\":\"a\",\"p\":1},{\"n\":\"b\",\"p\":11},{\"n\":\"c\",\"p\":2}]}"));
    assertEquals(json("[1,2]"), read("$..v", "{\"a\":{\"v\":1},\"b\":{\"v\":2}}"));
    assertEquals(json("[2,3]"), read("$.a[1:]", "{\"a\":[1,2,3]}"));
    assertFalse(JsonPathExpr.compile("$.a[*]").isDefinite());
    assertTrue(JsonPathExpr.compile("$.a[0]").isDefinite());
  }

  @Test
  void invalidPaths_areRejected() {
    assertThrows(IllegalArgumentException.class, () -> JsonPathExpr.compile("a.b"));
    assertThrows(IllegalArgumentException.class, () -> JsonPathExpr.compile("$.a[?(@.x >"));
    assertThrows(IllegalArgumentException.class, () -> ReferencePath.parse("$.a[*]"));
    assertThrows(IllegalArgumentException.class, () -> ReferencePath.parse("$..a"));
  }

  @Test
  void referencePathWrite_copiesOnlyThePath_andLeavesTheInputUnchanged() throws Exception {
    JsonNode input = json("{\"keep\":{\"big\":[1,2,3]},\"a\":{\"b\":1}}");
    String before = Json.write(input);
    JsonNode out = ReferencePath.parse("$.a.c.d").write(input, json("\"new\""));
    assertEquals(json("{\"keep\":{\"big\":[1,2,3]},\"a\":{\"b\":1,\"c\":{\"d\":\"new\"}}}"), out);
    assertEquals(before, Json.write(input));
    assertSame(input.get("keep"), out.get("keep"));
    assertEquals(json("[1,9]"), ReferencePath.parse("$.l[1]").write(json("{\"l\":[1,2]}"), json("9")).get("l"));
  }

  @Test
  void referencePathWrite_throughAScalar_isResultPathMatchFailure() throws Exception {
    StatesError e = assertThrows(StatesError.class,
        () -> ReferencePath.parse("$.a.b").write(json("{\"a\":\"text\"}"), json("1")));
    assertEquals(ErrorNames.RESULT_PATH_MATCH_FAILURE, e.error());
  }

  @Test
  void errorMatching_followsTheSpecialNames() {
    assertTrue(ErrorNames.matches("States.ALL", "States.Timeout"));
    assertTrue(ErrorNames.matches("States.ALL", "Custom"));
    assertFalse(ErrorNames.matches("States.ALL", "States.Runtime"));
    assertFalse(ErrorNames.matches("States.Runtime", "States.Runtime"));
    assertFalse(ErrorNames.matches("States.ALL", "States.DataLimitExceeded"));
    assertTrue(ErrorNames.matches("States.DataLimitExceeded", "States.DataLimitExceeded"));
    assertTrue(ErrorNames.matches("States.TaskFailed", "Lambda.Unknown"));
    assertFalse(ErrorNames.matches("States.TaskFailed", "States.Timeout"));
  }
}
