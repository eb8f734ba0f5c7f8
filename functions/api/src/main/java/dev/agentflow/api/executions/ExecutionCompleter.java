package dev.agentflow.api.executions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.error.ErrorCode;
import dev.agentflow.core.json.Json;
import dev.agentflow.shared.events.EventPublisher;
import dev.agentflow.shared.runs.Completion;
import dev.agentflow.shared.runs.LifecycleEvents;
import dev.agentflow.shared.runs.ExecutionRecord;
import dev.agentflow.shared.runs.ExecutionRepository;
import dev.agentflow.shared.runs.ExecutionStatus;
import dev.agentflow.shared.sfn.StateMachines;
import dev.agentflow.shared.store.ExecutionStore;
import dev.agentflow.shared.store.NodeRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies a "Step Functions Execution Status Change" EventBridge event (Step Functions developer guide,
 * "Execution status change EventBridge events": {@code detail} has {@code executionArn}, {@code name},
 * {@code status}, {@code startDate}/{@code stopDate} in epoch ms, {@code output} as JSON text unless
 * {@code outputDetails.included} is false, {@code error}, {@code cause}) to the execution record named by
 * {@code detail.name}. Completion is exactly once: {@link ExecutionRepository#complete} is a conditional
 * write, so a duplicate delivery changes nothing and the workflow's run count is bumped once; the final event is
 * stored with it ({@link EventPublisher#publishIfWritten}, numbered after the newest node event the node records
 * know of, without reading the event log).
 */
public final class ExecutionCompleter {

    /**
     * What an event did.
     */
    public enum Outcome {
        /** This event ended the execution. */
        COMPLETED,
        /** The execution was already ended (duplicate or late event). */
        ALREADY_COMPLETED,
        /** RUNNING: recorded as started. */
        STARTED,
        /** Not an execution of ours, or not a status we act on. */
        IGNORED
    }

    private final ExecutionRepository executions;
    private final ExecutionStore nodes;
    private final StateMachines stateMachines;
    private final Clock clock;
    private final EventPublisher events;

    /** Without execution events (tests of other behaviour). */
    public ExecutionCompleter(ExecutionRepository executions, ExecutionStore nodes, StateMachines stateMachines,
                              Clock clock) {
        this(executions, nodes, stateMachines, clock, e -> e);
    }

    /**
     * @param executions    execution records
     * @param nodes         node records (for failed / aborted executions, which have no output)
     * @param stateMachines Step Functions (DescribeExecution when the event left the output out)
     * @param clock         clock, when the event carries no stopDate
     * @param events        publishes execution:completed / failed / cancelled once the record ends (issue 6)
     */
    public ExecutionCompleter(ExecutionRepository executions, ExecutionStore nodes, StateMachines stateMachines,
                              Clock clock, EventPublisher events) {
        this.executions = executions;
        this.nodes = nodes;
        this.stateMachines = stateMachines;
        this.clock = clock;
        this.events = events;
    }

    /** Applies one event. Never throws for an unknown execution or status; AWS failures propagate (EventBridge retries). */
    public Outcome apply(JsonNode event) {
        JsonNode detail = event.path("detail");
        String name = detail.path("name").asText(null);
        String sfnStatus = detail.path("status").asText(null);
        if (name == null) {
            return Outcome.IGNORED;
        }
        Optional<ExecutionRecord> found = executions.find(name);
        if (found.isEmpty()) {
            return Outcome.IGNORED;
        }
        ExecutionRecord record = found.get();
        if ("RUNNING".equals(sfnStatus)) {
            if (record.status() == ExecutionStatus.PENDING) {
                executions.markStarted(record, detail.path("executionArn").asText(null));
            }
            return Outcome.STARTED;
        }
        Optional<ExecutionStatus> terminal = ExecutionStatus.fromStepFunctions(sfnStatus);
        if (terminal.isEmpty()) {
            return Outcome.IGNORED;
        }
        if (record.status().terminal()) {
            return Outcome.ALREADY_COMPLETED;
        }
        List<NodeRecord> nodeRecords = nodes.listNodes(record.executionId());
        Completion completion = completion(record, terminal.get(), detail, nodeRecords);
        // the record's end and its event in one write where the stores allow; the newest node event numbers it
        long storedSeq = nodeRecords.stream().map(NodeRecord::eventSeq).filter(Objects::nonNull)
                .mapToLong(Long::longValue).max().orElse(0);
        if (!events.publishIfWritten(LifecycleEvents.ended(completion), executions.completing(completion), storedSeq)
                .written()) {
            return Outcome.ALREADY_COMPLETED;
        }
        return Outcome.COMPLETED;
    }

    private Completion completion(ExecutionRecord record, ExecutionStatus status, JsonNode detail,
                                  List<NodeRecord> nodeRecords) {
        JsonNode output = status == ExecutionStatus.COMPLETED ? output(detail) : null;
        JsonNode finalNodes = output == null ? null : output.get("nodes");
        NodeStates states = NodeStates.merge(nodeRecords, finalNodes);
        Instant stoppedAt = detail.path("stopDate").isNumber()
                ? Instant.ofEpochMilli(detail.path("stopDate").asLong()) : clock.instant();
        long durationMs = Math.max(0, stoppedAt.toEpochMilli() - record.startedAt().toEpochMilli());
        String errorCode = null;
        String errorMessage = null;
        String errorNodeId = null;
        if (status == ExecutionStatus.FAILED || status == ExecutionStatus.TIMED_OUT) {
            Optional<Map.Entry<String, ObjectNode>> failed = states.firstFailed();
            String error = detail.path("error").asText(null);
            errorCode = status == ExecutionStatus.TIMED_OUT ? ErrorCode.TIMEOUT.name() : ErrorText.code(error);
            errorMessage = ErrorText.message(detail.path("cause").asText(null),
                    status == ExecutionStatus.TIMED_OUT ? "The execution timed out." : "The execution failed.");
            if (failed.isPresent()) {
                errorNodeId = failed.get().getKey();
                JsonNode nodeError = failed.get().getValue().path("error");
                if (nodeError.path("message").isTextual()) {
                    errorMessage = nodeError.path("message").asText();
                }
                if (nodeError.path("code").isTextual() && status == ExecutionStatus.FAILED) {
                    errorCode = nodeError.path("code").asText();
                }
            }
        }
        JsonNode outputs = output == null ? null : output.get("outputs");
        return new Completion(record.executionId(), record.userId(), record.workflowId(), status, outputs,
                states.summary(), errorCode, errorMessage, errorNodeId, states.tokenUsage(), stoppedAt, durationMs,
                true);
    }

    /** The execution output: from the event, or DescribeExecution when the event left it out (over 256 KiB). */
    private JsonNode output(JsonNode detail) {
        String text = detail.path("output").isTextual() ? detail.path("output").asText() : null;
        if (text == null) {
            String arn = detail.path("executionArn").asText(null);
            if (arn != null) {
                text = stateMachines.describe(arn).map(StateMachines.ExecutionState::output).orElse(null);
            }
        }
        if (text == null) {
            return null;
        }
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException e) {
            return Json.object().put("$unparsable", true);
        }
    }
}
