package dev.agentflow.api.executions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.core.error.ErrorCode;
import dev.agentflow.core.json.Json;

/**
 * Turns Step Functions errors into a code and a sentence for the user. A Lambda task's {@code Cause} is
 * the function's error JSON ({@code {"errorMessage", "errorType", "stackTrace"}}): only
 * {@code errorMessage} is kept, never the stack trace.
 */
final class ErrorText {

    /** Longest error message kept. */
    static final int MAX_MESSAGE = 1000;

    private ErrorText() {
    }

    /** The error code for a Step Functions error name (node error names map back to their code). */
    static String code(String error) {
        if (error == null) {
            return ErrorCode.NODE_EXECUTION_FAILED.name();
        }
        if (error.equals("States.Timeout")) {
            return ErrorCode.TIMEOUT.name();
        }
        String simple = error.substring(error.lastIndexOf('.') + 1);
        return ErrorCode.fromErrorName(error)
                .or(() -> ErrorCode.fromErrorName("dev.agentflow.core.error." + simple))
                .map(Enum::name).orElse(ErrorCode.NODE_EXECUTION_FAILED.name());
    }

    /** The user-facing message of a {@code Cause} (Lambda error JSON or plain text), or the fallback. */
    static String message(String cause, String fallback) {
        if (cause == null || cause.isBlank()) {
            return fallback;
        }
        String text = cause;
        if (cause.trim().startsWith("{")) {
            try {
                JsonNode json = Json.parse(cause);
                text = json.path("errorMessage").asText(json.path("message").asText(fallback));
            } catch (IllegalArgumentException e) {
                text = fallback;
            }
        }
        return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "…" : text;
    }
}
