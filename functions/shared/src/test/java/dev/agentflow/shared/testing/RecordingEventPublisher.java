package dev.agentflow.shared.testing;

import dev.agentflow.shared.events.EventPublisher;
import dev.agentflow.shared.events.ExecutionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** {@link EventPublisher} that keeps events in memory with per-execution sequence numbers. */
public final class RecordingEventPublisher implements EventPublisher {

    private final List<ExecutionEvent> events = new ArrayList<>();
    private final Map<String, AtomicLong> seqs = new ConcurrentHashMap<>();

    @Override
    public synchronized ExecutionEvent publish(ExecutionEvent event) {
        ExecutionEvent stamped = event.withSeq(seqs.computeIfAbsent(event.executionId(), k -> new AtomicLong()).incrementAndGet());
        events.add(stamped);
        return stamped;
    }

    /** Every event published so far, in order. */
    public synchronized List<ExecutionEvent> events() {
        return List.copyOf(events);
    }

    /** The events of a type (wire name, e.g. {@code execution:node_output}). */
    public synchronized List<ExecutionEvent> ofType(String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }
}
