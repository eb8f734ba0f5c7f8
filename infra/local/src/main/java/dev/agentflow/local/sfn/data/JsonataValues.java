package dev.agentflow.local.sfn.data;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between Jackson nodes and the plain Java values the JSONata engine works on (Map, List, String,
 * Number, Boolean, {@link Jsonata#NULL_VALUE} for JSON null; Java {@code null} means JSONata "undefined").
 */
public final class JsonataValues {

  private JsonataValues() {}

  /** @return the JSONata value of a JSON node ({@code null} node → NULL_VALUE, missing → undefined) */
  public static Object toJava(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return null;
    }
    switch (node.getNodeType()) {
      case OBJECT: {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
          out.put(e.getKey(), toJava(e.getValue()));
        }
        return out;
      }
      case ARRAY: {
        List<Object> out = new ArrayList<>(node.size());
        for (JsonNode item : node) {
          out.add(toJava(item));
        }
        return out;
      }
      case STRING:
        return node.textValue();
      case NUMBER:
        return node.isIntegralNumber() && node.canConvertToLong() ? (Object) node.longValue() : node.doubleValue();
      case BOOLEAN:
        return node.booleanValue();
      default:
        return Jsonata.NULL_VALUE;
    }
  }

  /** @return the JSON node of a JSONata value, or Java {@code null} for undefined */
  public static JsonNode toJson(Object value) {
    if (value == null) {
      return null;
    }
    if (value == Jsonata.NULL_VALUE) {
      return Json.NODES.nullNode();
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode out = Json.object();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        JsonNode v = toJson(e.getValue());
        if (v != null) {
          out.set(String.valueOf(e.getKey()), v);
        }
      }
      return out;
    }
    if (value instanceof List<?> list) {
      ArrayNode out = Json.NODES.arrayNode(list.size());
      for (Object item : list) {
        JsonNode v = toJson(item);
        if (v != null) {
          out.add(v);
        }
      }
      return out;
    }
    if (value instanceof String s) {
      return Json.NODES.textNode(s);
    }
    if (value instanceof Boolean b) {
      return Json.NODES.booleanNode(b);
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      return Json.number(((Number) value).longValue());
    }
    if (value instanceof BigInteger bi) {
      return Json.NODES.numberNode(bi);
    }
    if (value instanceof BigDecimal bd) {
      return Json.NODES.numberNode(bd);
    }
    if (value instanceof Number n) {
      double d = n.doubleValue();
      if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
        return Json.number((long) d);
      }
      return Json.NODES.numberNode(d);
    }
    return Json.NODES.textNode(String.valueOf(value));
  }
}
