package dev.agentflow.local.sfn.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A Reference Path: a path that identifies a single node by names and indexes only, e.g. {@code $},
 * {@code $.a.b}, {@code $['x y'][2]}. Used for ResultPath (writing) and as the fast path of
 * {@link JsonPathExpr} (reading).
 *
 * <p>Source: ASL spec, "Reference Paths" and "ResultPath" (a ResultPath creates missing intermediate objects
 * and replaces an existing value).
 */
public final class ReferencePath {

  private final String text;
  /** Each element is a String (field name) or an Integer (array index). */
  private final Object[] segments;

  private ReferencePath(String text, Object[] segments) {
    this.text = text;
    this.segments = segments;
  }

  /**
   * Parses a reference path.
   *
   * @throws IllegalArgumentException if {@code text} is not a reference path
   */
  public static ReferencePath parse(String text) {
    ReferencePath path = tryParse(text);
    if (path == null) {
      throw new IllegalArgumentException("Not a valid reference path: " + text);
    }
    return path;
  }

  /** @return the parsed path, or {@code null} if {@code text} is not a simple reference path */
  static ReferencePath tryParse(String text) {
    if (text == null || text.isEmpty() || text.charAt(0) != '$') {
      return null;
    }
    List<Object> segs = new ArrayList<>();
    int i = 1;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '.') {
        int start = ++i;
        while (i < n && text.charAt(i) != '.' && text.charAt(i) != '[') {
          char d = text.charAt(i);
          if (d == '*' || d == '(' || d == ')' || d == '@' || d == '?' || d == ',' || d == ']' || d == '\''
              || d == '"' || d == ' ' || d == '$') {
            return null;
          }
          i++;
        }
        if (i == start) {
          return null; // ".." deep scan or trailing dot
        }
        segs.add(text.substring(start, i));
      } else if (c == '[') {
        int close;
        if (i + 1 < n && (text.charAt(i + 1) == '\'' || text.charAt(i + 1) == '"')) {
          char quote = text.charAt(i + 1);
          int end = text.indexOf(quote, i + 2);
          if (end < 0 || end + 1 >= n || text.charAt(end + 1) != ']') {
            return null;
          }
          String name = text.substring(i + 2, end);
          if (name.indexOf('\\') >= 0) {
            return null;
          }
          segs.add(name);
          close = end + 1;
        } else {
          close = text.indexOf(']', i);
          if (close < 0) {
            return null;
          }
          String idx = text.substring(i + 1, close);
          if (idx.isEmpty() || idx.length() > 9) {
            return null;
          }
          for (int k = 0; k < idx.length(); k++) {
            if (!Character.isDigit(idx.charAt(k))) {
              return null;
            }
          }
          segs.add(Integer.parseInt(idx));
        }
        i = close + 1;
      } else {
        return null;
      }
    }
    return new ReferencePath(text, segs.toArray());
  }

  /** @return the path text */
  public String text() {
    return text;
  }

  /** @return whether this is the root path {@code $} */
  public boolean isRoot() {
    return segments.length == 0;
  }

  /** @return the node at this path in {@code root}, or Java {@code null} if there is none */
  public JsonNode read(JsonNode root) {
    JsonNode cur = root;
    for (Object seg : segments) {
      if (cur == null) {
        return null;
      }
      if (seg instanceof String name) {
        if (!cur.isObject()) {
          return null;
        }
        cur = cur.get(name);
      } else {
        int idx = (Integer) seg;
        if (!cur.isArray() || idx >= cur.size()) {
          return null;
        }
        cur = cur.get(idx);
      }
    }
    return cur;
  }

  /**
   * Returns a copy of {@code input} with {@code value} placed at this path, creating missing intermediate
   * objects; nodes off the path are shared, not copied, and {@code input} is left unchanged.
   *
   * @throws StatesError {@code States.ResultPathMatchFailure} if an existing non-object (or an array without
   *     the index) lies on the path
   */
  public JsonNode write(JsonNode input, JsonNode value) {
    if (segments.length == 0) {
      return value;
    }
    return writeAt(input, 0, value);
  }

  private JsonNode writeAt(JsonNode node, int depth, JsonNode value) {
    if (depth == segments.length) {
      return value;
    }
    Object seg = segments[depth];
    if (seg instanceof String name) {
      ObjectNode copy;
      if (node == null || node.isMissingNode()) {
        copy = Json.object();
      } else if (node.isObject()) {
        copy = Json.object();
        copy.setAll((ObjectNode) node);
      } else {
        throw failure(node);
      }
      copy.set(name, writeAt(node == null ? null : node.get(name), depth + 1, value));
      return copy;
    }
    int idx = (Integer) seg;
    if (node == null || !node.isArray() || idx >= node.size()) {
      throw failure(node);
    }
    ArrayNode copy = Json.NODES.arrayNode(node.size());
    copy.addAll((ArrayNode) node);
    copy.set(idx, writeAt(node.get(idx), depth + 1, value));
    return copy;
  }

  private StatesError failure(JsonNode node) {
    return new StatesError(ErrorNames.RESULT_PATH_MATCH_FAILURE,
        "Unable to apply ResultPath \"" + text + "\" to input " + Json.write(node));
  }

  @Override
  public String toString() {
    return text;
  }
}
