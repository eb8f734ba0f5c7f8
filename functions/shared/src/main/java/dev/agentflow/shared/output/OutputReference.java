package dev.agentflow.shared.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;
import java.util.Optional;

/**
 * Points at a node output stored aside because it was too large to travel in the Step Functions state
 * (256 KiB limit; ARCHITECTURE.md). In the state it reads
 * {@code {"$ref": "agentflow:output:<executionId>:<nodeId>", "preview": "<first characters>", "sizeBytes": n}}.
 * Step Functions execution names cannot contain {@code :}, so the first {@code :} after the prefix ends
 * the execution id.
 *
 * @param executionId the execution name
 * @param nodeId      the node id
 */
public record OutputReference(String executionId, String nodeId) {

    /** The URI scheme of references. */
    public static final String PREFIX = "agentflow:output:";
    /** The field holding the reference URI. */
    public static final String REF_FIELD = "$ref";

    /** {@code agentflow:output:<executionId>:<nodeId>}. */
    public String uri() {
        return PREFIX + executionId + ":" + nodeId;
    }

    /** The JSON carried in the state instead of the output. */
    public ObjectNode toJson(String preview, long sizeBytes) {
        ObjectNode ref = Json.object();
        ref.put(REF_FIELD, uri());
        ref.put("preview", preview);
        ref.put("sizeBytes", sizeBytes);
        return ref;
    }

    /** The reference a JSON value carries, when it is one. */
    public static Optional<OutputReference> from(JsonNode value) {
        if (value == null || !value.isObject() || !value.path(REF_FIELD).isTextual()) {
            return Optional.empty();
        }
        return parse(value.get(REF_FIELD).asText());
    }

    /** Parses a reference URI. */
    public static Optional<OutputReference> parse(String uri) {
        if (!uri.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = uri.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        if (colon <= 0 || colon == rest.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new OutputReference(rest.substring(0, colon), rest.substring(colon + 1)));
    }
}
