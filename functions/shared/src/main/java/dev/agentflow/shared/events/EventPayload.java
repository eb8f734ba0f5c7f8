package dev.agentflow.shared.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code payload} of an execution event (seed 000 §2.3 WSMessage, §4.2). Absent fields are omitted.
 *
 * @param nodeId     node id, for node events
 * @param nodeName   node label
 * @param nodeType   node type (extension: lets a client pick an icon without the definition)
 * @param status     running, completed, failed…
 * @param outputs    node_completed: the output as carried in the state (a stored-aside output is
 *                   {@code {"$ref", "preview", "sizeBytes"}}); node_output: {@code {"delta": "<text>"}}
 * @param error      failure message; never a secret
 * @param errorCode  failure code, e.g. {@code LLM_API_ERROR} (extension)
 * @param durationMs node duration in ms, on completion or failure
 * @param timestamp  ISO-8601 instant of the event
 * @param seq        per-execution sequence number, assigned when the event is published; null before
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventPayload(String nodeId, String nodeName, String nodeType, String status, JsonNode outputs,
                           String error, String errorCode, Long durationMs, String timestamp, Long seq) {

    /** The same payload with a sequence number. */
    public EventPayload withSeq(long newSeq) {
        return new EventPayload(nodeId, nodeName, nodeType, status, outputs, error, errorCode, durationMs, timestamp, newSeq);
    }

    /** The same payload with other outputs. */
    public EventPayload withOutputs(JsonNode newOutputs) {
        return new EventPayload(nodeId, nodeName, nodeType, status, newOutputs, error, errorCode, durationMs, timestamp, seq);
    }
}
