package dev.agentflow.local.sfn.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.EnumSet;
import java.util.List;

/**
 * A compiled JSONPath ("Path" in the ASL spec): {@code $...} applies to the state's effective input,
 * {@code $$...} to the context object. Simple paths (names and non-negative indexes, as in {@code $.a.b[0]} or
 * {@code $['a b']}) are evaluated by {@link ReferencePath} directly; anything else (wildcards, filters, deep
 * scan, slices, unions) by Jayway json-path. An indefinite path yields an array of its matches.
 *
 * <p>Source: ASL spec, "Paths"; Step Functions developer guide, "Paths".
 */
public final class JsonPathExpr {

  private static final Configuration JAYWAY = Configuration.builder()
      .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
      .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
      .options(EnumSet.noneOf(com.jayway.jsonpath.Option.class))
      .build();

  private final String text;
  private final boolean context;
  private final String variable;
  private final ReferencePath simple;
  private final JsonPath complex;

  private JsonPathExpr(String text, boolean context, String variable, ReferencePath simple, JsonPath complex) {
    this.text = text;
    this.context = context;
    this.variable = variable;
    this.simple = simple;
    this.complex = complex;
  }

  /**
   * Compiles a path.
   *
   * @param text e.g. {@code "$.detail.items[0]"}, {@code "$$.Execution.Id"}, {@code "$.items[?(@.n > 1)]"}, or
   *     a variable path such as {@code "$order.items[0]"}
   * @return the compiled path
   * @throws IllegalArgumentException if {@code text} is not a valid JSONPath
   */
  public static JsonPathExpr compile(String text) {
    if (text == null || !text.startsWith("$")) {
      throw new IllegalArgumentException("A path must start with '$': " + text);
    }
    boolean ctx = text.startsWith("$$");
    String variable = null;
    String local = ctx ? text.substring(1) : text;
    if (!ctx && text.length() > 1 && (Character.isLetter(text.charAt(1)) || text.charAt(1) == '_')) {
      int end = 1;
      while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
        end++;
      }
      variable = text.substring(1, end);
      local = "$" + text.substring(end);
    }
    ReferencePath ref = ReferencePath.tryParse(local);
    if (ref != null) {
      return new JsonPathExpr(text, ctx, variable, ref, null);
    }
    try {
      return new JsonPathExpr(text, ctx, variable, null, JsonPath.compile(local));
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("Invalid JSONPath '" + text + "': " + e.getMessage(), e);
    }
  }

  /** @return whether {@code text} compiles as a path */
  public static boolean isValid(String text) {
    try {
      compile(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** @return the path text as written in the definition */
  public String text() {
    return text;
  }

  /** @return the workflow variable this path reads ({@code $name...}), or {@code null} */
  public String variable() {
    return variable;
  }

  /** @return whether this path reads the context object ({@code $$}) */
  public boolean isContextPath() {
    return context;
  }

  /** @return whether this path always selects at most one node (no wildcard, filter, scan, slice) */
  public boolean isDefinite() {
    return simple != null || complex.isDefinite();
  }

  /**
   * Evaluates the path.
   *
   * @param input the state's effective input (root of {@code $})
   * @param bindings gives the context object (root of {@code $$}) and variables
   * @return the selected node (an array of matches for an indefinite path), or Java {@code null} if the
   *     path selects nothing
   */
  public JsonNode read(JsonNode input, Bindings bindings) {
    JsonNode root = context ? bindings.context() : variable != null ? bindings.variable(variable) : input;
    if (root == null) {
      return null;
    }
    if (simple != null) {
      return simple.read(root);
    }
    try {
      Object result = complex.read(root, JAYWAY);
      if (result == null) {
        return Json.NODES.nullNode();
      }
      if (result instanceof JsonNode node) {
        return node;
      }
      if (result instanceof List<?> list && list.isEmpty() && !complex.isDefinite()) {
        return Json.NODES.arrayNode();
      }
      return Json.MAPPER.valueToTree(result);
    } catch (PathNotFoundException e) {
      return null;
    } catch (RuntimeException e) {
      // Jayway reports type mismatches (e.g. a filter over a string) as various runtime exceptions.
      return null;
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
