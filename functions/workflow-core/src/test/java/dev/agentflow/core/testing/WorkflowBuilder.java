package dev.agentflow.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;

/** Builds editor-shaped workflow JSON for tests: {@code {name, definition: {nodes, edges, settings}}}. */
public final class WorkflowBuilder {

    private final ObjectNode root = Json.object();
    private final ArrayNode nodes;
    private final ArrayNode edges;
    private int edgeCount;

    public WorkflowBuilder() {
        root.put("name", "test");
        ObjectNode def = root.putObject("definition");
        nodes = def.putArray("nodes");
        edges = def.putArray("edges");
    }

    /** A node with a config given as JSON text (may be null). */
    public WorkflowBuilder node(String id, String type, String configJson) {
        ObjectNode n = nodes.addObject();
        n.put("id", id);
        n.put("type", type);
        n.putObject("position").put("x", 0).put("y", 0);
        ObjectNode data = n.putObject("data");
        data.put("label", id);
        if (configJson != null) {
            data.set("config", Json.parse(configJson));
        }
        return this;
    }

    public WorkflowBuilder start(String id) {
        return node(id, "start", null);
    }

    public WorkflowBuilder end(String id) {
        return node(id, "end", null);
    }

    /** A template node (a Task) rendering a constant. */
    public WorkflowBuilder task(String id) {
        return node(id, "template", "{\"template\": \"" + id + "\"}");
    }

    /** A native condition on {@code left > right}. */
    public WorkflowBuilder condition(String id, String leftRef, int right) {
        return node(id, "condition", "{\"conditions\": [{\"left\": \"{{" + leftRef + "}}\", \"operator\": \">\", \"right\": " + right + "}]}");
    }

    /** Sets {@code data.<field>} of the last-added node with that id. */
    public WorkflowBuilder data(String id, String field, String json) {
        for (JsonNode n : nodes) {
            if (n.get("id").asText().equals(id)) {
                ((ObjectNode) n.get("data")).set(field, Json.parse(json));
            }
        }
        return this;
    }

    public WorkflowBuilder edge(String source, String target) {
        return edge(source, target, null);
    }

    public WorkflowBuilder edge(String source, String target, String handle) {
        ObjectNode e = edges.addObject();
        e.put("id", "e" + (++edgeCount));
        e.put("source", source);
        e.put("target", target);
        if (handle != null) {
            e.put("sourceHandle", handle);
        }
        return this;
    }

    public WorkflowBuilder settings(String json) {
        ((ObjectNode) root.get("definition")).set("settings", Json.parse(json));
        return this;
    }

    public ObjectNode json() {
        return root;
    }
}
