package dev.agentflow.shared.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Replaces stored-aside references in an execution state with the full outputs, so templates, conditions
 * and the API see the real value. A reference that cannot be loaded is an {@link IllegalStateException}.
 */
public final class OutputResolver {

    private final LargeOutputStore store;

    /** @param store where large outputs were stored */
    public OutputResolver(LargeOutputStore store) {
        this.store = store;
    }

    /**
     * A copy of {@code state} ({@code {"inputs": …, "nodes": {id: {"output": …}}}}) in which each
     * {@code nodes.<id>.output} that is a reference, for the nodes {@code wanted} accepts, holds the full value.
     */
    public ObjectNode resolveState(JsonNode state, Predicate<String> wanted) {
        ObjectNode copy = state != null && state.isObject() ? ((ObjectNode) state).deepCopy() : Json.object();
        JsonNode nodes = copy.get("nodes");
        if (nodes == null || !nodes.isObject()) {
            return copy;
        }
        Iterator<Map.Entry<String, JsonNode>> it = nodes.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!wanted.test(entry.getKey()) || !entry.getValue().isObject()) {
                continue;
            }
            ObjectNode record = (ObjectNode) entry.getValue();
            JsonNode output = record.get("output");
            if (OutputReference.from(output).isPresent()) {
                record.set("output", resolve(output));
            }
        }
        return copy;
    }

    /** The full value when {@code value} is a reference; otherwise {@code value} itself. */
    public JsonNode resolve(JsonNode value) {
        return OutputReference.from(value)
                .map(ref -> store.get(ref.executionId(), ref.nodeId())
                        .map(bytes -> Json.parse(new String(bytes, StandardCharsets.UTF_8)))
                        .orElseThrow(() -> new IllegalStateException(
                                "The stored output " + ref.uri() + " was not found (expired or never written)")))
                .orElse(value);
    }
}
