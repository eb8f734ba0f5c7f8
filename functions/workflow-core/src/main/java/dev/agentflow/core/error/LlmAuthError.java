package dev.agentflow.core.error;

/** {@code LLM_AUTH_ERROR}: the LLM provider refused the key or no key is configured (not retried). Step Functions error name: {@code dev.agentflow.core.error.LlmAuthError}. */
public final class LlmAuthError extends NodeFailure {

    /** @param message a sentence for the user; never a secret */
    public LlmAuthError(String message, Throwable cause) {
        super(ErrorCode.LLM_AUTH_ERROR, message, cause);
    }
}
