package dev.agentflow.nodes.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.error.NodeConfigInvalid;
import dev.agentflow.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a node Lambda receives from its Step Functions Task state:
 * <pre>{"execution": {"id", "arn", "startTime", "workflowId"?, "userId"?},
 *  "node": {"id", "type", "label", "config", "timeoutSeconds", "errorHandling", "predecessors"?},
 *  "state": {"inputs": {…}, "nodes": {"node_1": {"status", "output", "metadata"?}, …}}}</pre>
 * (ARCHITECTURE.md "Node handler contract").
 *
 * @param execution  the execution
 * @param node       the node to run
 * @param state      the execution state so far (outputs may be stored-aside references)
 * @param stateBytes size of {@code state} as received, bytes of JSON (for the state budget)
 */
public record NodeTask(ExecutionInfo execution, NodeSpec node, ObjectNode state, long stateBytes) {

    /**
     * Parses a task payload.
     *
     * @throws NodeConfigInvalid when execution.id, node.id or node.type is missing
     */
    public static NodeTask parse(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            throw new NodeConfigInvalid("Malformed node task: the payload is not a JSON object", null);
        }
        JsonNode execution = payload.path("execution");
        JsonNode node = payload.path("node");
        String executionId = text(execution, "id");
        String nodeId = text(node, "id");
        String type = text(node, "type");
        if (executionId == null || nodeId == null || type == null) {
            throw new NodeConfigInvalid("Malformed node task: execution.id, node.id and node.type are required", null);
        }
        JsonNode config = node.path("config");
        ObjectNode configObject = config.isObject() ? (ObjectNode) config : Json.object();
        List<String> predecessors = new ArrayList<>();
        node.path("predecessors").forEach(p -> predecessors.add(p.asText()));
        JsonNode timeout = node.path("timeoutSeconds");
        JsonNode state = payload.path("state");
        ObjectNode stateObject = state.isObject() ? (ObjectNode) state : Json.object();
        return new NodeTask(
                new ExecutionInfo(executionId, text(execution, "arn"), text(execution, "startTime"),
                        text(execution, "workflowId"), text(execution, "userId"), execution),
                new NodeSpec(nodeId, type, text(node, "label"), configObject,
                        timeout.canConvertToInt() && timeout.asInt() > 0 ? timeout.asInt() : null,
                        text(node, "errorHandling"), List.copyOf(predecessors)),
                stateObject,
                Json.write(stateObject).getBytes(StandardCharsets.UTF_8).length);
    }

    /** Parses the map the Lambda runtime deserialized the payload into. */
    public static NodeTask fromMap(Map<String, Object> payload) {
        return parse(Json.MAPPER.valueToTree(payload));
    }

    private static String text(JsonNode object, String field) {
        JsonNode v = object.path(field);
        return v.isValueNode() && !v.isNull() && !v.asText().isBlank() ? v.asText() : null;
    }
}
