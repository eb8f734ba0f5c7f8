package dev.agentflow.local.edge;

import dev.agentflow.local.sfn.SfnServiceException;
import dev.agentflow.local.sfn.StepFunctionsService;

/**
 * The Step Functions API over AWS JSON 1.0 ({@code X-Amz-Target: AWSStepFunctions.<Operation>}): passes the
 * operation and body to {@link StepFunctionsService#handle} and answers its result, or its
 * {@link SfnServiceException} as {@code {"__type", "message"}} with the exception's HTTP status.
 * Source: AWS Step Functions API Reference, "Common Errors" and each operation's page.
 */
public final class StepFunctionsApi implements EdgeHandler {

  /** The X-Amz-Target prefix of Step Functions. */
  public static final String TARGET_PREFIX = "AWSStepFunctions.";

  private final AwsJsonApi api;

  /** @param service the local Step Functions service */
  public StepFunctionsApi(StepFunctionsService service) {
    this.api = new AwsJsonApi(AwsJson.JSON_1_0, (operation, body) -> {
      try {
        return service.handle(operation, body);
      } catch (SfnServiceException e) {
        throw new AwsServiceError(e.httpStatus(), e.errorType(), e.getMessage());
      }
    });
  }

  @Override
  public EdgeResponse handle(EdgeRequest request) {
    return api.handle(request);
  }
}
