package dev.agentflow.local.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * One execution event as the WebSocket API pushes it and the events endpoint returns it
 * (functions/realtime README; seed 000 §2.3): {@code {type, executionId, payload: {nodeId?, nodeName?,
 * nodeType?, status?, outputs?, error?, errorCode?, durationMs?, timestamp, seq}}}.
 *
 * @param type        e.g. {@code execution:node_started}
 * @param executionId the execution
 * @param seq         per-execution sequence number, from 1
 * @param nodeId      the node, for node events and {@code execution:failed} (the failing node); else null
 * @param nodeName    the node's label, or null
 * @param nodeType    the node's type, or null
 * @param outputs     node outputs, {@code {delta}} of a node_output, the final outputs of execution:completed; or null
 * @param error       failure message, or null
 * @param errorCode   failure code, e.g. {@code HTTP_REQUEST_FAILED}, or null
 * @param durationMs  the node's duration in ms, or null
 * @param timestamp   ISO-8601 instant, or null
 */
public record ExecutionEvent(String type, String executionId, long seq, String nodeId, String nodeName, String nodeType,
                             JsonNode outputs, String error, String errorCode, Long durationMs, String timestamp) {

    public static final String STARTED = "execution:started";
    public static final String NODE_STARTED = "execution:node_started";
    public static final String NODE_OUTPUT = "execution:node_output";
    public static final String NODE_COMPLETED = "execution:node_completed";
    public static final String NODE_FAILED = "execution:node_failed";
    public static final String COMPLETED = "execution:completed";
    public static final String FAILED = "execution:failed";
    public static final String CANCELLED = "execution:cancelled";
    private static final Set<String> ENDS = Set.of(COMPLETED, FAILED, CANCELLED, "execution:timed_out");

    /**
     * Reads an event.
     *
     * @throws IllegalArgumentException when it has no type or no positive seq
     */
    public static ExecutionEvent from(JsonNode json) {
        String type = json.path("type").asText("");
        JsonNode p = json.path("payload");
        long seq = p.path("seq").asLong(0);
        if (!type.startsWith("execution:") || seq <= 0) {
            throw new IllegalArgumentException("not an execution event: " + json);
        }
        return new ExecutionEvent(type, json.path("executionId").asText(null), seq, text(p, "nodeId"), text(p, "nodeName"),
                text(p, "nodeType"), p.get("outputs"), text(p, "error"), text(p, "errorCode"),
                p.path("durationMs").isNumber() ? p.path("durationMs").asLong() : null, text(p, "timestamp"));
    }

    /** @return whether this event ends the execution (completed, failed, cancelled, timed out) */
    public boolean isEnd() {
        return ENDS.contains(type);
    }

    /** @return the streamed text of a node_output event, or "" */
    public String delta() {
        return outputs == null ? "" : outputs.path("delta").asText("");
    }

    private static String text(JsonNode p, String field) {
        JsonNode v = p.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
