package dev.agentflow.local.apigw.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Evaluates a WebSocket API's route selection expression {@code $request.body.<path>} against a message
 * (API Gateway developer guide, "Working with routes for WebSocket APIs": a JSON message's property selects
 * the route; a non-JSON message, or one without the property, goes to {@code $default}).
 */
final class RouteSelection {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "$request.body.";

    private RouteSelection() {
    }

    /** The route key, or null when the message selects none. */
    static String key(String expression, String body) {
        if (expression == null || !expression.startsWith(PREFIX) || body == null) {
            return null;
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
        for (String part : expression.substring(PREFIX.length()).split("\\.")) {
            if (node == null) {
                return null;
            }
            node = node.get(part);
        }
        return node != null && node.isValueNode() && !node.isNull() ? node.asText() : null;
    }
}
