package dev.agentflow.shared.sfn;

import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.UpdateStateMachineResponse;

/**
 * {@link StateMachines} on the AWS SDK v2 {@link SfnClient}. State machines are STANDARD (exactly-once
 * executions, named executions idempotent for 90 days) and run with {@code roleArn}, the role allowed to
 * invoke the node functions.
 */
public final class SfnStateMachines implements StateMachines {

    private final SfnClient sfn;
    private final String roleArn;

    /**
     * @param sfn     client, built once per container
     * @param roleArn execution role of every state machine (template.yaml {@code WorkflowStateMachineRole})
     */
    public SfnStateMachines(SfnClient sfn, String roleArn) {
        this.sfn = sfn;
        this.roleArn = roleArn;
    }

    @Override
    public Deployment create(String name, String definitionJson, String versionDescription) {
        CreateStateMachineResponse r = call("CreateStateMachine", () -> sfn.createStateMachine(b -> b
                .name(name).definition(definitionJson).roleArn(roleArn).type(StateMachineType.STANDARD)
                .publish(true).versionDescription(versionDescription)));
        return new Deployment(r.stateMachineArn(), r.stateMachineVersionArn());
    }

    @Override
    public Deployment update(String stateMachineArn, String definitionJson, String versionDescription) {
        UpdateStateMachineResponse r = call("UpdateStateMachine", () -> sfn.updateStateMachine(b -> b
                .stateMachineArn(stateMachineArn).definition(definitionJson).roleArn(roleArn)
                .publish(true).versionDescription(versionDescription)));
        return new Deployment(stateMachineArn, r.stateMachineVersionArn());
    }

    @Override
    public void delete(String stateMachineArn) {
        call("DeleteStateMachine", () -> sfn.deleteStateMachine(b -> b.stateMachineArn(stateMachineArn)));
    }

    @Override
    public String start(String stateMachineOrVersionArn, String name, String inputJson) {
        return call("StartExecution", () -> sfn.startExecution(b -> b
                .stateMachineArn(stateMachineOrVersionArn).name(name).input(inputJson))).executionArn();
    }

    @Override
    public boolean stop(String executionArn, String error, String cause) {
        try {
            call("StopExecution", () -> sfn.stopExecution(b -> b.executionArn(executionArn).error(error).cause(cause)));
            return true;
        } catch (StateMachineException e) {
            if (e.getCause() instanceof ExecutionDoesNotExistException) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<ExecutionState> describe(String executionArn) {
        try {
            DescribeExecutionResponse r = call("DescribeExecution", () -> sfn.describeExecution(b -> b.executionArn(executionArn)));
            return Optional.of(new ExecutionState(r.statusAsString(), r.output(), r.error(), r.cause()));
        } catch (StateMachineException e) {
            if (e.getCause() instanceof ExecutionDoesNotExistException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static <T> T call(String operation, Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            throw new StateMachineException(operation + " failed: " + e.getClass().getSimpleName(), e);
        }
    }
}
