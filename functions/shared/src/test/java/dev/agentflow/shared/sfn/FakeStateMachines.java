package dev.agentflow.shared.sfn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A recording {@link StateMachines}: keeps definitions and versions, starts nothing, and can be told to
 * fail. Execution ARNs follow AWS's shape ({@code arn:aws:states:…:execution:<machine>:<name>}).
 */
public final class FakeStateMachines implements StateMachines {

    /** A started execution. */
    public record Started(String stateMachineOrVersionArn, String name, String input) {
    }

    private static final String PREFIX = "arn:aws:states:us-east-1:000000000000:";

    /** State machine ARN → definitions, one per published version. */
    public final Map<String, List<String>> definitions = new ConcurrentHashMap<>();
    /** Executions started, in order (a repeated name with the same input is not started twice). */
    public final List<Started> started = new ArrayList<>();
    /** Executions stopped. */
    public final List<String> stopped = new ArrayList<>();
    /** Execution ARN → state DescribeExecution answers. */
    public final Map<String, ExecutionState> states = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile boolean failing;

    /** Makes every later call throw {@link StateMachineException} (or not). */
    public void failing(boolean fail) {
        this.failing = fail;
    }

    /** How many calls were made. */
    public int calls() {
        return calls.get();
    }

    private void call(String operation) {
        calls.incrementAndGet();
        if (failing) {
            throw new StateMachineException(operation + " failed: ServiceUnavailable", null);
        }
    }

    @Override
    public synchronized Deployment create(String name, String definitionJson, String versionDescription) {
        call("CreateStateMachine");
        String arn = PREFIX + "stateMachine:" + name;
        if (definitions.containsKey(arn)) {
            throw new StateMachineException("CreateStateMachine failed: StateMachineAlreadyExists", null);
        }
        List<String> list = new ArrayList<>(List.of(definitionJson));
        definitions.put(arn, list);
        return new Deployment(arn, arn + ":1");
    }

    @Override
    public synchronized Deployment update(String stateMachineArn, String definitionJson, String versionDescription) {
        call("UpdateStateMachine");
        List<String> list = definitions.get(stateMachineArn);
        if (list == null) {
            throw new StateMachineException("UpdateStateMachine failed: StateMachineDoesNotExist", null);
        }
        list.add(definitionJson);
        return new Deployment(stateMachineArn, stateMachineArn + ":" + list.size());
    }

    @Override
    public synchronized void delete(String stateMachineArn) {
        call("DeleteStateMachine");
        definitions.remove(stateMachineArn);
    }

    @Override
    public synchronized String start(String arn, String name, String inputJson) {
        call("StartExecution");
        String machine = arn.substring((PREFIX + "stateMachine:").length()).replaceAll(":\\d+$", "");
        String executionArn = PREFIX + "execution:" + machine + ":" + name;
        boolean already = started.stream().anyMatch(s -> s.name().equals(name));
        if (!already) {
            started.add(new Started(arn, name, inputJson));
            states.put(executionArn, new ExecutionState("RUNNING", null, null, null));
        }
        return executionArn;
    }

    @Override
    public synchronized boolean stop(String executionArn, String error, String cause) {
        call("StopExecution");
        stopped.add(executionArn);
        return states.computeIfPresent(executionArn, (k, v) -> new ExecutionState("ABORTED", null, error, cause)) != null;
    }

    @Override
    public Optional<ExecutionState> describe(String executionArn) {
        call("DescribeExecution");
        return Optional.ofNullable(states.get(executionArn));
    }
}
