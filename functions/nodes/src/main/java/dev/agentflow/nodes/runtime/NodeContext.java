package dev.agentflow.nodes.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.error.TemplateRenderFailed;
import dev.agentflow.core.template.TemplateException;
import dev.agentflow.core.template.TemplateRenderer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Everything an executor may use for one invocation: the task, the state with stored-aside outputs
 * resolved, the template renderer and its variables, the deadline, the secret scrubber, the stream of
 * node_output events, and a place to record the rendered inputs.
 */
public final class NodeContext {

    private final NodeTask task;
    private final ObjectNode state;
    private final Map<String, Object> variables;
    private final TemplateRenderer renderer;
    private final Clock clock;
    private final Instant deadline;
    private final SecretScrubber secrets;
    private final Supplier<StreamingOutput> streams;
    private JsonNode renderedInputs;

    /**
     * @param task      the task as received
     * @param state     the state with the outputs this node reads resolved
     * @param renderer  the shared renderer
     * @param clock     clock
     * @param deadline  when the node must have finished (node timeout and Lambda time, whichever is first)
     * @param secrets   this invocation's scrubber
     * @param streams   opens the node_output stream
     */
    public NodeContext(NodeTask task, ObjectNode state, TemplateRenderer renderer, Clock clock, Instant deadline,
                       SecretScrubber secrets, Supplier<StreamingOutput> streams) {
        this.task = task;
        this.state = state;
        this.variables = TemplateRenderer.variables(state, task.execution().raw());
        this.renderer = renderer;
        this.clock = clock;
        this.deadline = deadline;
        this.secrets = secrets;
        this.streams = streams;
    }

    /** The task. */
    public NodeTask task() {
        return task;
    }

    /** The node. */
    public NodeSpec node() {
        return task.node();
    }

    /** The node's config, read with typed accessors. */
    public NodeConfig config() {
        return new NodeConfig(task.node().config(), task.node().id());
    }

    /** The execution. */
    public ExecutionInfo execution() {
        return task.execution();
    }

    /** The state ({@code inputs}, {@code nodes}), stored-aside outputs this node reads resolved. */
    public ObjectNode state() {
        return state;
    }

    /** Template variables built from {@link #state()}. */
    public Map<String, Object> variables() {
        return variables;
    }

    /** The renderer. */
    public TemplateRenderer renderer() {
        return renderer;
    }

    /**
     * Renders a template string against the state. A reference to an object or array inside text renders
     * as compact JSON ({@code "data: {{node_2.output.body}}"} → {@code data: {"temperature":15}}).
     *
     * @throws TemplateRenderFailed on a syntax error or unknown reference, naming the field
     */
    public String render(String field, String template) {
        try {
            return renderer.render(template, variables);
        } catch (TemplateException e) {
            throw templateFailure(field, e);
        }
    }

    /**
     * Renders every string in a JSON value; a string that is exactly one reference keeps the referenced type.
     *
     * @throws TemplateRenderFailed as {@link #render}
     */
    public JsonNode renderValue(String field, JsonNode value) {
        try {
            return renderer.renderValue(value, variables);
        } catch (TemplateException e) {
            throw templateFailure(field, e);
        }
    }

    private TemplateRenderFailed templateFailure(String field, TemplateException e) {
        return new TemplateRenderFailed("Node " + task.node().id() + ": config." + field + ": " + e.getMessage(), e);
    }

    /** The clock. */
    public Clock clock() {
        return clock;
    }

    /** When the node must have finished. */
    public Instant deadline() {
        return deadline;
    }

    /** Time left before the deadline (zero or negative when passed). */
    public Duration remaining() {
        return Duration.between(clock.instant(), deadline);
    }

    /** This invocation's secret scrubber: register every secret the node uses. */
    public SecretScrubber secrets() {
        return secrets;
    }

    /** Opens the stream of {@code execution:node_output} events; close it when the stream ends. */
    public StreamingOutput openOutputStream() {
        return streams.get();
    }

    /** Records the node's inputs as rendered, for the node record (secrets are scrubbed by the runner). */
    public void recordInputs(JsonNode inputs) {
        this.renderedInputs = inputs;
    }

    /** The recorded inputs, or null. */
    public JsonNode renderedInputs() {
        return renderedInputs;
    }
}
