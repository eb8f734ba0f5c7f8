package dev.agentflow.nodes.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Coalesces streamed text (LLM tokens) into {@code execution:node_output} events: a chunk is published
 * once {@code maxChars} characters have gathered or {@code interval} has passed since the last one, and
 * the rest on {@link #close()}. Text is scrubbed of the node's secrets first; a possible beginning of a
 * secret at the end of a chunk is held back until the next one, so a key split across chunks never
 * leaves either.
 */
public final class StreamingOutput implements AutoCloseable {

    private final Consumer<String> publish;
    private final SecretScrubber scrubber;
    private final Clock clock;
    private final Duration interval;
    private final int maxChars;
    private final StringBuilder pending = new StringBuilder();
    private Instant lastFlush;
    private long published;

    /**
     * @param publish  receives each coalesced chunk (already scrubbed)
     * @param scrubber the node's secrets
     * @param clock    clock for the interval
     * @param interval longest wait between chunks while text arrives
     * @param maxChars chunk size that triggers a publish at once
     */
    public StreamingOutput(Consumer<String> publish, SecretScrubber scrubber, Clock clock, Duration interval, int maxChars) {
        this.publish = publish;
        this.scrubber = scrubber;
        this.clock = clock;
        this.interval = interval;
        this.maxChars = maxChars;
        this.lastFlush = clock.instant();
    }

    /** Adds streamed text; may publish a chunk. */
    public synchronized void append(String delta) {
        if (delta == null || delta.isEmpty()) {
            return;
        }
        pending.append(delta);
        Instant now = clock.instant();
        if (pending.length() >= maxChars || !now.isBefore(lastFlush.plus(interval))) {
            flush(false);
        }
    }

    /** Whether any chunk has been published. */
    public synchronized boolean hasPublished() {
        return published > 0;
    }

    /** Publishes whatever is pending. */
    @Override
    public synchronized void close() {
        flush(true);
    }

    private void flush(boolean last) {
        String text = scrubber.scrub(pending.toString());
        int hold = last ? 0 : scrubber.unsafeSuffixLength(text);
        String ready = text.substring(0, text.length() - hold);
        pending.setLength(0);
        pending.append(text, text.length() - hold, text.length());
        lastFlush = clock.instant();
        if (!ready.isEmpty()) {
            published++;
            publish.accept(ready);
        }
    }
}
