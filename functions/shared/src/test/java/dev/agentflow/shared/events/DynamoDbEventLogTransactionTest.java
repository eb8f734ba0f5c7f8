package dev.agentflow.shared.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentflow.shared.store.ExecutionKeys;
import dev.agentflow.shared.testing.DynamoDbLocal;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * {@link DynamoDbEventLog#publishWith} and {@link DynamoDbEventLog#createAndPublish}: the event and its linked write
 * in one TransactWriteItems, numbering kept gap-free when another publisher took the number, the event alone (or
 * nothing, for a creation) when the linked write is refused.
 */
class DynamoDbEventLogTransactionTest {

    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private DynamoDbEventLog log;
    private String table;

    @BeforeEach
    void setUp() {
        table = DynamoDbLocal.freshTables().get("ExecutionsTable");
        log = new DynamoDbEventLog(counting(DynamoDbLocal.client()), table, Clock.systemUTC(), Duration.ofDays(1));
    }

    /** The client, recording the name of each API call. */
    private DynamoDbClient counting(DynamoDbClient client) {
        return (DynamoDbClient) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DynamoDbClient.class},
                (proxy, method, args) -> {
                    calls.add(method.getName());
                    try {
                        return method.invoke(client, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static ExecutionEvent event(EventType type, String executionId) {
        return ExecutionEvent.of(type, executionId,
                new EventPayload("n1", "Node", "template", "completed", null, null, null, 5L, "2026-01-29T10:05:00Z", null));
    }

    /** A conditional put of a marker item (refused when it exists) that fails the test if applied alone. */
    private LinkedWrite marker(String executionId, String name) {
        Map<String, AttributeValue> item = Map.of(ExecutionKeys.PK, AttributeValue.fromS(ExecutionKeys.executionPk(executionId)),
                ExecutionKeys.SK, AttributeValue.fromS("MARK#" + name));
        return LinkedWrite.of(seq -> List.of(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(sk)").build()).build()), () -> {
                    throw new AssertionError("applied alone, not in the transaction");
                });
    }

    private long markers(String executionId) {
        return DynamoDbLocal.scan(table).stream().filter(i -> i.get(ExecutionKeys.PK).s().equals(
                ExecutionKeys.executionPk(executionId)) && i.get(ExecutionKeys.SK).s().startsWith("MARK#")).count();
    }

    private List<Long> seqs(String executionId) {
        return log.eventsAfter(executionId, 0).stream().map(ExecutionEvent::seq).toList();
    }

    @Test
    void createAndPublish_shouldWriteTheRecordAndEventOneInOneTransactionWithoutARead() {
        EventPublisher.Published published = log.createAndPublish(marker("exec_a", "record"),
                event(EventType.EXECUTION_STARTED, "exec_a"));

        assertTrue(published.written());
        assertEquals(1L, published.event().seq());
        assertEquals(List.of("transactWriteItems"), calls);
        assertEquals(1, markers("exec_a"));
        assertEquals(List.of(1L), seqs("exec_a"));
    }

    @Test
    void createAndPublish_whenTheRecordExists_shouldWriteNothing() {
        log.createAndPublish(marker("exec_b", "record"), event(EventType.EXECUTION_STARTED, "exec_b"));

        EventPublisher.Published again = log.createAndPublish(marker("exec_b", "record"),
                event(EventType.EXECUTION_STARTED, "exec_b"));

        assertFalse(again.written());
        assertNull(again.event());
        assertEquals(List.of(1L), seqs("exec_b"));
    }

    @Test
    void createAndPublish_whenOldEventsOfTheIdRemain_shouldContinueTheirNumbering() {
        DynamoDbEventLog earlier = new DynamoDbEventLog(DynamoDbLocal.client(), table, Clock.systemUTC(), Duration.ofDays(1));
        earlier.publish(event(EventType.EXECUTION_STARTED, "exec_c"));
        earlier.publish(event(EventType.EXECUTION_COMPLETED, "exec_c"));

        EventPublisher.Published published = log.createAndPublish(marker("exec_c", "record"),
                event(EventType.EXECUTION_STARTED, "exec_c"));

        assertTrue(published.written());
        assertEquals(3L, published.event().seq());
        assertEquals(List.of(1L, 2L, 3L), seqs("exec_c"));
        assertEquals(1, markers("exec_c"));
    }

    @Test
    void publishWith_whenTheNumberIsKnown_shouldWriteBothInOneRequest() {
        log.publish(event(EventType.NODE_STARTED, "exec_d"));
        calls.clear();

        EventPublisher.Published published = log.publishWith(event(EventType.NODE_COMPLETED, "exec_d"),
                marker("exec_d", "node"));

        assertTrue(published.written());
        assertEquals(2L, published.event().seq());
        assertEquals(List.of("transactWriteItems"), calls);
        assertEquals(1, markers("exec_d"));
    }

    @Test
    void publishWith_whenAnotherPublisherTookTheNumber_shouldTakeTheNextWithoutAGap() {
        DynamoDbEventLog other = new DynamoDbEventLog(DynamoDbLocal.client(), table, Clock.systemUTC(), Duration.ofDays(1));
        log.publish(event(EventType.NODE_STARTED, "exec_e"));    // remembers 1
        other.publish(event(EventType.NODE_STARTED, "exec_e"));  // 2, unknown to log

        EventPublisher.Published published = log.publishWith(event(EventType.NODE_COMPLETED, "exec_e"),
                marker("exec_e", "node"));

        assertTrue(published.written());
        assertEquals(3L, published.event().seq());
        assertEquals(List.of(1L, 2L, 3L), seqs("exec_e"));
        assertEquals(1, markers("exec_e"));
    }

    @Test
    void publishWith_whenTheLinkedWriteIsRefused_shouldStillPublishTheEvent() {
        log.publishWith(event(EventType.NODE_COMPLETED, "exec_f"), marker("exec_f", "node"));

        EventPublisher.Published superseded = log.publishWith(event(EventType.NODE_COMPLETED, "exec_f"),
                marker("exec_f", "node"));

        assertFalse(superseded.written());
        assertEquals(2L, superseded.event().seq());
        assertEquals(List.of(1L, 2L), seqs("exec_f"));
        assertEquals(1, markers("exec_f"));
    }

    @Test
    void publishIfWritten_whenGivenAStoredNumber_shouldTakeTheNextWithoutARead() {
        DynamoDbEventLog other = new DynamoDbEventLog(DynamoDbLocal.client(), table, Clock.systemUTC(), Duration.ofDays(1));
        other.publish(event(EventType.NODE_STARTED, "exec_h"));
        other.publish(event(EventType.NODE_COMPLETED, "exec_h"));

        EventPublisher.Published published = log.publishIfWritten(event(EventType.EXECUTION_COMPLETED, "exec_h"),
                marker("exec_h", "record"), 2);

        assertTrue(published.written());
        assertEquals(3L, published.event().seq());
        assertEquals(List.of("transactWriteItems"), calls);
        assertEquals(List.of(1L, 2L, 3L), seqs("exec_h"));
    }

    @Test
    void publishIfWritten_whenTheStoredNumberIsStale_shouldReadTheNewestAndNotLeaveAGap() {
        DynamoDbEventLog other = new DynamoDbEventLog(DynamoDbLocal.client(), table, Clock.systemUTC(), Duration.ofDays(1));
        for (int i = 0; i < 3; i++) {
            other.publish(event(EventType.NODE_OUTPUT, "exec_i"));
        }

        EventPublisher.Published published = log.publishIfWritten(event(EventType.EXECUTION_COMPLETED, "exec_i"),
                marker("exec_i", "record"), 1);
        EventPublisher.Published again = log.publishIfWritten(event(EventType.EXECUTION_COMPLETED, "exec_i"),
                marker("exec_i", "record"), 1);

        assertEquals(4L, published.event().seq());
        assertFalse(again.written());
        assertNull(again.event());
        assertEquals(List.of(1L, 2L, 3L, 4L), seqs("exec_i"));
        assertEquals(1, markers("exec_i"));
    }

    @Test
    void publishWith_whenTheWriteCannotJoinATransaction_shouldApplyItAloneThenPublish() {
        List<String> order = new ArrayList<>();
        EventPublisher.Published published = log.publishWith(event(EventType.NODE_COMPLETED, "exec_g"),
                LinkedWrite.alone(() -> order.add("write")));

        assertTrue(published.written());
        assertEquals(List.of("write"), order);
        assertEquals(List.of(1L), seqs("exec_g"));
    }
}
