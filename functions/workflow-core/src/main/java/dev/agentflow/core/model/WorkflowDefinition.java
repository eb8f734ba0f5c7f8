package dev.agentflow.core.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * The graph a user drew: {@code {nodes, edges, settings}} (seed 001 §6.2, seed 000 §4.1).
 *
 * @param nodes    nodes in document order
 * @param edges    edges in document order
 * @param settings workflow-wide settings, never null
 * @param raw      the definition as received
 */
public record WorkflowDefinition(List<Node> nodes, List<Edge> edges, Settings settings, ObjectNode raw) {

    /** The node with this id, if any. */
    public Optional<Node> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }
}
