package dev.agentflow.shared.sfn;

import java.util.Optional;

/**
 * The Step Functions operations the platform uses (AWS Step Functions API reference: CreateStateMachine,
 * UpdateStateMachine with {@code publish}, StartExecution, StopExecution, DescribeExecution,
 * DeleteStateMachine). {@link SfnStateMachines} is the real one; tests use a fake.
 *
 * <p>Every method throws {@link StateMachineException} when Step Functions refuses or cannot be reached.
 */
public interface StateMachines {

    /**
     * A deployed definition.
     *
     * @param stateMachineArn the state machine
     * @param versionArn      the version published with this definition
     */
    record Deployment(String stateMachineArn, String versionArn) {
    }

    /**
     * An execution's state as Step Functions reports it.
     *
     * @param status RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED (or PENDING_REDRIVE)
     * @param output the output JSON text when SUCCEEDED, else null
     * @param error  the error name when failed, else null
     * @param cause  the error cause when failed, else null
     */
    record ExecutionState(String status, String output, String error, String cause) {
    }

    /** Creates a STANDARD state machine from a definition (placeholders already substituted) and publishes version 1. */
    Deployment create(String name, String definitionJson, String versionDescription);

    /** Replaces the definition and publishes a new version. */
    Deployment update(String stateMachineArn, String definitionJson, String versionDescription);

    /** Deletes a state machine (used to undo a create whose workflow could not be stored). */
    void delete(String stateMachineArn);

    /**
     * Starts an execution named {@code name} of a state machine or version ARN. Starting the same name
     * with the same input again returns the same execution (StartExecution is idempotent for STANDARD).
     *
     * @return the execution ARN
     */
    String start(String stateMachineOrVersionArn, String name, String inputJson);

    /**
     * Stops a running execution (it ends ABORTED).
     *
     * @return false when there is no such execution
     */
    boolean stop(String executionArn, String error, String cause);

    /** The execution's state, or empty when it does not exist. */
    Optional<ExecutionState> describe(String executionArn);
}
