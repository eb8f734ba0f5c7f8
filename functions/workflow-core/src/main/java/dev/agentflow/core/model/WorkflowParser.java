package dev.agentflow.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.error.Problem;
import dev.agentflow.core.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the editor's JSON into the model, collecting every structural problem instead of stopping at the
 * first. Accepts a whole workflow ({@code {name, definition: {nodes, edges, settings}, triggers}}) or a
 * bare definition ({@code {nodes, edges}}). Unknown fields (such as {@code position}) are kept in the
 * records' {@code raw} nodes, not rejected.
 *
 * <p>Problem codes: {@code MALFORMED_DEFINITION} (wrong JSON shape), {@code INVALID_SETTING}.
 */
public final class WorkflowParser {

    /** Maximum retries a policy may ask for. */
    public static final int MAX_RETRIES = 10;

    /**
     * The parse result.
     *
     * @param document the document; its lists hold only the nodes and edges that could be read
     * @param problems structural problems, empty when the shape is right
     */
    public record Result(WorkflowDocument document, List<Problem> problems) {
    }

    private final List<Problem> problems = new ArrayList<>();

    private WorkflowParser() {
    }

    /** Parses a document; never throws for bad input, whatever its shape. */
    public static Result parse(JsonNode root) {
        WorkflowParser p = new WorkflowParser();
        WorkflowDocument doc = p.document(root);
        return new Result(doc, List.copyOf(p.problems));
    }

    private WorkflowDocument document(JsonNode root) {
        if (root == null || !root.isObject()) {
            problems.add(Problem.document("MALFORMED_DEFINITION", "",
                    "A workflow must be a JSON object with a 'definition' (or bare 'nodes' and 'edges')."));
            return new WorkflowDocument(null, null,
                    new WorkflowDefinition(List.of(), List.of(), Settings.DEFAULTS, Json.object()), List.of(), Json.object());
        }
        ObjectNode obj = (ObjectNode) root;
        JsonNode defNode = obj.get("definition");
        String prefix = "definition.";
        if (defNode == null && (obj.has("nodes") || obj.has("edges"))) {
            defNode = obj;
            prefix = "";
        }
        WorkflowDefinition definition;
        if (defNode == null || !defNode.isObject()) {
            problems.add(Problem.document("MALFORMED_DEFINITION", "definition",
                    "'definition' must be an object with 'nodes' and 'edges'."));
            definition = new WorkflowDefinition(List.of(), List.of(), Settings.DEFAULTS, Json.object());
        } else {
            definition = definition((ObjectNode) defNode, prefix);
        }
        String name = optionalText(obj, "name", "name");
        String description = optionalText(obj, "description", "description");
        List<Trigger> triggers = new ArrayList<>();
        JsonNode trig = obj.get("triggers");
        if (trig != null && !trig.isNull()) {
            if (!trig.isArray()) {
                problems.add(Problem.document("MALFORMED_DEFINITION", "triggers", "'triggers' must be an array."));
            } else {
                for (int i = 0; i < trig.size(); i++) {
                    JsonNode t = trig.get(i);
                    if (!t.isObject() || !t.path("type").isTextual()) {
                        problems.add(Problem.document("MALFORMED_DEFINITION", "triggers[" + i + "]",
                                "A trigger must be an object with a string 'type'."));
                    } else {
                        triggers.add(new Trigger(t.get("type").asText(), (ObjectNode) t));
                    }
                }
            }
        }
        return new WorkflowDocument(name, description, definition, List.copyOf(triggers), obj);
    }

    private String optionalText(ObjectNode obj, String field, String path) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            problems.add(Problem.document("MALFORMED_DEFINITION", path, "'" + field + "' must be a string."));
            return null;
        }
        return v.asText();
    }

    private WorkflowDefinition definition(ObjectNode def, String prefix) {
        List<Node> nodes = new ArrayList<>();
        JsonNode nodesNode = def.get("nodes");
        if (nodesNode == null || !nodesNode.isArray()) {
            problems.add(Problem.document("MALFORMED_DEFINITION", prefix + "nodes", "'nodes' must be an array."));
        } else {
            for (int i = 0; i < nodesNode.size(); i++) {
                Node n = node(nodesNode.get(i), prefix + "nodes[" + i + "]");
                if (n != null) {
                    nodes.add(n);
                }
            }
        }
        List<Edge> edges = new ArrayList<>();
        JsonNode edgesNode = def.get("edges");
        if (edgesNode != null && !edgesNode.isNull() && !edgesNode.isArray()) {
            problems.add(Problem.document("MALFORMED_DEFINITION", prefix + "edges", "'edges' must be an array."));
        } else if (edgesNode != null && edgesNode.isArray()) {
            for (int i = 0; i < edgesNode.size(); i++) {
                Edge e = edge(edgesNode.get(i), prefix + "edges[" + i + "]");
                if (e != null) {
                    edges.add(e);
                }
            }
        }
        Settings settings = Settings.DEFAULTS;
        JsonNode s = def.get("settings");
        if (s != null && !s.isNull()) {
            if (!s.isObject()) {
                problems.add(Problem.document("MALFORMED_DEFINITION", prefix + "settings", "'settings' must be an object."));
            } else {
                settings = new Settings(timeout(s.get("timeout"), null, prefix + "settings.timeout"),
                        retry(s.get("retryPolicy"), null, prefix + "settings.retryPolicy"),
                        errorHandling(s.get("errorHandling"), null, prefix + "settings.errorHandling"));
            }
        }
        return new WorkflowDefinition(List.copyOf(nodes), List.copyOf(edges), settings, def);
    }

    private Node node(JsonNode n, String path) {
        if (!n.isObject()) {
            problems.add(Problem.document("MALFORMED_DEFINITION", path, "A node must be an object."));
            return null;
        }
        JsonNode idNode = n.get("id");
        if (idNode == null || !idNode.isTextual() || idNode.asText().isEmpty()) {
            problems.add(Problem.document("MALFORMED_DEFINITION", path + ".id", "A node needs a non-empty string 'id'."));
            return null;
        }
        String id = idNode.asText();
        JsonNode typeNode = n.get("type");
        String typeName = typeNode != null && typeNode.isTextual() ? typeNode.asText() : null;
        if (typeName == null) {
            problems.add(Problem.node("MALFORMED_DEFINITION", id, "type", "Node '" + id + "' needs a string 'type'."));
        }
        JsonNode data = n.get("data");
        if (data != null && !data.isNull() && !data.isObject()) {
            problems.add(Problem.node("MALFORMED_DEFINITION", id, "data", "Node '" + id + "': 'data' must be an object."));
            data = null;
        }
        String label = id;
        ObjectNode config = Json.object();
        Integer timeout = null;
        RetryPolicy retry = null;
        ErrorHandling handling = null;
        if (data != null && data.isObject()) {
            JsonNode l = data.get("label");
            if (l != null && l.isTextual() && !l.asText().isBlank()) {
                label = l.asText();
            }
            JsonNode c = data.get("config");
            if (c != null && !c.isNull()) {
                if (c.isObject()) {
                    config = (ObjectNode) c;
                } else {
                    problems.add(Problem.node("MALFORMED_DEFINITION", id, "data.config",
                            "Node '" + id + "': 'data.config' must be an object."));
                }
            }
            timeout = timeout(data.get("timeout"), id, "data.timeout");
            retry = retry(data.get("retryPolicy"), id, "data.retryPolicy");
            handling = errorHandling(data.get("errorHandling"), id, "data.errorHandling");
        }
        NodeType type = typeName == null ? null : NodeType.fromWire(typeName).orElse(null);
        return new Node(id, type, typeName, label, config, timeout, retry, handling, (ObjectNode) n);
    }

    private Edge edge(JsonNode e, String path) {
        if (!e.isObject()) {
            problems.add(Problem.document("MALFORMED_DEFINITION", path, "An edge must be an object."));
            return null;
        }
        JsonNode src = e.get("source");
        JsonNode tgt = e.get("target");
        JsonNode idNode = e.get("id");
        String id = idNode != null && idNode.isTextual() ? idNode.asText() : null;
        if (src == null || !src.isTextual() || tgt == null || !tgt.isTextual()) {
            problems.add(new Problem("MALFORMED_DEFINITION", null, id, path,
                    "An edge needs string 'source' and 'target' node ids."));
            return null;
        }
        if (id == null) {
            id = src.asText() + "->" + tgt.asText();
        }
        JsonNode handle = e.get("sourceHandle");
        String sourceHandle = handle != null && handle.isTextual() ? handle.asText() : null;
        Boolean when = null;
        JsonNode w = e.path("data").get("when");
        if (w != null && !w.isNull()) {
            if (w.isBoolean()) {
                when = w.asBoolean();
            } else if (w.isTextual() && (w.asText().equals("true") || w.asText().equals("false"))) {
                when = Boolean.parseBoolean(w.asText());
            } else {
                problems.add(Problem.edge("MALFORMED_DEFINITION", id, "data.when",
                        "Edge '" + id + "': 'data.when' must be true or false."));
            }
        }
        return new Edge(id, src.asText(), tgt.asText(), sourceHandle, when, (ObjectNode) e);
    }

    private Integer timeout(JsonNode t, String nodeId, String field) {
        if (t == null || t.isNull()) {
            return null;
        }
        if (!t.isIntegralNumber() || t.asLong() < 1 || t.asLong() > 31_536_000L) {
            problems.add(new Problem("INVALID_SETTING", nodeId, null, field,
                    "'timeout' must be a whole number of seconds from 1 to 31536000 (a year)."));
            return null;
        }
        return t.asInt();
    }

    private RetryPolicy retry(JsonNode r, String nodeId, String field) {
        if (r == null || r.isNull()) {
            return null;
        }
        if (!r.isObject()) {
            problems.add(new Problem("INVALID_SETTING", nodeId, null, field, "'retryPolicy' must be an object."));
            return null;
        }
        JsonNode max = r.get("maxRetries");
        JsonNode backoff = r.get("backoffMs");
        boolean ok = true;
        if (max != null && (!max.isIntegralNumber() || max.asInt() < 0 || max.asInt() > MAX_RETRIES)) {
            problems.add(new Problem("INVALID_SETTING", nodeId, null, field + ".maxRetries",
                    "'maxRetries' must be a whole number from 0 to " + MAX_RETRIES + "."));
            ok = false;
        }
        if (backoff != null && (!backoff.isNumber() || backoff.asLong() < 0 || backoff.asLong() > 3_600_000L)) {
            problems.add(new Problem("INVALID_SETTING", nodeId, null, field + ".backoffMs",
                    "'backoffMs' must be a number of milliseconds from 0 to 3600000."));
            ok = false;
        }
        if (!ok) {
            return null;
        }
        return new RetryPolicy(max == null ? 0 : max.asInt(), backoff == null ? 1000 : backoff.asLong());
    }

    private ErrorHandling errorHandling(JsonNode h, String nodeId, String field) {
        if (h == null || h.isNull()) {
            return null;
        }
        ErrorHandling v = h.isTextual() ? ErrorHandling.fromWire(h.asText()).orElse(null) : null;
        if (v == null) {
            problems.add(new Problem("INVALID_SETTING", nodeId, null, field,
                    "'errorHandling' must be one of stop, continue, fallback."));
        }
        return v;
    }
}
