package dev.agentflow.local.lambda;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A function error as Lambda reports it: the Invoke API's payload when {@code X-Amz-Function-Error} is
 * set, and the {@code Cause} Step Functions records for a failed Lambda task.
 *
 * <p>Shape: {@code {"errorMessage": "...", "errorType": "...", "stackTrace": ["pkg.Class.method(File.java:12)", ...]}}
 * (AWS Lambda Developer Guide, "AWS Lambda function errors in Java").
 *
 * @param errorType the error name Step Functions matches ({@link ErrorTypePolicy})
 * @param errorMessage the exception's message, or its class name when it has none
 * @param stackTrace stack frames as {@code StackTraceElement.toString()}; empty for errors Lambda itself raises
 */
public record LambdaError(String errorType, String errorMessage, List<String> stackTrace) {

  public LambdaError {
    stackTrace = List.copyOf(stackTrace);
  }

  /** @return the error of a handler exception, as the Java runtime builds it */
  public static LambdaError of(Throwable error, ErrorTypePolicy policy) {
    String message = error.getLocalizedMessage() == null ? error.getClass().getName() : error.getLocalizedMessage();
    List<String> frames = new ArrayList<>();
    for (StackTraceElement frame : error.getStackTrace()) {
      if (frame.getClassName().startsWith(LambdaError.class.getPackageName() + ".")) {
        break; // our runner's frames, like the runtime's own, are not part of the function's trace
      }
      frames.add(frame.toString());
    }
    return new LambdaError(policy.errorType(error), message, frames);
  }

  /** @return the Lambda timeout error: {@code Sandbox.Timedout}, "RequestId: … Error: Task timed out after N.00 seconds" */
  public static LambdaError timeout(String requestId, int timeoutSeconds) {
    return new LambdaError("Sandbox.Timedout",
        String.format("RequestId: %s Error: Task timed out after %d.00 seconds", requestId, timeoutSeconds), List.of());
  }

  /** @return the error as Lambda's JSON document */
  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("errorMessage", errorMessage);
    json.put("errorType", errorType);
    if (!stackTrace.isEmpty()) {
      stackTrace.forEach(json.putArray("stackTrace")::add);
    }
    return json;
  }
}
