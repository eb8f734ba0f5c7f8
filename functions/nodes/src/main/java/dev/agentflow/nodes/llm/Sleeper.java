package dev.agentflow.nodes.llm;

import java.time.Duration;

/** Waits between retries (a test can record instead of sleeping). */
@FunctionalInterface
public interface Sleeper {

    /** Waits. @throws InterruptedException when interrupted */
    void sleep(Duration duration) throws InterruptedException;

    /** {@link Thread#sleep}. */
    static Sleeper system() {
        return d -> Thread.sleep(Math.max(0, d.toMillis()));
    }
}
