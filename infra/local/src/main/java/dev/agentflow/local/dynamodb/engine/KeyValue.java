package dev.agentflow.local.dynamodb.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Base64;

/**
 * A key attribute's value (S, N or B) with DynamoDB's key ordering: numbers by value, strings by their UTF-8 bytes
 * (that is, by code point), binaries by unsigned bytes. Equal keys are equal values ("1.0" = "1").
 * Source: DynamoDB Developer Guide, "Query" (sort key ordering), "Supported data types" (key attributes).
 */
final class KeyValue implements Comparable<KeyValue> {

  /** The range key of a table (or index) without one: one entry per partition. */
  static final KeyValue NONE = new KeyValue('-', null, "");

  private final char type;
  private final Object value; // String, BigDecimal (stripped), byte[]
  private final int hash;

  private KeyValue(char type, Object value, Object hashSource) {
    this.type = type;
    this.value = value;
    this.hash = type * 31 + (value instanceof byte[] b ? Arrays.hashCode(b) : hashSource.hashCode());
  }

  /**
   * @param attribute a validated scalar attribute value ({@code {"S":..}}, {@code {"N":..}}, {@code {"B":..}})
   * @return its key value, or {@code null} when it is not a key type
   */
  static KeyValue of(JsonNode attribute) {
    if (attribute == null) {
      return null;
    }
    JsonNode s = attribute.get("S");
    if (s != null) {
      String text = s.asText();
      return new KeyValue('S', text, text);
    }
    JsonNode n = attribute.get("N");
    if (n != null) {
      BigDecimal number = new BigDecimal(n.asText()).stripTrailingZeros();
      return new KeyValue('N', number, number);
    }
    JsonNode b = attribute.get("B");
    if (b != null) {
      byte[] bytes = Base64.getDecoder().decode(b.asText());
      return new KeyValue('B', bytes, null);
    }
    return null;
  }

  /** @return the type letter: S, N or B */
  char type() {
    return type;
  }

  @Override
  public int compareTo(KeyValue o) {
    if (type != o.type) {
      return Character.compare(type, o.type);
    }
    switch (type) {
      case 'S':
        return compareCodePoints((String) value, (String) o.value);
      case 'N':
        return ((BigDecimal) value).compareTo((BigDecimal) o.value);
      case 'B':
        return Arrays.compareUnsigned((byte[]) value, (byte[]) o.value);
      default:
        return 0;
    }
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i);
      char cb = b.charAt(j);
      if (ca == cb) {
        i++;
        j++;
        continue;
      }
      int pa = a.codePointAt(i);
      int pb = b.codePointAt(j);
      if (pa != pb) {
        return Integer.compare(pa, pb);
      }
      i += Character.charCount(pa);
      j += Character.charCount(pb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyValue k && k.hash == hash && k.type == type && compareTo(k) == 0;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return type + ":" + (value instanceof byte[] b ? Base64.getEncoder().encodeToString(b) : value);
  }
}
