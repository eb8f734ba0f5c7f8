package dev.agentflow.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs a Task state's {@code Resource}. Implemented by the local Lambda runner; the engine calls it on one
 * of its worker threads and may block there for the duration of the call.
 *
 * <p>Source: Step Functions developer guide, "Task workflow state" and "Invoke an AWS Lambda function with
 * Step Functions" (the {@code arn:aws:states:::lambda:invoke} result shape).
 */
public interface TaskHandler {

  /**
   * Invokes a task resource.
   *
   * @param resource the Task's Resource, e.g. {@code "arn:aws:states:::lambda:invoke"} or a Lambda function ARN
   * @param input the effective task input (after InputPath/Parameters)
   * @param context where the call comes from and when it must end
   * @return the task result (for lambda:invoke: {@code {"ExecutedVersion","Payload","StatusCode", ...}})
   * @throws TaskFailedException for a task error; error = e.g. the Lambda errorType
   *     ({@code "HTTP_REQUEST_FAILED"}) or {@code "Lambda.Unknown"}, cause = the Lambda error JSON text
   */
  JsonNode invoke(String resource, JsonNode input, TaskContext context) throws TaskFailedException;
}
