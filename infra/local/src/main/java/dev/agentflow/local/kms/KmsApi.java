package dev.agentflow.local.kms;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.local.edge.AwsJson;
import dev.agentflow.local.edge.AwsServiceError;
import dev.agentflow.local.edge.EdgeHandler;
import dev.agentflow.local.edge.EdgeRequest;
import dev.agentflow.local.edge.EdgeResponse;
import java.io.IOException;

/**
 * The KMS API over AWS JSON 1.1 ({@code X-Amz-Target: TrentService.<Operation>}): the operation and body go
 * to {@link KmsService}; errors answer {@code {"__type", "message"}} with their HTTP status (AWS KMS API
 * Reference, "Common Errors").
 */
public final class KmsApi implements EdgeHandler {

  /** The X-Amz-Target prefix of KMS. */
  public static final String TARGET_PREFIX = "TrentService.";

  private final KmsService service;

  /** @param service the local KMS */
  public KmsApi(KmsService service) {
    this.service = service;
  }

  @Override
  public EdgeResponse handle(EdgeRequest request) {
    JsonNode body;
    try {
      body = AwsJson.body(request);
    } catch (IOException e) {
      return AwsJson.error(AwsJson.JSON_1_1, 400, "SerializationException", "Request body is not valid JSON");
    }
    try {
      return AwsJson.ok(AwsJson.JSON_1_1, service.handle(AwsJson.operation(request), body));
    } catch (AwsServiceError e) {
      return e.response();
    }
  }
}
