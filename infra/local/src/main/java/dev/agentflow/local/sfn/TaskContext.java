package dev.agentflow.local.sfn;

import java.time.Instant;

/**
 * Where a task invocation comes from.
 *
 * @param executionArn {@code arn:aws:states:<region>:<account>:execution:<smName>:<execName>}
 * @param stateMachineArn the state machine ARN (unqualified, also when started on a version)
 * @param stateName the Task state's name
 * @param deadline when the engine fails the state with {@code States.Timeout}; {@code null} if the state has
 *     no TimeoutSeconds
 */
public record TaskContext(String executionArn, String stateMachineArn, String stateName, Instant deadline) {}
