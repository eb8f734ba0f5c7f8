package dev.agentflow.local.edge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.local.sfn.SfnServiceException;
import dev.agentflow.local.sfn.StepFunctionsService;
import java.io.IOException;

/**
 * The Step Functions API over AWS JSON 1.0 ({@code X-Amz-Target: AWSStepFunctions.<Operation>}): passes the
 * operation and body to {@link StepFunctionsService#handle} and answers its result, or its
 * {@link SfnServiceException} as {@code {"__type", "message"}} with the exception's HTTP status.
 * Source: AWS Step Functions API Reference, "Common Errors" and each operation's page.
 */
public final class StepFunctionsApi implements EdgeHandler {

  /** The X-Amz-Target prefix of Step Functions. */
  public static final String TARGET_PREFIX = "AWSStepFunctions.";

  private final StepFunctionsService service;

  /** @param service the local Step Functions service */
  public StepFunctionsApi(StepFunctionsService service) {
    this.service = service;
  }

  @Override
  public EdgeResponse handle(EdgeRequest request) {
    JsonNode body;
    try {
      body = AwsJson.body(request);
    } catch (IOException e) {
      return AwsJson.error(AwsJson.JSON_1_0, 400, "SerializationException", "Request body is not valid JSON");
    }
    try {
      return AwsJson.ok(AwsJson.JSON_1_0, service.handle(AwsJson.operation(request), body));
    } catch (SfnServiceException e) {
      return AwsJson.error(AwsJson.JSON_1_0, e.httpStatus(), e.errorType(), e.getMessage());
    }
  }
}
