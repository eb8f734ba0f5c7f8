/**
 * The local AWS Step Functions service of the embedded local cloud.
 *
 * <p>Public API (used by the edge server and {@code LocalCloud}): {@link dev.agentflow.local.sfn.StepFunctionsService}
 * (the API operations over AWS JSON 1.0 bodies), {@link dev.agentflow.local.sfn.SfnOptions},
 * {@link dev.agentflow.local.sfn.TaskHandler} / {@link dev.agentflow.local.sfn.TaskContext} /
 * {@link dev.agentflow.local.sfn.TaskFailedException} (how Task states reach the Lambda runner),
 * {@link dev.agentflow.local.sfn.ExecutionStatusListener} and {@link dev.agentflow.local.sfn.SfnServiceException}.
 *
 * <p>Inside: {@code data} (JSONPath, reference paths, payload templates, intrinsic functions, JSONata templates),
 * {@code asl} (the
 * parsed and validated definition), {@code engine} (the interpreter: a worker pool runs states, a timer thread
 * schedules waits, retries and timeouts), {@code service} (the operations, registry and JSON-file persistence).
 *
 * <p>Sources: the Amazon States Language spec (states-language.net), the AWS Step Functions developer guide and API
 * reference.
 */
package dev.agentflow.local.sfn;
