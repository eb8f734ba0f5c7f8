package dev.agentflow.local.kms;

import dev.agentflow.local.edge.AwsJson;
import dev.agentflow.local.edge.AwsJsonApi;
import dev.agentflow.local.edge.EdgeHandler;
import dev.agentflow.local.edge.EdgeRequest;
import dev.agentflow.local.edge.EdgeResponse;

/**
 * The KMS API over AWS JSON 1.1 ({@code X-Amz-Target: TrentService.<Operation>}): the operation and body go
 * to {@link KmsService}; errors answer {@code {"__type", "message"}} with their HTTP status (AWS KMS API
 * Reference, "Common Errors").
 */
public final class KmsApi implements EdgeHandler {

  /** The X-Amz-Target prefix of KMS. */
  public static final String TARGET_PREFIX = "TrentService.";

  private final AwsJsonApi api;

  /** @param service the local KMS */
  public KmsApi(KmsService service) {
    this.api = new AwsJsonApi(AwsJson.JSON_1_1, service::handle);
  }

  @Override
  public EdgeResponse handle(EdgeRequest request) {
    return api.handle(request);
  }
}
