package dev.agentflow.local.secrets;

import dev.agentflow.local.edge.AwsJson;
import dev.agentflow.local.edge.AwsJsonApi;
import dev.agentflow.local.edge.EdgeHandler;
import dev.agentflow.local.edge.EdgeRequest;
import dev.agentflow.local.edge.EdgeResponse;

/**
 * The Secrets Manager API over AWS JSON 1.1 ({@code X-Amz-Target: secretsmanager.<Operation>}): the operation and body go
 * to {@link SecretsManagerService}; errors answer {@code {"__type", "message"}} with their HTTP status (AWS Secrets Manager API
 * Reference, "Common Errors").
 */
public final class SecretsManagerApi implements EdgeHandler {

  /** The X-Amz-Target prefix of Secrets Manager. */
  public static final String TARGET_PREFIX = "secretsmanager.";

  private final AwsJsonApi api;

  /** @param service the local Secrets Manager */
  public SecretsManagerApi(SecretsManagerService service) {
    this.api = new AwsJsonApi(AwsJson.JSON_1_1, service::handle);
  }

  @Override
  public EdgeResponse handle(EdgeRequest request) {
    return api.handle(request);
  }
}
