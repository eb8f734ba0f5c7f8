package dev.agentflow.api.http;

/**
 * The API's error codes and their HTTP statuses (seed 000 appendix B, plus the generic ones an HTTP API
 * needs). Node and compiler codes come from {@link dev.agentflow.core.error.ErrorCode}.
 */
public final class ApiErrors {

    /** 400: a request field is missing, malformed, of the wrong type or too long; {@code details.field} names it. */
    public static final String VALIDATION_ERROR = "VALIDATION_ERROR";
    /** 400: the workflow definition does not validate or compile; {@code details} lists every problem. */
    public static final String INVALID_WORKFLOW_DEFINITION = "INVALID_WORKFLOW_DEFINITION";
    /** 401: no caller identity (missing, expired or badly signed token). */
    public static final String UNAUTHORIZED = "UNAUTHORIZED";
    /** 404: no such workflow for this caller. */
    public static final String WORKFLOW_NOT_FOUND = "WORKFLOW_NOT_FOUND";
    /** 404: no such workflow version. */
    public static final String VERSION_NOT_FOUND = "VERSION_NOT_FOUND";
    /** 404: no such execution for this caller. */
    public static final String EXECUTION_NOT_FOUND = "EXECUTION_NOT_FOUND";
    /** 404: no such API key for this caller. */
    public static final String API_KEY_NOT_FOUND = "API_KEY_NOT_FOUND";
    /** 404: no such route. */
    public static final String NOT_FOUND = "NOT_FOUND";
    /** 405: the route exists with other methods. */
    public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    /** 409: stale version (optimistic concurrency) or a state change that no longer applies. */
    public static final String CONFLICT = "CONFLICT";
    /** 400: the provider rejected the API key being added (REQ-401-3); {@code details.providerStatus}. */
    public static final String API_KEY_INVALID = "API_KEY_INVALID";
    /** 503: the provider could not check the API key being added (unreachable, 429, 5xx); nothing was stored. */
    public static final String PROVIDER_UNAVAILABLE = "PROVIDER_UNAVAILABLE";
    /** 500: unexpected failure; the message carries the request id only. */
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";
    /** 503: a downstream service (Step Functions, KMS) failed; retry later. */
    public static final String SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE";

    private ApiErrors() {
    }
}
