package dev.agentflow.local.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Set;

/**
 * Builds the new item of an update without changing the old one: the top level is copied, and a top-level
 * attribute is deep-copied the first time something inside it changes. A path whose parent is missing or not a
 * map/list is DynamoDB's "The document path provided in the update expression is invalid for update".
 */
final class DocumentWriter {

  static final String INVALID_PATH = "The document path provided in the update expression is invalid for update";

  private final ObjectNode result;
  private final Set<String> copied = new HashSet<>(4);

  DocumentWriter(ObjectNode original) {
    result = JsonNodeFactory.instance.objectNode();
    if (original != null) {
      result.setAll(original);
    }
  }

  ObjectNode result() {
    return result;
  }

  /** @return the current value at the path in the new item, or {@code null} */
  JsonNode get(DocumentPath path) {
    return path.resolve(result);
  }

  /** Sets the value at the path; a list index past the end appends. */
  void set(DocumentPath path, JsonNode value) {
    int last = path.length() - 1;
    if (last == 0) {
      result.set(path.top(), value);
      return;
    }
    JsonNode parent = parent(path, true);
    if (path.isList(last)) {
      JsonNode list = container(parent, "L");
      ArrayNode array = (ArrayNode) list;
      int index = path.indexes[last];
      if (index < array.size()) {
        array.set(index, value);
      } else {
        array.add(value);
      }
    } else {
      JsonNode map = container(parent, "M");
      ((ObjectNode) map).set(path.keys[last], value);
    }
  }

  /** Removes the value at the path if it is there (an index past the end is nothing to remove); the parent must exist. */
  void remove(DocumentPath path) {
    int last = path.length() - 1;
    if (last == 0) {
      result.remove(path.top());
      return;
    }
    JsonNode parent = parent(path, true);
    if (path.isList(last)) {
      JsonNode list = container(parent, "L");
      if (path.indexes[last] < list.size()) {
        ((ArrayNode) list).remove(path.indexes[last]);
      }
    } else {
      JsonNode map = container(parent, "M");
      ((ObjectNode) map).remove(path.keys[last]);
    }
  }

  /** The parent's list ({@code "L"}) or map ({@code "M"}) node; a parent of another type makes the path invalid. */
  private static JsonNode container(JsonNode parent, String type) {
    JsonNode node = parent.get(type);
    if (node == null) {
      throw DynamoDbError.validation(INVALID_PATH);
    }
    return node;
  }

  /** The container value holding the path's last element, copied for writing; missing: error or null. */
  private JsonNode parent(DocumentPath path, boolean required) {
    String top = path.top();
    JsonNode current = result.get(top);
    if (current == null) {
      if (required) {
        throw DynamoDbError.validation(INVALID_PATH);
      }
      return null;
    }
    if (copied.add(top)) {
      current = current.deepCopy();
      result.set(top, current);
    }
    for (int i = 1; i < path.length() - 1; i++) {
      JsonNode next = null;
      if (path.isList(i)) {
        JsonNode list = current.get("L");
        next = list == null ? null : list.get(path.indexes[i]);
      } else {
        JsonNode map = current.get("M");
        next = map == null ? null : map.get(path.keys[i]);
      }
      if (next == null) {
        if (required) {
          throw DynamoDbError.validation(INVALID_PATH);
        }
        return null;
      }
      current = next;
    }
    return current;
  }
}
