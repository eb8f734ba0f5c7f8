package dev.agentflow.local.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The value rules of the condition functions and {@code size}. Source: DynamoDB Developer Guide, "Comparison
 * operator and function reference".
 */
final class Functions {

  private Functions() {}

  /** @return size(v): S length in UTF-16 code units (as DynamoDB Local counts), B length in bytes, element count of SS NS BS L M; -1 otherwise */
  static long size(JsonNode v) {
    String type = AttributeValues.type(v);
    JsonNode x = v.get(type);
    switch (type) {
      case "S":
        return x.asText().length();
      case "B":
        return AttributeValues.bytes(x).length;
      case "SS":
      case "NS":
      case "BS":
      case "L":
      case "M":
        return x.size();
      default:
        return -1;
    }
  }

  /** @return begins_with(a, b): both S or both B, and b a prefix of a */
  static boolean beginsWith(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return false;
    }
    JsonNode s = a.get("S");
    if (s != null) {
      JsonNode p = b.get("S");
      return p != null && s.asText().startsWith(p.asText());
    }
    JsonNode bin = a.get("B");
    if (bin != null) {
      JsonNode p = b.get("B");
      if (p == null) {
        return false;
      }
      byte[] x = AttributeValues.bytes(bin);
      byte[] y = AttributeValues.bytes(p);
      return x.length >= y.length && java.util.Arrays.equals(x, 0, y.length, y, 0, y.length);
    }
    return false;
  }

  /** @return contains(a, b): substring of S, element of a set of b's type, or element of a list */
  static boolean contains(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return false;
    }
    String type = AttributeValues.type(a);
    JsonNode x = a.get(type);
    switch (type) {
      case "S": {
        JsonNode s = b.get("S");
        return s != null && x.asText().contains(s.asText());
      }
      case "B": {
        JsonNode s = b.get("B");
        return s != null && indexOf(AttributeValues.bytes(x), AttributeValues.bytes(s)) >= 0;
      }
      case "SS":
      case "NS":
      case "BS": {
        JsonNode e = b.get(type.substring(0, 1));
        return e != null && AttributeValues.setContains(type, x, e.asText());
      }
      case "L":
        for (JsonNode e : x) {
          if (AttributeValues.equal(e, b)) {
            return true;
          }
        }
        return false;
      default:
        return false;
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
