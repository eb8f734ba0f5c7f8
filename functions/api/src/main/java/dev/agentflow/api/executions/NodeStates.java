package dev.agentflow.api.executions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;
import dev.agentflow.shared.store.NodeRecord;
import java.time.Instant;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The per-node view of an execution (seed 000 §4.1 "获取执行详情" {@code nodes}): the node records the
 * node functions wrote (times, attempts, outputs, errors) merged with the execution output's final
 * {@code nodes} map (which also names the {@code skipped} nodes). The final map's status wins, except a
 * {@code running} one (a snapshot taken when a run was cancelled) over a record that has since ended; the
 * records' times and outputs win.
 */
public final class NodeStates {

    private final Map<String, ObjectNode> nodes;

    private NodeStates(Map<String, ObjectNode> nodes) {
        this.nodes = nodes;
    }

    /**
     * Merges.
     *
     * @param records    node records (possibly empty)
     * @param finalNodes the execution output's {@code nodes} object, or null
     */
    public static NodeStates merge(List<NodeRecord> records, JsonNode finalNodes) {
        Map<String, ObjectNode> nodes = new LinkedHashMap<>();
        if (finalNodes != null && finalNodes.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = finalNodes.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                ObjectNode view = Json.object();
                JsonNode n = e.getValue();
                view.put("status", n.path("status").asText("completed"));
                putIfPresent(view, "outputs", n.get("output"));
                putIfPresent(view, "metadata", n.get("metadata"));
                JsonNode error = n.get("error");
                if (error != null && !error.isNull()) {
                    view.set("error", errorView(error));
                }
                nodes.put(e.getKey(), view);
            }
        }
        for (NodeRecord r : records) {
            ObjectNode view = nodes.computeIfAbsent(r.nodeId(), id -> Json.object().put("status", r.status().wire()));
            if (view.path("status").asText().equals("running")) {
                // a summary taken while the node ran (a cancelled execution's): the node's own later end wins
                view.put("status", r.status().wire());
            }
            view.put("nodeType", r.nodeType());
            if (r.label() != null) {
                view.put("label", r.label());
            }
            view.put("attempts", r.attempts());
            view.put("startedAt", r.startedAt() == null ? null : r.startedAt().toString());
            view.put("completedAt", r.completedAt() == null ? null : r.completedAt().toString());
            if (r.durationMs() != null) {
                view.put("durationMs", r.durationMs());
            }
            putIfPresent(view, "outputs", r.output());
            putIfPresent(view, "metadata", r.metadata());
            if (r.error() != null) {
                view.set("error", Json.object().put("code", r.error().code()).put("message", r.error().message()));
            }
        }
        return new NodeStates(nodes);
    }

    private static void putIfPresent(ObjectNode view, String field, JsonNode value) {
        if (value != null && !value.isNull() && !value.isMissingNode()) {
            view.set(field, value);
        }
    }

    /** A Catch result {@code {Error, Cause}} as {@code {code, message}}; other shapes kept as they are. */
    private static JsonNode errorView(JsonNode error) {
        if (error.has("Error") || error.has("Cause")) {
            String name = error.path("Error").asText(null);
            return Json.object().put("code", ErrorText.code(name))
                    .put("message", ErrorText.message(error.path("Cause").asText(null), name));
        }
        return error;
    }

    /** Node id → view. */
    public ObjectNode asJson() {
        ObjectNode o = Json.object();
        nodes.forEach(o::set);
        return o;
    }

    /** Compact final summary to store on the execution record: {@code {"<id>": {status, error?, metadata?}}}. */
    public ObjectNode summary() {
        ObjectNode o = Json.object();
        nodes.forEach((id, view) -> {
            ObjectNode s = o.putObject(id);
            s.set("status", view.get("status"));
            putIfPresent(s, "error", view.get("error"));
            putIfPresent(s, "metadata", view.get("metadata"));
        });
        return o;
    }

    /** {@code {prompt, completion, total}} summed over every node's {@code metadata.tokensUsed}. */
    public ObjectNode tokenUsage() {
        long prompt = 0;
        long completion = 0;
        long total = 0;
        for (ObjectNode view : nodes.values()) {
            JsonNode used = view.path("metadata").path("tokensUsed");
            if (used.isNumber()) {
                total += used.asLong();
            } else if (used.isObject()) {
                prompt += used.path("prompt").asLong(0);
                completion += used.path("completion").asLong(0);
                total += used.path("total").asLong(used.path("prompt").asLong(0) + used.path("completion").asLong(0));
            }
        }
        return Json.object().put("prompt", prompt).put("completion", completion).put("total", total);
    }

    /** The failed node that ended first (by completion time, then document order), if any. */
    public Optional<Map.Entry<String, ObjectNode>> firstFailed() {
        return nodes.entrySet().stream()
                .filter(e -> "failed".equals(e.getValue().path("status").asText()))
                .min(Comparator.comparing(e -> e.getValue().path("completedAt").isTextual()
                        ? Instant.parse(e.getValue().path("completedAt").asText()) : Instant.MAX));
    }
}
