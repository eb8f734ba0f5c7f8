package dev.agentflow.nodes.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The {@code node} object of a node task, as the compiler put it in the Task state's payload.
 *
 * @param id             node id, e.g. {@code node_2}
 * @param type           node type, e.g. {@code http}
 * @param label          label as drawn, or null
 * @param config         {@code data.config} as drawn (templates not yet rendered); never null
 * @param timeoutSeconds the Task state's TimeoutSeconds, or null
 * @param errorHandling  stop | continue | fallback, or null
 * @param predecessors   ids of the nodes with an edge into this one, when the compiler passes them; else empty
 */
public record NodeSpec(String id, String type, String label, ObjectNode config, Integer timeoutSeconds,
                       String errorHandling, List<String> predecessors) {
}
