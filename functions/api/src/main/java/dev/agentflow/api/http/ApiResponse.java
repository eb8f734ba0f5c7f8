package dev.agentflow.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;

/**
 * An API answer: an HTTP status and the envelope body ({@code {"success": true, "data": …}} or
 * {@code {"success": false, "error": {code, message, details}}}).
 *
 * @param status HTTP status
 * @param body   the envelope
 */
public record ApiResponse(int status, ObjectNode body) {

    /** 200 with {@code data}. */
    public static ApiResponse ok(JsonNode data) {
        return success(200, data);
    }

    /** A success envelope with the given status (201 created, 202 accepted). */
    public static ApiResponse success(int status, JsonNode data) {
        ObjectNode body = Json.object();
        body.put("success", true);
        body.set("data", data);
        return new ApiResponse(status, body);
    }

    /** The error envelope of an {@link ApiException}. */
    public static ApiResponse error(ApiException e) {
        return error(e.status(), e.code(), e.getMessage(), e.details());
    }

    /** An error envelope. */
    public static ApiResponse error(int status, String code, String message, JsonNode details) {
        ObjectNode body = Json.object();
        body.put("success", false);
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        error.set("details", details == null ? Json.object().nullNode() : details);
        return new ApiResponse(status, body);
    }
}
