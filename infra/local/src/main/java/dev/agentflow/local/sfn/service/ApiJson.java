package dev.agentflow.local.sfn.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import dev.agentflow.local.sfn.SfnServiceException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Reading AWS JSON 1.0 request members and writing timestamps. Missing required members and wrong types are
 * {@code ValidationException}s with the AWS message shape ("1 validation error detected: Value null at 'name'
 * failed to satisfy constraint: Member must not be null"). Timestamps are epoch seconds with millisecond
 * fraction. Source: AWS JSON 1.0 protocol; Step Functions API reference, "Common Errors".
 */
final class ApiJson {

  static final int BAD_REQUEST = 400;

  private ApiJson() {}

  /** @return the required string member {@code field} */
  static String requiredString(JsonNode request, String field) throws SfnServiceException {
    JsonNode v = request.get(field);
    if (v == null || v.isNull()) {
      throw validation("Value null at '" + field + "' failed to satisfy constraint: Member must not be null");
    }
    if (!v.isTextual()) {
      throw validation("Value at '" + field + "' failed to satisfy constraint: Member must be a string");
    }
    return v.textValue();
  }

  /** @return the optional string member {@code field}, or {@code null} */
  static String optionalString(JsonNode request, String field) throws SfnServiceException {
    JsonNode v = request.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw validation("Value at '" + field + "' failed to satisfy constraint: Member must be a string");
    }
    return v.textValue();
  }

  /** @return the optional boolean member {@code field}, or {@code dflt} */
  static boolean optionalBoolean(JsonNode request, String field, boolean dflt) throws SfnServiceException {
    JsonNode v = request.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isBoolean()) {
      throw validation("Value at '" + field + "' failed to satisfy constraint: Member must be a boolean");
    }
    return v.booleanValue();
  }

  /** @return maxResults in 1..1000, {@code dflt} when absent or 0 */
  static int maxResults(JsonNode request, int dflt) throws SfnServiceException {
    JsonNode v = request.get("maxResults");
    if (v == null || v.isNull() || (v.isIntegralNumber() && v.intValue() == 0)) {
      return dflt;
    }
    if (!v.isIntegralNumber() || v.intValue() < 0 || v.intValue() > 1000) {
      throw validation("Value '" + v + "' at 'maxResults' failed to satisfy constraint: Member must have value"
          + " less than or equal to 1000");
    }
    return v.intValue();
  }

  /** @return an epoch-seconds timestamp node with millisecond precision */
  static DecimalNode timestamp(Instant instant) {
    return new DecimalNode(BigDecimal.valueOf(instant.toEpochMilli(), 3));
  }

  /** @return a ValidationException with a one-error AWS message */
  static SfnServiceException validation(String detail) {
    return new SfnServiceException("ValidationException", "1 validation error detected: " + detail, BAD_REQUEST);
  }
}
