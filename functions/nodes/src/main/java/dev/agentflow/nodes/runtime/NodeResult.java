package dev.agentflow.nodes.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;

/**
 * What an executor produced.
 *
 * @param output   the node output ({@code nodes.<id>.output} for later nodes)
 * @param metadata extra metadata (tokensUsed, model…); the runner adds durationMs
 */
public record NodeResult(JsonNode output, ObjectNode metadata) {

    /** A result with no extra metadata. */
    public static NodeResult of(JsonNode output) {
        return new NodeResult(output, Json.object());
    }
}
