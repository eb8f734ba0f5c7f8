package dev.agentflow.local.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A document path {@code a.b[0].c}: a top-level attribute name, then map keys and list indexes. Element
 * {@code i} is a map key when {@code keys[i] != null}, else the list index {@code indexes[i]}.
 */
final class DocumentPath {

  final String[] keys;
  final int[] indexes;
  /** The path as written with placeholders substituted, for messages: {@code a.b[0]}. */
  private final String[] written;

  DocumentPath(String[] keys, int[] indexes, String[] written) {
    this.keys = keys;
    this.indexes = indexes;
    this.written = written;
  }

  /** @return the top-level attribute name */
  String top() {
    return keys[0];
  }

  int length() {
    return keys.length;
  }

  boolean isList(int i) {
    return keys[i] == null;
  }

  /** @return the value at this path, or {@code null} when any step is missing or of the wrong type */
  JsonNode resolve(ObjectNode item) {
    if (item == null) {
      return null;
    }
    JsonNode current = item.get(keys[0]);
    for (int i = 1; i < keys.length && current != null; i++) {
      if (keys[i] != null) {
        JsonNode map = current.get("M");
        current = map == null ? null : map.get(keys[i]);
      } else {
        JsonNode list = current.get("L");
        current = list == null ? null : list.get(indexes[i]);
      }
    }
    return current;
  }

  /** @return DynamoDB's rendering in overlap/conflict messages: {@code [a, b, [0]]} */
  String describe() {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < keys.length; i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(keys[i] != null ? keys[i] : "[" + indexes[i] + "]");
    }
    return b.append(']').toString();
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != null) {
        b.append(i > 0 ? "." : "").append(written[i]);
      } else {
        b.append('[').append(indexes[i]).append(']');
      }
    }
    return b.toString();
  }
}
