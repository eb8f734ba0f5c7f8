package dev.agentflow.nodes.llm;

import java.time.Duration;

/**
 * A failed LLM call, classified for the retry decision. The message is the provider's (it may echo the
 * key; the executor scrubs it).
 */
public final class LlmCallException extends RuntimeException {

    /** How the call failed. */
    public enum Kind {
        /** 401/403: the key is wrong or lacks access; never retried. */
        AUTH,
        /** 429, 5xx, connection reset: retried with backoff. */
        RETRYABLE,
        /** The call ran out of time. */
        TIMEOUT,
        /** 400/404/422: the request is wrong (model name…); not retried here. */
        REJECTED,
        /** The response was not a valid chat completion. */
        MALFORMED
    }

    private final Kind kind;
    private final int status;
    private final Duration retryAfter;
    private final boolean streamed;

    /**
     * @param kind       classification
     * @param status     HTTP status, or 0
     * @param message    provider's message
     * @param retryAfter the provider's Retry-After, or null
     * @param streamed   whether part of a streamed answer was already delivered
     */
    public LlmCallException(Kind kind, int status, String message, Duration retryAfter, boolean streamed, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
        this.streamed = streamed;
    }

    /** The classification. */
    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0. */
    public int status() {
        return status;
    }

    /** The Retry-After the provider asked for, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whether streamed text was already delivered (a retry would repeat it). */
    public boolean streamed() {
        return streamed;
    }
}
