package dev.agentflow.local.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.agentflow.local.sfn.TaskContext;
import dev.agentflow.local.sfn.TaskFailedException;
import dev.agentflow.local.sfn.TaskHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Runs Step Functions Task states that call Lambda, in the two forms Step Functions offers:
 * <ul>
 *   <li>{@code "Resource": "arn:aws:states:::lambda:invoke"} with {@code {"FunctionName": name-or-ARN,
 *       "Payload": {...}, "Qualifier"?}}: the result is {@code {"ExecutedVersion": "$LATEST", "Payload":
 *       <response>, "SdkHttpMetadata": {...}, "SdkResponseMetadata": {"RequestId": ...}, "StatusCode": 200}};
 *   <li>{@code "Resource": "arn:aws:lambda:<region>:<account>:function:<name>[:qualifier]"}: the task input
 *       is the payload and the result is the response itself.
 * </ul>
 * A function error fails the task with error = the Lambda {@code errorType} (e.g. {@code dev.agentflow.core.error.HttpRequestFailed},
 * {@code Sandbox.Timedout}) and cause = the Lambda error JSON, so {@code Retry} / {@code Catch} match it as
 * in AWS. An unknown function fails with {@code Lambda.ResourceNotFoundException}; a task deadline that
 * passes first fails with {@code States.Timeout}.
 *
 * <p>Source: Step Functions Developer Guide, "Invoke an AWS Lambda function with Step Functions" and
 * "Handling errors in Step Functions workflows".
 */
public final class LambdaTaskHandler implements TaskHandler {

  /** The optimised Lambda integration resource. */
  public static final String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final LambdaService lambda;

  /** @param lambda the Lambda service that runs the functions */
  public LambdaTaskHandler(LambdaService lambda) {
    this.lambda = lambda;
  }

  /** @return whether this handler runs the resource: {@code lambda:invoke} or a Lambda function ARN */
  public static boolean handles(String resource) {
    return resource.equals(LAMBDA_INVOKE) || resource.startsWith("arn:aws:lambda:");
  }

  @Override
  public JsonNode invoke(String resource, JsonNode input, TaskContext context) throws TaskFailedException {
    if (resource.equals(LAMBDA_INVOKE)) {
      JsonNode functionName = input.path("FunctionName");
      if (!functionName.isTextual()) {
        throw new TaskFailedException("States.Runtime",
            "The lambda:invoke parameters of state '" + context.stateName() + "' have no FunctionName");
      }
      String target = functionName.asText();
      if (input.hasNonNull("Qualifier") && !target.startsWith("arn:")) {
        target = target + ":" + input.get("Qualifier").asText();
      }
      JsonNode payload = input.get("Payload");
      InvocationResult result = call(target, payload == null ? new byte[0] : bytes(payload), context);
      return invokeResponse(result);
    }
    if (resource.startsWith("arn:aws:lambda:")) {
      return parse(call(resource, bytes(input), context).payload());
    }
    throw new TaskFailedException("States.Runtime", "Unsupported Task resource " + resource);
  }

  private InvocationResult call(String functionName, byte[] payload, TaskContext context) throws TaskFailedException {
    InvocationResult result;
    try {
      result = lambda.invoke(functionName, payload, context.deadline());
    } catch (FunctionNotFoundException e) {
      throw new TaskFailedException("Lambda.ResourceNotFoundException", e.getMessage()
          + " (Service: Lambda, Status Code: 404, Request ID: " + UUID.randomUUID() + ")");
    } catch (CallerDeadlineException e) {
      throw new TaskFailedException("States.Timeout", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TaskFailedException("States.Runtime", "Task of state '" + context.stateName() + "' was interrupted");
    }
    if (result.failed()) {
      throw new TaskFailedException(result.error().errorType(), result.payloadText());
    }
    return result;
  }

  private static JsonNode invokeResponse(InvocationResult result) {
    ObjectNode response = JsonNodeFactory.instance.objectNode();
    response.put("ExecutedVersion", result.executedVersion());
    response.set("Payload", parse(result.payload()));
    ObjectNode http = response.putObject("SdkHttpMetadata");
    ObjectNode headers = JsonNodeFactory.instance.objectNode()
        .put("Content-Type", "application/json")
        .put("X-Amz-Executed-Version", result.executedVersion())
        .put("x-amzn-RequestId", result.requestId());
    http.set("AllHttpHeaders", headers.deepCopy());
    http.set("HttpHeaders", headers);
    http.put("HttpStatusCode", 200);
    response.putObject("SdkResponseMetadata").put("RequestId", result.requestId());
    response.put("StatusCode", 200);
    return response;
  }

  /** Step Functions parses the response as JSON; a response that is not JSON becomes a string. */
  private static JsonNode parse(byte[] payload) {
    if (payload.length == 0) {
      return JsonNodeFactory.instance.nullNode();
    }
    try {
      return JSON.readTree(payload);
    } catch (IOException e) {
      return TextNode.valueOf(new String(payload, StandardCharsets.UTF_8));
    }
  }

  private static byte[] bytes(JsonNode value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise task payload", e);
    }
  }
}
