package dev.agentflow.local.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Helpers for the AWS JSON 1.0 / 1.1 protocols (Smithy "awsJson1_0"): {@code POST /} with
 * {@code X-Amz-Target: <Service>.<Operation>}, a JSON body, and errors as an HTTP 4xx/5xx with body
 * {@code {"__type": "<ErrorType>", "message": "..."}}.
 */
public final class AwsJson {

  /** Content type of AWS JSON 1.0 (DynamoDB, Step Functions). */
  public static final String JSON_1_0 = "application/x-amz-json-1.0";
  /** Content type of AWS JSON 1.1 (KMS, Secrets Manager). */
  public static final String JSON_1_1 = "application/x-amz-json-1.1";

  private static final ObjectMapper JSON = new ObjectMapper();

  private AwsJson() {}

  /** @return the operation of an {@code X-Amz-Target} ({@code "AWSStepFunctions.StartExecution"} → {@code "StartExecution"}) */
  public static String operation(EdgeRequest request) {
    String target = request.target();
    int dot = target == null ? -1 : target.lastIndexOf('.');
    return dot < 0 ? "" : target.substring(dot + 1);
  }

  /**
   * Parses a request body; an empty body is {@code {}}.
   *
   * @throws IOException when the body is not JSON
   */
  public static JsonNode body(EdgeRequest request) throws IOException {
    if (request.body().length == 0) {
      return JsonNodeFactory.instance.objectNode();
    }
    return JSON.readTree(request.body());
  }

  /** @return a 200 response with a JSON body */
  public static EdgeResponse ok(String contentType, JsonNode body) {
    return EdgeResponse.of(200, contentType, body.toString());
  }

  /** @return an error response: {@code status}, body {@code {"__type": type, "message": message}} */
  public static EdgeResponse error(String contentType, int status, String type, String message) {
    ObjectNode body = JsonNodeFactory.instance.objectNode().put("__type", type).put("message", message);
    return EdgeResponse.of(status, contentType, body.toString()).withHeader("x-amzn-ErrorType", type);
  }
}
