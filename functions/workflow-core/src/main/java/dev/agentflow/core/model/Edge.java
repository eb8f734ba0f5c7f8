package dev.agentflow.core.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One edge (seed 001 §6.2): {@code {id, source, target, sourceHandle?, targetHandle?, data?: {when?}}}.
 *
 * @param id           edge id (generated as {@code source->target} when absent)
 * @param source       source node id
 * @param target       target node id
 * @param sourceHandle the handle the edge leaves by: {@code "true"}/{@code "false"} on a condition,
 *                     {@code "error"} for a fallback edge; null or any other value is a normal edge
 * @param when         {@code data.when}, the seed 003 way to label a condition branch; null when absent
 * @param raw          the edge exactly as received
 */
public record Edge(String id, String source, String target, String sourceHandle, Boolean when, ObjectNode raw) {

    /** Which way an edge leaves its source. */
    public enum Kind { NORMAL, TRUE, FALSE, ERROR }

    /**
     * The edge's kind: TRUE/FALSE from {@code sourceHandle} ("true"/"false") or else {@code data.when};
     * ERROR for {@code sourceHandle: "error"}; NORMAL otherwise.
     */
    public Kind kind() {
        if ("true".equals(sourceHandle)) {
            return Kind.TRUE;
        }
        if ("false".equals(sourceHandle)) {
            return Kind.FALSE;
        }
        if ("error".equals(sourceHandle)) {
            return Kind.ERROR;
        }
        if (when != null) {
            return when ? Kind.TRUE : Kind.FALSE;
        }
        return Kind.NORMAL;
    }
}
