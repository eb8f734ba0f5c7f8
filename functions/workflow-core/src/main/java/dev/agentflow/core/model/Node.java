package dev.agentflow.core.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One node as drawn in the editor (seed 001 §6.2): {@code {id, type, position, data: {label, config,
 * timeout?, retryPolicy?, errorHandling?}}}.
 *
 * @param id             unique node id; an identifier ({@code [A-Za-z_][A-Za-z0-9_]*}) so that
 *                       {@code {{node_2.output}}} references and state paths can name it
 * @param type           the parsed type, or null when {@code typeName} is unknown
 * @param typeName       the {@code type} string as written
 * @param label          {@code data.label}, or the id when absent
 * @param config         {@code data.config}, never null (empty object when absent)
 * @param timeoutSeconds node override of the timeout, or null
 * @param retryPolicy    node override of the retry policy, or null
 * @param errorHandling  node override of the error handling, or null
 * @param raw            the node exactly as received (position and any unknown fields kept)
 */
public record Node(String id, NodeType type, String typeName, String label, ObjectNode config,
                   Integer timeoutSeconds, RetryPolicy retryPolicy, ErrorHandling errorHandling, ObjectNode raw) {
}
