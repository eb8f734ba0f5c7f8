package dev.agentflow.nodes.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;
import dev.agentflow.core.template.TemplateReferences;
import dev.agentflow.nodes.runtime.NodeConfig;
import dev.agentflow.nodes.runtime.NodeContext;
import dev.agentflow.nodes.runtime.NodeExecutor;
import dev.agentflow.nodes.runtime.NodeResult;
import dev.agentflow.nodes.runtime.NodeSpec;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The end node: the execution's final outputs. With {@code config.outputs = {name: "{{ref}}" or template}}
 * the output is that map rendered, where a value that references a node that did not complete (skipped
 * behind a branch not taken, failed under errorHandling continue, or never reached) is null instead of an
 * error. Without {@code outputs} it is {@code {predecessorId: output}} of the predecessors that completed,
 * when the task names them ({@code node.predecessors}); else {@code {}}.
 */
public final class EndNodeExecutor implements NodeExecutor {

    private static final Set<String> NON_NODE_ROOTS = Set.of("inputs", "execution");

    @Override
    public Predicate<String> readsOutputsOf(NodeSpec node) {
        JsonNode outputs = node.config().get("outputs");
        if (outputs == null || outputs.isNull()) {
            return node.predecessors()::contains;
        }
        return NodeExecutor.super.readsOutputsOf(node);
    }

    @Override
    public NodeResult execute(NodeContext ctx) {
        NodeConfig config = ctx.config();
        JsonNode outputs = config.raw("outputs");
        ObjectNode result = Json.object();
        if (outputs == null) {
            for (String predecessor : ctx.node().predecessors()) {
                JsonNode record = ctx.state().path("nodes").path(predecessor);
                if (completed(record)) {
                    result.set(predecessor, record.path("output"));
                }
            }
            return NodeResult.of(result);
        }
        if (!outputs.isObject()) {
            throw config.invalid("outputs", "must be an object of output names to values");
        }
        Iterator<Map.Entry<String, JsonNode>> it = outputs.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode value = e.getValue();
            result.set(e.getKey(), readsIncompleteNode(ctx, value) ? Json.MAPPER.nullNode()
                    : ctx.renderValue("outputs." + e.getKey(), value));
        }
        ctx.recordInputs(outputs);
        return NodeResult.of(result);
    }

    private static boolean readsIncompleteNode(NodeContext ctx, JsonNode value) {
        if (value == null || !value.isTextual()) {
            return false;
        }
        List<TemplateReferences.Reference> refs = TemplateReferences.extract(value.asText());
        JsonNode nodes = ctx.state().path("nodes");
        return refs.stream()
                .map(TemplateReferences.Reference::root)
                .filter(root -> !NON_NODE_ROOTS.contains(root))
                .anyMatch(root -> !completed(nodes.path(root)));
    }

    private static boolean completed(JsonNode record) {
        if (record.isMissingNode() || !record.isObject()) {
            return false;
        }
        String status = record.path("status").asText("completed");
        return status.equals("completed") && record.has("output");
    }
}
