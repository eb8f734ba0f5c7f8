package dev.agentflow.triggers.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;

/**
 * A webhook answer in the API's envelope ({@code {"success": true, "data"}} / {@code {"success": false, "error":
 * {code, message, details}}}).
 *
 * @param status HTTP status
 * @param body   the envelope
 */
public record WebhookResponse(int status, ObjectNode body) {

    /** A success envelope. */
    public static WebhookResponse success(int status, JsonNode data) {
        ObjectNode body = Json.object();
        body.put("success", true);
        body.set("data", data);
        return new WebhookResponse(status, body);
    }

    /** An error envelope. */
    public static WebhookResponse error(int status, String code, String message) {
        ObjectNode body = Json.object();
        body.put("success", false);
        body.putObject("error").put("code", code).put("message", message).putNull("details");
        return new WebhookResponse(status, body);
    }

    /** The error code, or null for a success. */
    public String code() {
        return body.path("error").path("code").asText(null);
    }
}
