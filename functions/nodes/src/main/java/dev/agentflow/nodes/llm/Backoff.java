package dev.agentflow.nodes.llm;

import java.time.Duration;

/**
 * Exponential backoff for LLM retries: {@code initial × 2^(attempt-1)}, capped, at most
 * {@code maxAttempts} calls in all; a provider's Retry-After wins when longer (capped too).
 *
 * @param initial     wait before the second call
 * @param max         longest single wait
 * @param maxAttempts calls in all, including the first
 */
public record Backoff(Duration initial, Duration max, int maxAttempts) {

    /** 1 s, 2 s, 4 s… up to 20 s, 4 calls. */
    public static Backoff defaults() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(20), 4);
    }

    /** The wait after the {@code attempt}-th failed call (1-based). */
    public Duration delay(int attempt, Duration retryAfter) {
        long millis = initial.toMillis() << Math.min(20, attempt - 1);
        Duration computed = Duration.ofMillis(Math.min(millis, max.toMillis()));
        if (retryAfter != null && retryAfter.compareTo(computed) > 0) {
            return retryAfter.compareTo(max) > 0 ? max : retryAfter;
        }
        return computed;
    }
}
