package dev.agentflow.local.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The paths of a projection merged into a tree: a leaf takes the whole value; an inner node keeps only its
 * children (map keys, or list indexes in ascending order, the picked elements closing up into a shorter list).
 */
final class ProjectionTree {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Map<String, ProjectionTree> keys = new LinkedHashMap<>(4);
  private final TreeMap<Integer, ProjectionTree> indexes = new TreeMap<>();
  private boolean leaf;

  /** Adds a path (the paths were checked not to overlap or conflict). */
  void add(DocumentPath path) {
    ProjectionTree node = this;
    for (int i = 0; i < path.length(); i++) {
      node = path.isList(i) ? node.indexes.computeIfAbsent(path.indexes[i], k -> new ProjectionTree())
          : node.keys.computeIfAbsent(path.keys[i], k -> new ProjectionTree());
    }
    node.leaf = true;
  }

  /** @return the projected item (the root's children are attribute names) */
  ObjectNode projectItem(ObjectNode item) {
    ObjectNode out = NODES.objectNode();
    for (Map.Entry<String, ProjectionTree> e : keys.entrySet()) {
      JsonNode v = item.get(e.getKey());
      if (v != null) {
        JsonNode p = e.getValue().project(v);
        if (p != null) {
          out.set(e.getKey(), p);
        }
      }
    }
    return out;
  }

  private JsonNode project(JsonNode value) {
    if (leaf) {
      return value;
    }
    if (!keys.isEmpty()) {
      JsonNode map = value.get("M");
      if (map == null) {
        return null;
      }
      ObjectNode out = NODES.objectNode();
      for (Map.Entry<String, ProjectionTree> e : keys.entrySet()) {
        JsonNode v = map.get(e.getKey());
        JsonNode p = v == null ? null : e.getValue().project(v);
        if (p != null) {
          out.set(e.getKey(), p);
        }
      }
      if (out.isEmpty()) {
        return null;
      }
      ObjectNode wrapped = NODES.objectNode();
      wrapped.set("M", out);
      return wrapped;
    }
    JsonNode list = value.get("L");
    if (list == null) {
      return null;
    }
    ArrayNode out = NODES.arrayNode();
    for (Map.Entry<Integer, ProjectionTree> e : indexes.entrySet()) {
      JsonNode v = list.get(e.getKey());
      JsonNode p = v == null ? null : e.getValue().project(v);
      if (p != null) {
        out.add(p);
      }
    }
    if (out.isEmpty()) {
      return null;
    }
    ObjectNode wrapped = NODES.objectNode();
    wrapped.set("L", out);
    return wrapped;
  }
}
