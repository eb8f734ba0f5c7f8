package dev.agentflow.local.sfn.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.local.sfn.data.JsonValues;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Matches an actual JSON value against an expected one with placeholders: {@code "<any>"} matches anything,
 * {@code "<timestamp>"} an RFC 3339 string, and {@code ${name}} inside a string is replaced by a variable.
 * Numbers compare by value.
 */
public final class Expectations {

  private Expectations() {}

  public static boolean matches(JsonNode expected, JsonNode actual, Map<String, String> vars) {
    if (expected == null || actual == null) {
      return expected == actual;
    }
    if (expected.isTextual()) {
      String e = expected.textValue();
      if (e.equals("<any>")) {
        return true;
      }
      if (e.equals("<timestamp>")) {
        return actual.isTextual() && isTimestamp(actual.textValue());
      }
      for (Map.Entry<String, String> v : vars.entrySet()) {
        e = e.replace("${" + v.getKey() + "}", v.getValue());
      }
      return actual.isTextual() && e.equals(actual.textValue());
    }
    if (expected.isObject()) {
      if (!actual.isObject() || actual.size() != expected.size()) {
        return false;
      }
      for (Map.Entry<String, JsonNode> f : expected.properties()) {
        if (!matches(f.getValue(), actual.get(f.getKey()), vars)) {
          return false;
        }
      }
      return true;
    }
    if (expected.isArray()) {
      if (!actual.isArray() || actual.size() != expected.size()) {
        return false;
      }
      for (int i = 0; i < expected.size(); i++) {
        if (!matches(expected.get(i), actual.get(i), vars)) {
          return false;
        }
      }
      return true;
    }
    return JsonValues.equal(expected, actual);
  }

  private static boolean isTimestamp(String s) {
    try {
      OffsetDateTime.parse(s);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /**
   * @param expected the case's expected block
   * @param status the actual status
   * @param output the actual output (for SUCCEEDED)
   * @param error the actual error
   * @param cause the actual cause
   * @return {@code null} if it matches, else a description of the difference
   */
  public static String check(JsonNode expected, String status, JsonNode output, String error, String cause,
      Map<String, String> vars) {
    String want = expected.get("status").asText();
    if (!want.equals(status)) {
      return "status " + status + " (error " + error + ", cause " + cause + ", output " + output + "), expected " + want;
    }
    if (expected.has("output") && !matches(expected.get("output"), output, vars)) {
      return "output " + output + ", expected " + expected.get("output");
    }
    if (expected.has("error") && !expected.get("error").asText().equals(error)) {
      return "error " + error + " (cause " + cause + "), expected " + expected.get("error").asText();
    }
    if (expected.has("causeContains") && (cause == null || !cause.contains(expected.get("causeContains").asText()))) {
      return "cause " + cause + ", expected it to contain " + expected.get("causeContains").asText();
    }
    return null;
  }
}
