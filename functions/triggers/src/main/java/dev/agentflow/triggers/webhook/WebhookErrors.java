package dev.agentflow.triggers.webhook;

/**
 * The webhook's refusals. An unauthenticated caller can tell none of them apart by whether the workflow exists:
 * an unknown (or deleted) workflow and a wrong secret or signature answer the same {@link #unauthorized()}; the
 * size and timestamp checks come before any lookup; the workflow's state is told only to a caller who proved
 * the secret.
 */
public final class WebhookErrors {

    /** 413: body over the limit (checked first). */
    public static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";
    /** 401: no credentials, a wrong secret or signature, or no such workflow — indistinguishable on purpose. */
    public static final String WEBHOOK_UNAUTHORIZED = "WEBHOOK_UNAUTHORIZED";
    /** 401: a signed call whose timestamp is missing, malformed or more than 5 minutes from now (replay protection). */
    public static final String TIMESTAMP_EXPIRED = "TIMESTAMP_EXPIRED";
    /** 409: authenticated, but the workflow is draft or archived, or has no webhook trigger. */
    public static final String WORKFLOW_INACTIVE = "WORKFLOW_INACTIVE";
    /** 400: authenticated, but the body is not a JSON object or the Idempotency-Key is malformed. */
    public static final String VALIDATION_ERROR = "VALIDATION_ERROR";
    /** 503: Step Functions or the master key could not be reached. */
    public static final String SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE";
    /** 500: anything else (request id only). */
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";

    private WebhookErrors() {
    }

    /** The one answer for unknown workflows and bad credentials. */
    public static WebhookResponse unauthorized() {
        return WebhookResponse.error(401, WEBHOOK_UNAUTHORIZED,
                "Missing or invalid credentials: send the workflow's secret as a bearer token, or sign the body "
                        + "(X-AgentFlow-Signature, X-AgentFlow-Timestamp).");
    }
}
