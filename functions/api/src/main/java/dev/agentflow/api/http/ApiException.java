package dev.agentflow.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.core.json.Json;

/**
 * A failure the API answers with an error envelope:
 * {@code {"success": false, "error": {"code", "message", "details"}}}. Carries no stack trace (it is
 * an expected outcome, not a bug). The message is shown to the caller: never put a secret in it.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final transient JsonNode details;

    /**
     * @param status  HTTP status
     * @param code    one of {@link ApiErrors}
     * @param message a sentence for the caller
     * @param details structured details, or null
     */
    public ApiException(int status, String code, String message, JsonNode details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    /** 400 VALIDATION_ERROR naming the offending field in {@code details.field}. */
    public static ApiException validation(String field, String message) {
        return new ApiException(400, ApiErrors.VALIDATION_ERROR, message, Json.object().put("field", field));
    }

    /** 404 with the given not-found code. */
    public static ApiException notFound(String code, String message) {
        return new ApiException(404, code, message, null);
    }

    /** 409 CONFLICT. */
    public static ApiException conflict(String message, JsonNode details) {
        return new ApiException(409, ApiErrors.CONFLICT, message, details);
    }

    /** 401 UNAUTHORIZED. */
    public static ApiException unauthorized(String message) {
        return new ApiException(401, ApiErrors.UNAUTHORIZED, message, null);
    }

    /** HTTP status. */
    public int status() {
        return status;
    }

    /** Error code. */
    public String code() {
        return code;
    }

    /** Details, or null. */
    public JsonNode details() {
        return details;
    }
}
