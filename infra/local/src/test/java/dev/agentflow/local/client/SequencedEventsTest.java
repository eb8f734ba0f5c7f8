package dev.agentflow.local.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentflow.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequencedEventsTest {

    private static ExecutionEvent e(long seq) {
        return new ExecutionEvent(ExecutionEvent.NODE_OUTPUT, "exec_1", seq, "n", null, null, null, null, null, null, null);
    }

    private static List<Long> seqs(List<ExecutionEvent> events) {
        return events.stream().map(ExecutionEvent::seq).toList();
    }

    @Test
    void swappedNeighboursAndDuplicates_comeOutInOrderOnce() {
        SequencedEvents order = new SequencedEvents(0);
        order.offer(e(2), 0);
        assertTrue(order.drain().isEmpty(), "2 waits for 1");
        assertTrue(order.hasGap());
        order.offer(e(1), 5);
        order.offer(e(1), 6);
        assertEquals(List.of(1L, 2L), seqs(order.drain()));
        order.offer(e(2), 7);
        order.offer(e(3), 8);
        assertEquals(List.of(3L), seqs(order.drain()));
        assertFalse(order.hasGap());
        assertEquals(3, order.delivered());
    }

    @Test
    void gapAge_countsFromTheFirstOutOfOrderEvent_andResetsWhenFilled() {
        SequencedEvents order = new SequencedEvents(5);
        order.offer(e(8), 1_000);
        order.offer(e(9), 1_500);
        assertEquals(2_000, order.gapAgeNanos(3_000));
        order.offer(e(6), 3_100);
        order.offer(e(7), 3_200);
        assertEquals(List.of(6L, 7L, 8L, 9L), seqs(order.drain()));
        assertEquals(0, order.gapAgeNanos(4_000));
    }

    @Test
    void executionEvent_readsTheWireShape_andRefusesNonEvents() {
        ExecutionEvent ev = ExecutionEvent.from(Json.parse("""
                {"type": "execution:node_failed", "executionId": "exec_9", "payload": {"nodeId": "n1", "nodeName": "Fetch",
                 "error": "boom", "errorCode": "HTTP_REQUEST_FAILED", "durationMs": 12, "timestamp": "2026-01-01T00:00:00Z", "seq": 4}}"""));
        assertEquals(4, ev.seq());
        assertEquals("Fetch", ev.nodeName());
        assertEquals(12L, ev.durationMs());
        assertFalse(ev.isEnd());
        assertTrue(ExecutionEvent.from(Json.parse("{\"type\": \"execution:cancelled\", \"payload\": {\"seq\": 9}}")).isEnd());
        assertThrows(IllegalArgumentException.class, () -> ExecutionEvent.from(Json.parse("{\"type\": \"pong\"}")));
    }
}
