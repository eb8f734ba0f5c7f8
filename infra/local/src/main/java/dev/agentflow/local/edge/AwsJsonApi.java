package dev.agentflow.local.edge;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * An AWS JSON protocol service on the edge ({@code X-Amz-Target: <Prefix>.<Operation>}): parses the body,
 * hands the operation and body to the service, and answers its result, or its {@link AwsServiceError} as
 * {@code {"__type", "message"}} with the error's HTTP status; a body that is not JSON is a 400
 * {@code SerializationException}. Shared by Step Functions (JSON 1.0), KMS and Secrets Manager (JSON 1.1).
 * Source: each service's API Reference, "Common Errors".
 */
public final class AwsJsonApi implements EdgeHandler {

  /** A service's operations: an operation name and its request body to the response body. */
  @FunctionalInterface
  public interface Operations {
    /**
     * @throws AwsServiceError for an error AWS would answer (the SDKs map its type to their exceptions)
     */
    JsonNode handle(String operation, JsonNode request);
  }

  private final String contentType;
  private final Operations operations;

  /**
   * @param contentType {@link AwsJson#JSON_1_0} or {@link AwsJson#JSON_1_1}
   * @param operations the service
   */
  public AwsJsonApi(String contentType, Operations operations) {
    this.contentType = contentType;
    this.operations = operations;
  }

  @Override
  public EdgeResponse handle(EdgeRequest request) {
    JsonNode body;
    try {
      body = AwsJson.body(request);
    } catch (IOException e) {
      return AwsJson.error(contentType, 400, "SerializationException", "Request body is not valid JSON");
    }
    try {
      return AwsJson.ok(contentType, operations.handle(AwsJson.operation(request), body));
    } catch (AwsServiceError e) {
      return AwsJson.error(contentType, e.status(), e.type(), e.getMessage());
    }
  }
}
