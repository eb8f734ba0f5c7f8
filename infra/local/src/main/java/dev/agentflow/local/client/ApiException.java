package dev.agentflow.local.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An HTTP API call that did not succeed: the error envelope's code and message (seed 000 appendix B), or
 * {@link #UNREACHABLE} with status 0 when nothing answered.
 */
public final class ApiException extends RuntimeException {

    /** The code when the endpoint could not be reached at all. */
    public static final String UNREACHABLE = "UNREACHABLE";

    private final int status;
    private final String code;
    private final transient JsonNode details;

    /**
     * @param status  HTTP status, 0 when nothing answered
     * @param code    the envelope's error code, e.g. {@code INVALID_WORKFLOW_DEFINITION}
     * @param message the envelope's message
     * @param details the envelope's details, or null
     */
    public ApiException(int status, String code, String message, JsonNode details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    /** @return the HTTP status, 0 when unreachable */
    public int status() {
        return status;
    }

    /** @return the error code */
    public String code() {
        return code;
    }

    /** @return the error details, or null */
    public JsonNode details() {
        return details;
    }
}
