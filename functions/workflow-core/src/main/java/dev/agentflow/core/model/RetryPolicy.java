package dev.agentflow.core.model;

/**
 * Retries of a failed node (seed 001 §6.2 settings.retryPolicy), compiled to an ASL {@code Retry}
 * with {@code BackoffRate} 2 (ASL spec: Retry).
 *
 * @param maxRetries attempts after the first, 0–10
 * @param backoffMs  wait before the first retry in milliseconds; ASL counts whole seconds, so it is
 *                   rounded up to at least one second
 */
public record RetryPolicy(int maxRetries, long backoffMs) {

    /** No retries. */
    public static final RetryPolicy NONE = new RetryPolicy(0, 1000);
}
