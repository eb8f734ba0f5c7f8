package dev.agentflow.shared.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentflow.core.json.Json;
import dev.agentflow.shared.testing.DynamoDbLocal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DynamoDbEventLogTest {

    private DynamoDbEventLog log;
    private String table;

    @BeforeEach
    void setUp() {
        table = DynamoDbLocal.freshTables().get("ExecutionsTable");
        log = new DynamoDbEventLog(DynamoDbLocal.client(), table, Clock.systemUTC(), Duration.ofDays(1));
    }

    /** Another function (another container) publishing into the same executions. */
    private DynamoDbEventLog otherContainer() {
        return new DynamoDbEventLog(DynamoDbLocal.client(), table, Clock.systemUTC(), Duration.ofDays(1));
    }

    private static ExecutionEvent started(String executionId, String nodeId) {
        return ExecutionEvent.of(EventType.NODE_STARTED, executionId,
                new EventPayload(nodeId, "Get weather", "http", "running", null, null, null, null, "2026-01-29T10:05:00Z", null));
    }

    @Test
    void publish_shouldNumberEventsPerExecutionFromOne() {
        ExecutionEvent first = log.publish(started("exec_1", "node_2"));
        ExecutionEvent second = log.publish(started("exec_1", "node_3"));
        ExecutionEvent other = log.publish(started("exec_2", "node_2"));

        assertEquals(1L, first.seq());
        assertEquals(2L, second.seq());
        assertEquals(1L, other.seq());
    }

    @Test
    void eventsAfter_shouldReturnTheEventsInOrderWithTheirShape() {
        log.publish(started("exec_1", "node_2"));
        log.publish(ExecutionEvent.of(EventType.NODE_COMPLETED, "exec_1", new EventPayload("node_2", "Get weather", "http",
                "completed", Json.parse("{\"statusCode\":200}"), null, null, 2000L, "2026-01-29T10:05:02Z", null)));

        List<ExecutionEvent> all = log.eventsAfter("exec_1", 0);
        List<ExecutionEvent> missed = log.eventsAfter("exec_1", 1);

        assertEquals(2, all.size());
        assertEquals("execution:node_started", all.get(0).type());
        assertEquals(1, missed.size());
        assertEquals(200, missed.get(0).payload().outputs().path("statusCode").asInt());
        assertEquals(2000L, missed.get(0).payload().durationMs());
        assertEquals(2L, missed.get(0).payload().seq());
        String json = Json.write(missed.get(0));
        assertEquals("execution:node_completed", Json.parse(json).path("type").asText());
        assertEquals("exec_1", Json.parse(json).path("executionId").asText());
        assertEquals(2, Json.parse(json).path("payload").path("seq").asInt());
    }

    @Test
    void publish_whenPublishersTakeTurns_shouldContinueTheNumberingWhateverEachRemembers() {
        DynamoDbEventLog node = otherContainer();

        assertEquals(1L, log.publish(started("exec_1", "a")).seq());
        assertEquals(2L, node.publish(started("exec_1", "b")).seq());   // never saw exec_1: reads the newest
        assertEquals(3L, node.publish(started("exec_1", "c")).seq());   // remembers 2
        assertEquals(4L, log.publish(started("exec_1", "d")).seq());    // remembers 1: loses the race on 2, reads again

        assertEquals(List.of(1L, 2L, 3L, 4L), log.eventsAfter("exec_1", 0).stream().map(ExecutionEvent::seq).toList());
        assertEquals(List.of("a", "b", "c", "d"),
                log.eventsAfter("exec_1", 0).stream().map(e -> e.payload().nodeId()).toList());
    }

    @Test
    void publish_whenConcurrentFromSeveralContainers_shouldNeverShareOrSkipANumber() throws Exception {
        List<DynamoDbEventLog> containers = List.of(log, otherContainer(), otherContainer());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<ExecutionEvent>> futures = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String node = "node_" + i;
                DynamoDbEventLog publisher = containers.get(i % containers.size());
                futures.add(pool.submit(() -> publisher.publish(started("exec_m", node))));
            }
            List<Long> seqs = new ArrayList<>();
            for (Future<ExecutionEvent> f : futures) {
                seqs.add(f.get().seq());
            }
            seqs.sort(Long::compare);
            assertEquals(LongStream.rangeClosed(1, 60).boxed().toList(), seqs);
            assertEquals(LongStream.rangeClosed(1, 60).boxed().toList(),
                    log.eventsAfter("exec_m", 0).stream().map(ExecutionEvent::seq).toList());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void publish_whenConcurrent_shouldNeverShareOrSkipANumber() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ExecutionEvent>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String node = "node_" + i;
                futures.add(pool.submit(() -> log.publish(started("exec_c", node))));
            }
            List<Long> seqs = new ArrayList<>();
            for (Future<ExecutionEvent> f : futures) {
                seqs.add(f.get().seq());
            }
            seqs.sort(Long::compare);
            assertEquals(LongStream.rangeClosed(1, 40).boxed().toList(), seqs);
            assertEquals(40, log.eventsAfter("exec_c", 0).size());
        } finally {
            pool.shutdownNow();
        }
    }
}
