package dev.agentflow.local.client;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Puts execution events back in {@code seq} order without duplicates: the WebSocket API may deliver two
 * neighbouring frames swapped and a replay may overlap live delivery (functions/realtime README, "Exactly
 * once, in order"). Not thread-safe; the owner synchronises.
 */
public final class SequencedEvents {

    private final TreeMap<Long, ExecutionEvent> waiting = new TreeMap<>();
    private long delivered;
    private long gapSinceNanos = -1;

    /** @param afterSeq events up to this seq count as delivered already */
    public SequencedEvents(long afterSeq) {
        this.delivered = afterSeq;
    }

    /**
     * Accepts an event (in any order; a duplicate or an already delivered one is dropped).
     *
     * @param nowNanos the current {@code System.nanoTime()}, to time gaps
     */
    public void offer(ExecutionEvent event, long nowNanos) {
        if (event.seq() > delivered) {
            waiting.putIfAbsent(event.seq(), event);
        }
        if (gapSinceNanos < 0 && hasGap()) {
            gapSinceNanos = nowNanos;
        }
    }

    /** @return the events now deliverable in order (possibly none); they count as delivered */
    public List<ExecutionEvent> drain() {
        List<ExecutionEvent> out = new ArrayList<>();
        while (!waiting.isEmpty() && waiting.firstKey() == delivered + 1) {
            out.add(waiting.pollFirstEntry().getValue());
            delivered++;
        }
        if (!hasGap()) {
            gapSinceNanos = -1;
        }
        return out;
    }

    /** @return whether a later event waits for a missing earlier one */
    public boolean hasGap() {
        return !waiting.isEmpty() && waiting.firstKey() > delivered + 1;
    }

    /** @return how long the current gap has lasted, in nanoseconds (0 without a gap) */
    public long gapAgeNanos(long nowNanos) {
        return gapSinceNanos < 0 ? 0 : nowNanos - gapSinceNanos;
    }

    /** @return the last seq delivered */
    public long delivered() {
        return delivered;
    }
}
