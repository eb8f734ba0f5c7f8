package dev.agentflow.local.dynamodb.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Checks of attribute values as DynamoDB makes them on the way in: exactly one data type, numbers that parse and
 * fit (38 digits, magnitude 1E-130 to 1E+126), sets neither empty nor with duplicates, recursively through lists and
 * maps. Source: DynamoDB API Reference, "AttributeValue"; Developer Guide, "Supported data types".
 */
final class Values {

  private static final Set<String> TYPES = Set.of("S", "N", "B", "BOOL", "NULL", "SS", "NS", "BS", "L", "M");
  private static final BigDecimal MAX = new BigDecimal("9.9999999999999999999999999999999999999E+125");
  private static final BigDecimal MIN = new BigDecimal("1E-130");

  private Values() {}

  /** @throws DynamoDbFailure ValidationException when an attribute of the item is not a valid value */
  static void checkItem(JsonNode item) {
    Iterator<Map.Entry<String, JsonNode>> fields = item.fields();
    while (fields.hasNext()) {
      check(fields.next().getValue());
    }
  }

  /** @throws DynamoDbFailure ValidationException when the value is not a valid attribute value */
  static void check(JsonNode value) {
    if (value == null || !value.isObject() || value.isEmpty()) {
      throw DynamoDbFailure.validation("Supplied AttributeValue is empty, must contain exactly one of the supported "
          + "datatypes");
    }
    if (value.size() > 1) {
      throw DynamoDbFailure.validation("Supplied AttributeValue has more than one datatypes set, must contain "
          + "exactly one of the supported datatypes");
    }
    Map.Entry<String, JsonNode> typed = value.fields().next();
    String type = typed.getKey();
    JsonNode v = typed.getValue();
    if (!TYPES.contains(type)) {
      throw DynamoDbFailure.validation("Supplied AttributeValue is empty, must contain exactly one of the supported "
          + "datatypes");
    }
    switch (type) {
      case "N" -> number(v.asText());
      case "SS", "NS", "BS" -> {
        if (v.isEmpty()) {
          String kind = type.equals("SS") ? "string" : type.equals("NS") ? "number" : "binary";
          throw DynamoDbFailure.validation("One or more parameter values were invalid: An " + kind
              + " set  may not be empty");
        }
        Set<Object> seen = new HashSet<>();
        for (JsonNode e : v) {
          Object k = type.equals("NS") ? number(e.asText()).stripTrailingZeros() : e.asText();
          if (!seen.add(k)) {
            throw DynamoDbFailure.validation("One or more parameter values were invalid: Input collection "
                + list(v) + " contains duplicates");
          }
        }
      }
      case "L" -> v.forEach(Values::check);
      case "M" -> checkItem(v);
      default -> { }
    }
  }

  private static String list(JsonNode array) {
    StringBuilder out = new StringBuilder("[");
    for (JsonNode e : array) {
      if (out.length() > 1) {
        out.append(", ");
      }
      out.append(e.asText());
    }
    return out.append(']').toString();
  }

  private static BigDecimal number(String text) {
    BigDecimal n;
    try {
      n = new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      throw DynamoDbFailure.validation("A value provided cannot be converted into a number");
    }
    BigDecimal abs = n.abs();
    if (abs.signum() != 0 && (abs.compareTo(MAX) > 0 || abs.compareTo(MIN) < 0)) {
      throw DynamoDbFailure.validation("Number overflow. Attempting to store a number with magnitude larger than "
          + "supported range");
    }
    if (n.stripTrailingZeros().precision() > 38) {
      throw DynamoDbFailure.validation("Attempting to store more than 38 significant digits in a Number");
    }
    return n;
  }

  /**
   * Rewrites numbers to their canonical text in place ({@code "1.50"} → {@code "1.5"}, {@code "1e3"} →
   * {@code "1000"}, {@code "-0.0"} → {@code "0"}), as DynamoDB Local stores them: top-level numbers and number sets
   * (it leaves numbers inside maps and lists as given; so does this). Only nodes whose text changes are touched, so
   * already-stored (canonical) subtrees are never written to.
   */
  static void normalize(ObjectNode item) {
    Iterator<Map.Entry<String, JsonNode>> fields = item.fields();
    while (fields.hasNext()) {
      normalizeValue((ObjectNode) fields.next().getValue());
    }
  }

  private static void normalizeValue(ObjectNode value) {
    JsonNode n = value.get("N");
    if (n != null) {
      String canonical = canonical(n.asText());
      if (!canonical.equals(n.asText())) {
        value.put("N", canonical);
      }
      return;
    }
    JsonNode ns = value.get("NS");
    if (ns != null) {
      ArrayNode array = (ArrayNode) ns;
      for (int i = 0; i < array.size(); i++) {
        String canonical = canonical(array.get(i).asText());
        if (!canonical.equals(array.get(i).asText())) {
          array.set(i, TextNode.valueOf(canonical));
        }
      }
    }
  }

  /** @return the canonical text of a valid number */
  static String canonical(String number) {
    for (int i = 0; i < number.length(); i++) {
      char c = number.charAt(i);
      if ((c < '1' || c > '9') && !(c == '-' && i == 0)) {
        return canonicalSlow(number); // a 0, '.', exponent or space: may not be canonical
      }
    }
    return number; // an integer without leading zeros
  }

  private static String canonicalSlow(String number) {
    BigDecimal n = new BigDecimal(number.trim());
    if (n.signum() == 0) {
      return "0";
    }
    return n.stripTrailingZeros().toPlainString();
  }

  /** @return the data type letter(s) of a valid attribute value, e.g. {@code S} */
  static String typeOf(JsonNode value) {
    return value.fieldNames().next();
  }
}
