package dev.agentflow.core.error;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One problem found in a workflow definition.
 *
 * @param code    a stable machine-readable code, e.g. {@code CYCLE_DETECTED}, {@code MISSING_CONFIG}
 * @param nodeId  the offending node's id, or null
 * @param edgeId  the offending edge's id, or null
 * @param field   the offending field as a JSON path relative to the node or document
 *                (e.g. {@code data.config.url}), or null
 * @param message a sentence for a person
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String code, String nodeId, String edgeId, String field, String message) {

    /** A problem about a node. */
    public static Problem node(String code, String nodeId, String field, String message) {
        return new Problem(code, nodeId, null, field, message);
    }

    /** A problem about an edge. */
    public static Problem edge(String code, String edgeId, String field, String message) {
        return new Problem(code, null, edgeId, field, message);
    }

    /** A problem about the document as a whole. */
    public static Problem document(String code, String field, String message) {
        return new Problem(code, null, null, field, message);
    }
}
