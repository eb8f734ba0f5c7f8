package dev.agentflow.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Matches events against EventBridge event patterns: exact values (any of a list; an array field matches
 * when any element does), nested objects, {@code $or}, and the content filters {@code prefix},
 * {@code suffix}, {@code equals-ignore-case}, {@code wildcard}, {@code anything-but} (value, list, or
 * prefix/suffix/equals-ignore-case/wildcard), {@code numeric} and {@code exists}.
 * Source: Amazon EventBridge User Guide, "Amazon EventBridge event patterns" and "Content filtering".
 */
public final class EventPatternMatcher {

  private static final JsonNode EMPTY = JsonNodeFactory.instance.objectNode();

  private EventPatternMatcher() {}

  /** @return whether {@code event} matches {@code pattern} */
  public static boolean matches(JsonNode pattern, JsonNode event) {
    Iterator<Map.Entry<String, JsonNode>> fields = pattern.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode condition = field.getValue();
      if (field.getKey().equals("$or")) {
        boolean any = false;
        for (JsonNode alternative : condition) {
          any |= matches(alternative, event);
        }
        if (!any) {
          return false;
        }
        continue;
      }
      JsonNode value = event == null ? null : event.get(field.getKey());
      boolean ok;
      if (condition.isObject()) {
        ok = matches(condition, value != null && value.isObject() ? value : EMPTY);
      } else if (condition.isArray()) {
        ok = matchesAny(condition, value);
      } else {
        ok = value != null && same(condition, value);
      }
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean matchesAny(JsonNode conditions, JsonNode value) {
    for (JsonNode condition : conditions) {
      if (condition.isObject() && condition.has("exists")) {
        if ((value != null) == condition.get("exists").asBoolean()) {
          return true;
        }
        continue;
      }
      if (value == null) {
        continue;
      }
      if (value.isArray()) {
        for (JsonNode element : value) {
          if (matchOne(condition, element)) {
            return true;
          }
        }
      } else if (matchOne(condition, value)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchOne(JsonNode condition, JsonNode value) {
    if (!condition.isObject()) {
      return same(condition, value);
    }
    if (condition.has("prefix")) {
      return textFilter(condition.get("prefix"), value, true);
    }
    if (condition.has("suffix")) {
      return textFilter(condition.get("suffix"), value, false);
    }
    if (condition.has("equals-ignore-case")) {
      return value.isTextual() && value.asText().equalsIgnoreCase(condition.get("equals-ignore-case").asText());
    }
    if (condition.has("wildcard")) {
      return value.isTextual() && wildcard(condition.get("wildcard").asText()).matcher(value.asText()).matches();
    }
    if (condition.has("numeric")) {
      return numeric(condition.get("numeric"), value);
    }
    if (condition.has("anything-but")) {
      JsonNode excluded = condition.get("anything-but");
      if (excluded.isArray()) {
        for (JsonNode item : excluded) {
          if (same(item, value)) {
            return false;
          }
        }
        return true;
      }
      return excluded.isObject() ? !matchOne(excluded, value) : !same(excluded, value);
    }
    return false; // cidr and filters the local bus does not know never match
  }

  private static boolean textFilter(JsonNode filter, JsonNode value, boolean prefix) {
    if (!value.isTextual()) {
      return false;
    }
    boolean ignoreCase = filter.isObject();
    String wanted = ignoreCase ? filter.path("equals-ignore-case").asText() : filter.asText();
    String text = value.asText();
    if (ignoreCase) {
      wanted = wanted.toLowerCase(Locale.ROOT);
      text = text.toLowerCase(Locale.ROOT);
    }
    return prefix ? text.startsWith(wanted) : text.endsWith(wanted);
  }

  private static boolean numeric(JsonNode comparisons, JsonNode value) {
    if (!value.isNumber()) {
      return false;
    }
    double number = value.asDouble();
    for (int i = 0; i + 1 < comparisons.size(); i += 2) {
      double bound = comparisons.get(i + 1).asDouble();
      boolean ok = switch (comparisons.get(i).asText()) {
        case "<" -> number < bound;
        case "<=" -> number <= bound;
        case "=" -> number == bound;
        case ">" -> number > bound;
        case ">=" -> number >= bound;
        default -> false;
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean same(JsonNode expected, JsonNode value) {
    if (expected.isNumber() && value.isNumber()) {
      return expected.decimalValue().compareTo(value.decimalValue()) == 0;
    }
    if (expected.isNull()) {
      return value.isNull();
    }
    return expected.getNodeType() == value.getNodeType() && expected.asText().equals(value.asText());
  }

  private static Pattern wildcard(String glob) {
    String[] parts = glob.split("\\*", -1);
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(parts[i]));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
