package dev.agentflow.core.error;

/** {@code LLM_API_ERROR}: the LLM provider call failed (rate limit, 5xx, malformed response; retried). Step Functions error name: {@code dev.agentflow.core.error.LlmApiError}. */
public final class LlmApiError extends NodeFailure {

    /** @param message a sentence for the user; never a secret */
    public LlmApiError(String message, Throwable cause) {
        super(ErrorCode.LLM_API_ERROR, message, cause);
    }
}
