package dev.agentflow.nodes.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;
import dev.agentflow.shared.testing.ProjectFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/** Builds node task payloads exactly as the compiled Task states send them. */
public final class Tasks {

    private Tasks() {
    }

    /**
     * A payload.
     *
     * @param executionId execution name
     * @param userId      user, or null
     * @param node        the node object as JSON ({@code {"id", "type", "label", "config"}})
     * @param state       the state as JSON ({@code {"inputs", "nodes"}})
     */
    public static Map<String, Object> task(String executionId, String userId, String node, String state) {
        ObjectNode payload = Json.object();
        ObjectNode execution = payload.putObject("execution");
        execution.put("id", executionId);
        execution.put("arn", "arn:aws:states:us-east-1:000000000000:execution:wf:" + executionId);
        execution.put("startTime", "2026-01-29T10:05:00.000Z");
        execution.put("workflowId", "wf_test");
        if (userId != null) {
            execution.put("userId", userId);
        }
        ObjectNode nodeObject = (ObjectNode) Json.parse(node);
        if (!nodeObject.has("timeoutSeconds")) {
            nodeObject.put("timeoutSeconds", 300);
        }
        if (!nodeObject.has("errorHandling")) {
            nodeObject.put("errorHandling", "stop");
        }
        payload.set("node", nodeObject);
        payload.set("state", Json.parse(state));
        return toMap(payload);
    }

    /** A sample event from events/ (e.g. {@code node-http.json}) as the Lambda runtime hands it over. */
    public static ObjectNode sampleEvent(String name) {
        try {
            return (ObjectNode) Json.parse(Files.readString(ProjectFiles.resolve("events/" + name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON payload as the map a Lambda {@code RequestHandler<Map, Map>} receives. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> toMap(JsonNode payload) {
        return Json.MAPPER.convertValue(payload, Map.class);
    }

    /** A handler result as JSON. */
    public static JsonNode json(Map<String, Object> result) {
        return Json.MAPPER.valueToTree(result);
    }
}
