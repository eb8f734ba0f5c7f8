package dev.agentflow.nodes.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.error.NodeExecutionFailed;
import dev.agentflow.core.error.NodeFailure;
import dev.agentflow.core.error.TemplateRenderFailed;
import dev.agentflow.core.json.Json;
import dev.agentflow.core.template.TemplateException;
import dev.agentflow.core.template.TemplateRenderer;
import dev.agentflow.shared.events.EventPayload;
import dev.agentflow.shared.events.EventPublisher;
import dev.agentflow.shared.events.EventType;
import dev.agentflow.shared.events.ExecutionEvent;
import dev.agentflow.shared.log.JsonLog;
import dev.agentflow.shared.output.OutputOffloader;
import dev.agentflow.shared.output.OutputResolver;
import dev.agentflow.shared.store.ExecutionStore;
import dev.agentflow.shared.store.FinishedNode;
import dev.agentflow.shared.store.NodeError;
import dev.agentflow.shared.store.NodeStatus;
import dev.agentflow.shared.store.StartedNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a {@link NodeExecutor} the same way for every node family: records the node running
 * ({@link ExecutionStore}) and publishes {@code execution:node_started}; resolves the stored-aside outputs
 * the node reads; bounds it by a deadline; then records completed (output stored aside when too large for
 * the state) and publishes {@code execution:node_completed}, or records failed, publishes
 * {@code execution:node_failed} (record and event in one transaction where the stores allow:
 * {@link EventPublisher#publishWith}) and rethrows the typed failure whose class name Step Functions'
 * Retry/Catch match. Secrets the executor registered are scrubbed from everything that leaves.
 *
 * <p>Returns the Lambda result {@code {"output": …, "metadata": {"durationMs": n, …}}}.
 */
public final class NodeRunner {

    /** Default node timeout when the task carries none (Step Functions' TimeoutSeconds of the workflow default). */
    public static final Duration DEFAULT_NODE_TIMEOUT = Duration.ofSeconds(300);
    /** Time kept back from the Lambda's remaining time to record a failure before Lambda stops us. */
    public static final Duration LAMBDA_SAFETY_MARGIN = Duration.ofSeconds(2);

    private final ExecutionStore store;
    private final EventPublisher events;
    private final OutputOffloader offloader;
    private final OutputResolver resolver;
    private final TemplateRenderer renderer;
    private final JsonLog log;
    private final Clock clock;
    private final StreamSettings streamSettings;

    /**
     * How node_output chunks are coalesced.
     *
     * @param interval longest wait between chunks while text arrives
     * @param maxChars chunk size that publishes at once
     */
    public record StreamSettings(Duration interval, int maxChars) {
        /** 50 ms or 200 characters. */
        public static StreamSettings defaults() {
            return new StreamSettings(Duration.ofMillis(50), 200);
        }
    }

    /**
     * @param store          node records
     * @param events         event publisher
     * @param offloader      large-output policy and store
     * @param resolver       resolves stored-aside outputs in the state
     * @param renderer       the shared template renderer
     * @param log            structured log (ids, codes, durations only)
     * @param clock          clock
     * @param streamSettings node_output coalescing
     */
    public NodeRunner(ExecutionStore store, EventPublisher events, OutputOffloader offloader, OutputResolver resolver,
                      TemplateRenderer renderer, JsonLog log, Clock clock, StreamSettings streamSettings) {
        this.store = store;
        this.events = events;
        this.offloader = offloader;
        this.resolver = resolver;
        this.renderer = renderer;
        this.log = log;
        this.clock = clock;
        this.streamSettings = streamSettings;
    }

    /**
     * Runs a node task.
     *
     * @param payload         the Lambda input (the Task state's Payload)
     * @param executor        the executor for the node's type
     * @param lambdaRemaining the Lambda's remaining time, or null when unknown
     * @return {@code {"output": …, "metadata": {…, "durationMs": n}}} as plain maps for the Lambda runtime
     * @throws NodeFailure the typed failure, after it is recorded and published
     */
    public Map<String, Object> run(Map<String, Object> payload, NodeExecutor executor, Duration lambdaRemaining) {
        NodeTask task = NodeTask.fromMap(payload);
        ObjectNode result = run(task, executor, lambdaRemaining);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = Json.MAPPER.convertValue(result, Map.class);
        return map;
    }

    /** As {@link #run(Map, NodeExecutor, Duration)} on a parsed task, returning JSON. */
    public ObjectNode run(NodeTask task, NodeExecutor executor, Duration lambdaRemaining) {
        NodeSpec node = task.node();
        String executionId = task.execution().id();
        Instant started = clock.instant();
        Instant deadline = deadline(started, node, lambdaRemaining);
        SecretScrubber secrets = new SecretScrubber();
        int attempt = store.nodeStarted(new StartedNode(executionId, node.id(), node.type(), node.label(), started));
        publish(task, EventType.NODE_STARTED, NodeStatus.RUNNING, null, null, null, null);
        log.info("node started", fields(task, "attempt", attempt));
        NodeContext context = null;
        try {
            ObjectNode state = resolveState(task, executor);
            context = new NodeContext(task, state, renderer, clock, deadline, secrets,
                    () -> new StreamingOutput(chunk -> publishChunk(task, chunk), secrets, clock,
                            streamSettings.interval(), streamSettings.maxChars()));
            NodeResult result = executor.execute(context);
            long durationMs = Duration.between(started, clock.instant()).toMillis();
            JsonNode output = secrets.scrub(result.output() == null ? Json.MAPPER.nullNode() : result.output());
            ObjectNode metadata = result.metadata() == null ? Json.object() : (ObjectNode) secrets.scrub(result.metadata());
            metadata.put("durationMs", durationMs);
            JsonNode carried = offloader.apply(executionId, node.id(), output, task.stateBytes());
            // the node record and node_completed in one write where the stores allow (DynamoDB: one TransactWriteItems)
            boolean current = events.publishWith(event(task, EventType.NODE_COMPLETED, NodeStatus.COMPLETED, carried, null,
                    null, durationMs), store.finishing(new FinishedNode(executionId, node.id(), attempt, clock.instant(),
                    durationMs, secrets.scrub(context.renderedInputs()), carried, metadata, null))).written();
            log.info("node completed", fields(task, "attempt", attempt, "durationMs", durationMs,
                    "storedAside", carried != output, "superseded", !current));
            ObjectNode response = Json.object();
            response.set("output", carried);
            response.set("metadata", metadata);
            return response;
        } catch (RuntimeException e) {
            NodeFailure failure = secretFree(asFailure(e), secrets);
            long durationMs = Duration.between(started, clock.instant()).toMillis();
            recordFailure(task, attempt, durationMs, context == null ? null : secrets.scrub(context.renderedInputs()), failure);
            throw failure;
        }
    }

    private ObjectNode resolveState(NodeTask task, NodeExecutor executor) {
        try {
            return resolver.resolveState(task.state(), executor.readsOutputsOf(task.node()));
        } catch (IllegalStateException e) {
            throw new NodeExecutionFailed("Node " + task.node().id() + " could not load an earlier node's output: "
                    + e.getMessage(), e);
        }
    }

    private void recordFailure(NodeTask task, int attempt, long durationMs, JsonNode inputs, NodeFailure failure) {
        String code = failure.errorCode().name();
        try {
            events.publishWith(event(task, EventType.NODE_FAILED, NodeStatus.FAILED, null, failure.getMessage(), code,
                    durationMs), store.finishing(new FinishedNode(task.execution().id(), task.node().id(), attempt,
                    clock.instant(), durationMs, inputs, null, null, new NodeError(code, failure.getMessage()))));
        } catch (RuntimeException recordError) {
            // The node's own failure is what Step Functions must see; the recording problem is logged.
            log.error("node failure could not be recorded", fields(task, "errorCode", code,
                    "recordError", recordError.getClass().getName() + ": " + recordError.getMessage()));
        }
        log.error("node failed", fields(task, "attempt", attempt, "durationMs", durationMs, "errorCode", code,
                "errorType", failure.getClass().getName(), "error", failure.getMessage()));
    }

    private static NodeFailure asFailure(RuntimeException e) {
        if (e instanceof NodeFailure failure) {
            return failure;
        }
        if (e instanceof TemplateException template) {
            return new TemplateRenderFailed(template.getMessage(), template);
        }
        return new NodeExecutionFailed("Node failed unexpectedly: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
    }

    /**
     * The failure to throw: the original when neither it nor its causes mention a secret, else a copy of the
     * same class with the message scrubbed and no cause (the Lambda runtime reports causes too).
     */
    private static NodeFailure secretFree(NodeFailure failure, SecretScrubber secrets) {
        if (!secrets.active()) {
            return failure;
        }
        boolean leaks = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            leaks |= secrets.leaks(t.getMessage()) || secrets.leaks(t.toString());
        }
        return leaks ? NodeFailure.of(failure.errorCode(), secrets.scrub(failure.getMessage())) : failure;
    }

    private Instant deadline(Instant started, NodeSpec node, Duration lambdaRemaining) {
        Duration timeout = node.timeoutSeconds() == null ? DEFAULT_NODE_TIMEOUT : Duration.ofSeconds(node.timeoutSeconds());
        if (lambdaRemaining != null) {
            Duration lambda = lambdaRemaining.minus(LAMBDA_SAFETY_MARGIN);
            if (lambda.compareTo(timeout) < 0) {
                timeout = lambda.isNegative() ? Duration.ZERO : lambda;
            }
        }
        return started.plus(timeout);
    }

    private void publish(NodeTask task, EventType type, NodeStatus status, JsonNode outputs, String error,
                         String errorCode, Long durationMs) {
        events.publish(event(task, type, status, outputs, error, errorCode, durationMs));
    }

    private ExecutionEvent event(NodeTask task, EventType type, NodeStatus status, JsonNode outputs, String error,
                                 String errorCode, Long durationMs) {
        NodeSpec node = task.node();
        return ExecutionEvent.of(type, task.execution().id(), new EventPayload(node.id(), node.label(),
                node.type(), status.wire(), outputs, error, errorCode, durationMs, clock.instant().toString(), null));
    }

    private void publishChunk(NodeTask task, String chunk) {
        ObjectNode outputs = Json.object();
        outputs.put("delta", chunk);
        publish(task, EventType.NODE_OUTPUT, NodeStatus.RUNNING, outputs, null, null, null);
    }

    private static Map<String, Object> fields(NodeTask task, Object... more) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("executionId", task.execution().id());
        fields.put("nodeId", task.node().id());
        fields.put("nodeType", task.node().type());
        for (int i = 0; i + 1 < more.length; i += 2) {
            fields.put((String) more[i], more[i + 1]);
        }
        return fields;
    }
}
