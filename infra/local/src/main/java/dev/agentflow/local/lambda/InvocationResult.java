package dev.agentflow.local.lambda;

import java.nio.charset.StandardCharsets;

/**
 * The outcome of one synchronous invocation, as the Lambda Invoke API reports it.
 *
 * @param requestId the invocation's request id
 * @param functionArn the unqualified ARN of the function invoked
 * @param executedVersion always {@code $LATEST} locally
 * @param payload the response JSON, or the {@link LambdaError} JSON when {@code functionError} is set
 * @param functionError {@code null} on success, {@code "Unhandled"} for a function error
 * @param error the function error, or {@code null}
 * @param logTail the last 4 KB of the invocation's log
 */
public record InvocationResult(String requestId, String functionArn, String executedVersion, byte[] payload,
    String functionError, LambdaError error, byte[] logTail) {

  /** @return whether the function failed (X-Amz-Function-Error is set) */
  public boolean failed() {
    return functionError != null;
  }

  /** @return the payload as UTF-8 text */
  public String payloadText() {
    return new String(payload, StandardCharsets.UTF_8);
  }
}
