package dev.agentflow.triggers;

import java.time.Duration;

/** Waits (the real one sleeps; tests record the waits and return at once). */
@FunctionalInterface
public interface Sleeper {

    /** @throws InterruptedException when interrupted */
    void sleep(Duration duration) throws InterruptedException;

    /** {@link Thread#sleep}. */
    static Sleeper system() {
        return d -> Thread.sleep(d.toMillis());
    }
}
