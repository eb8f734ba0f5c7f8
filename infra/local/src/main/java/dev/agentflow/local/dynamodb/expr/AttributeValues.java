package dev.agentflow.local.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * Rules on DynamoDB attribute values in the JSON wire format ({@code {"S":"x"}}, {@code {"N":"1"}}, …): their
 * type, ordering, equality and size. Sources: DynamoDB Developer Guide, "Comparison operator and function
 * reference" (ordering of S by UTF-8 bytes, B by unsigned bytes, N numerically) and "Item sizes and formats".
 */
public final class AttributeValues {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AttributeValues() {}

  /** @return the type key of a value ({@code S, N, B, BOOL, NULL, SS, NS, BS, L, M}), or {@code null} if none */
  public static String type(JsonNode value) {
    Iterator<String> names = value.fieldNames();
    return names.hasNext() ? names.next() : null;
  }

  /**
   * Orders two values of the same scalar type S, N or B.
   *
   * @return negative, zero or positive
   * @throws IllegalArgumentException when the types differ or are not S, N or B
   */
  public static int compare(JsonNode a, JsonNode b) {
    String type = type(a);
    if (!type.equals(type(b))) {
      throw new IllegalArgumentException("different types: " + type + ", " + type(b));
    }
    switch (type) {
      case "N":
        return number(a.get("N").asText()).compareTo(number(b.get("N").asText()));
      case "S":
        return compareStrings(a.get("S").asText(), b.get("S").asText());
      case "B":
        return compareBytes(bytes(a.get("B")), bytes(b.get("B")));
      default:
        throw new IllegalArgumentException("not an ordered type: " + type);
    }
  }

  /** @return whether {@code a} is S, N or B and of the same type as {@code b} */
  static boolean comparable(JsonNode a, JsonNode b) {
    String type = type(a);
    return (type.equals("S") || type.equals("N") || type.equals("B")) && b.has(type);
  }

  /**
   * DynamoDB equality: same type and value; numbers compare numerically, sets ignore order, lists and maps
   * compare element by element.
   */
  public static boolean equal(JsonNode a, JsonNode b) {
    if (a == b) {
      return true;
    }
    String type = type(a);
    JsonNode x = a.get(type);
    JsonNode y = b.get(type);
    if (y == null) {
      return false;
    }
    switch (type) {
      case "S":
      case "BOOL":
      case "NULL":
        return x.equals(y);
      case "N":
        return x.asText().equals(y.asText()) || number(x.asText()).compareTo(number(y.asText())) == 0;
      case "B":
        return x.asText().equals(y.asText()) || java.util.Arrays.equals(bytes(x), bytes(y));
      case "SS":
      case "NS":
      case "BS":
        return x.size() == y.size() && containsAll(type, x, y);
      case "L":
        if (x.size() != y.size()) {
          return false;
        }
        for (int i = 0; i < x.size(); i++) {
          if (!equal(x.get(i), y.get(i))) {
            return false;
          }
        }
        return true;
      case "M":
        if (x.size() != y.size()) {
          return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = x.fields(); it.hasNext();) {
          Map.Entry<String, JsonNode> e = it.next();
          JsonNode other = y.get(e.getKey());
          if (other == null || !equal(e.getValue(), other)) {
            return false;
          }
        }
        return true;
      default:
        return false;
    }
  }

  private static boolean containsAll(String setType, JsonNode set, JsonNode elements) {
    for (JsonNode e : elements) {
      if (!setContains(setType, set, e.asText())) {
        return false;
      }
    }
    return true;
  }

  /** @return whether a set (the array of an SS, NS or BS) holds the element (the element's text) */
  static boolean setContains(String setType, JsonNode set, String element) {
    switch (setType) {
      case "NS": {
        BigDecimal n = number(element);
        for (JsonNode e : set) {
          if (number(e.asText()).compareTo(n) == 0) {
            return true;
          }
        }
        return false;
      }
      case "BS": {
        byte[] b = Base64.getDecoder().decode(element);
        for (JsonNode e : set) {
          if (java.util.Arrays.equals(bytes(e), b)) {
            return true;
          }
        }
        return false;
      }
      default:
        for (JsonNode e : set) {
          if (e.asText().equals(element)) {
            return true;
          }
        }
        return false;
    }
  }

  /**
   * An item's size by DynamoDB's rules: the UTF-8 length of each attribute name plus its value's size.
   *
   * @return bytes (compare with the 400 KB item limit, 409600)
   */
  public static long sizeOf(ObjectNode item) {
    long size = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      size += utf8Length(e.getKey()) + valueSize(e.getValue());
    }
    return size;
  }

  /** The size of one value: S by UTF-8 length, B raw length, N by significant digits, documents 3 + 1 per element. */
  static long valueSize(JsonNode value) {
    String type = type(value);
    JsonNode v = value.get(type);
    switch (type) {
      case "S":
        return utf8Length(v.asText());
      case "N":
        return numberSize(v.asText());
      case "B":
        return bytes(v).length;
      case "BOOL":
      case "NULL":
        return 1;
      case "SS": {
        long s = 0;
        for (JsonNode e : v) {
          s += utf8Length(e.asText());
        }
        return s;
      }
      case "NS": {
        long s = 0;
        for (JsonNode e : v) {
          s += numberSize(e.asText());
        }
        return s;
      }
      case "BS": {
        long s = 0;
        for (JsonNode e : v) {
          s += bytes(e).length;
        }
        return s;
      }
      case "L": {
        long s = 3;
        for (JsonNode e : v) {
          s += 1 + valueSize(e);
        }
        return s;
      }
      case "M": {
        long s = 3;
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
          Map.Entry<String, JsonNode> e = it.next();
          s += 1 + utf8Length(e.getKey()) + valueSize(e.getValue());
        }
        return s;
      }
      default:
        return 0;
    }
  }

  private static long numberSize(String text) {
    String digits = number(text).unscaledValue().abs().toString();
    int significant = significantLength(digits);
    return (significant + 1) / 2 + 1;
  }

  /** @return the number in a DynamoDB N */
  static BigDecimal number(String text) {
    return new BigDecimal(text);
  }

  private static final BigDecimal MAX_MAGNITUDE = new BigDecimal("9.9999999999999999999999999999999999999E+125");
  private static final BigDecimal MIN_MAGNITUDE = new BigDecimal("1E-130");

  /**
   * The result of arithmetic, checked against DynamoDB's number limits (38 significant digits, magnitude from
   * 1E-130 to 9.99…E+125).
   *
   * @throws DynamoDbError ValidationException when the result cannot be stored
   */
  static ObjectNode computedNumber(BigDecimal n) {
    BigDecimal stripped = n.stripTrailingZeros();
    if (stripped.signum() != 0) {
      if (stripped.precision() > 38) {
        throw DynamoDbError.validation("DynamoDB only supports precision up to 38 digits");
      }
      if (stripped.abs().compareTo(MAX_MAGNITUDE) > 0) {
        throw DynamoDbError.validation("Number overflow. Attempting to store a number with magnitude larger than "
            + "supported range");
      }
      if (stripped.abs().compareTo(MIN_MAGNITUDE) < 0) {
        throw DynamoDbError.validation("Number underflow. Attempting to store a number with magnitude smaller than "
            + "supported range");
      }
    }
    return numberValue(n);
  }

  /** @return {@code {"N": canonical text}}: no exponent, no trailing zeros after the point */
  static ObjectNode numberValue(BigDecimal n) {
    ObjectNode node = NODES.objectNode();
    node.put("N", canonical(n));
    return node;
  }

  /** @return DynamoDB's text of a number (plain notation, trailing fractional zeros removed) */
  static String canonical(BigDecimal n) {
    if (n.signum() == 0) {
      return "0";
    }
    return n.stripTrailingZeros().toPlainString();
  }

  /** @return the bytes of a B (base64 text node) */
  static byte[] bytes(JsonNode base64) {
    return Base64.getDecoder().decode(base64.asText());
  }

  /** UTF-8 byte order, which is code point order. */
  static int compareStrings(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  static int compareBytes(byte[] a, byte[] b) {
    return java.util.Arrays.compareUnsigned(a, b);
  }

  static int utf8Length(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Length of {@code digits} without its leading and trailing zeros. */
  private static int significantLength(String digits) {
    int start = 0;
    int end = digits.length();
    while (start < end && digits.charAt(start) == '0') {
      start++;
    }
    while (end > start && digits.charAt(end - 1) == '0') {
      end--;
    }
    return end - start;
  }
}
