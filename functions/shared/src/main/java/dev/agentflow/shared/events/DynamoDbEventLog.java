package dev.agentflow.shared.events;

import static dev.agentflow.shared.store.Attrs.n;
import static dev.agentflow.shared.store.Attrs.s;

import dev.agentflow.core.json.Json;
import dev.agentflow.shared.store.Attrs;
import dev.agentflow.shared.store.ExecutionKeys;
import dev.agentflow.shared.store.JsonCaps;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Stores execution events in the executions table with a per-execution sequence number: event {@code n} is a
 * conditional put ({@code attribute_not_exists}) of {@code sk = EVENT#<n>}, attempted only once event
 * {@code n - 1} is known to exist — because this publisher wrote or read it (the last number of each recent
 * execution is remembered), or because a {@code Query} for the newest event found it. A put that loses the race
 * to another publisher reads the newest number again and takes the next one. So the numbers of an execution are
 * 1, 2, 3, … with no gap and no number shared, concurrent publishers (parallel branches) included, and
 * {@link #eventsAfter} returns events in order for a client that subscribes late (ARCHITECTURE.md, WebSocket).
 * A publisher that publishes several events of one execution (a node's started / output / completed) pays one
 * write per event; its first event of an execution costs a read too.
 *
 * <p>An event that goes with another write ({@link #publishWith}: a node record's finish; {@link #createAndPublish}:
 * the execution record's creation; {@link #publishIfWritten}: its completion) is one {@code TransactWriteItems} of
 * the write's items and the event's put, which keeps its {@code attribute_not_exists} condition (last item): a number
 * lost to another publisher cancels the whole transaction (the last {@code CancellationReasons} entry is
 * {@code ConditionalCheckFailed}) and it is retried with the next number; a refused linked write (first entry)
 * writes no event with it. The first event of an execution
 * being created is number 1 without a read (an execution that did not exist has no events; should old events of a
 * reused id remain, the put is refused and the newest number read); {@link #publishIfWritten} takes a number the
 * caller knows to be stored as its starting point instead of reading. Other cancellations (another linked item
 * refused, conflicting transactions) fall back to the write and then the event, one after the other.
 */
public final class DynamoDbEventLog implements EventPublisher {

    /** Largest outputs kept in a stored event, bytes of JSON; larger ones keep a preview. */
    public static final int MAX_EVENT_OUTPUTS_BYTES = 200 * 1024;

    /** Executions whose last number is remembered. */
    static final int REMEMBERED_EXECUTIONS = 1024;
    /** Puts lost to other publishers before giving up (each loss means another publisher stored an event). */
    private static final int MAX_ATTEMPTS = 10_000;
    /** Transactions cancelled by a lost number before falling back to one write after the other. */
    private static final int MAX_TRANSACTION_ATTEMPTS = 20;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final Duration retention;
    private final Map<String, Long> lastSeq = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED_EXECUTIONS;
        }
    };

    /**
     * @param dynamo    client, built once per container
     * @param table     executions table name
     * @param clock     clock for the TTL
     * @param retention event lifetime
     */
    public DynamoDbEventLog(DynamoDbClient dynamo, String table, Clock clock, Duration retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public ExecutionEvent publish(ExecutionEvent event) {
        EventPayload payload = capped(event);
        String executionId = event.executionId();
        Long known = remembered(executionId);
        long seq = (known == null ? newestSeq(executionId) : known) + 1;
        for (int attempt = 1; ; attempt++) {
            ExecutionEvent stamped = new ExecutionEvent(event.type(), executionId, payload).withSeq(seq);
            try {
                dynamo.putItem(PutItemRequest.builder()
                        .tableName(table)
                        .item(item(stamped))
                        .conditionExpression("attribute_not_exists(#sk)")
                        .expressionAttributeNames(Map.of("#sk", ExecutionKeys.SK))
                        .build());
                remember(executionId, seq);
                return stamped;
            } catch (ConditionalCheckFailedException taken) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw taken;
                }
                seq = newestSeq(executionId) + 1; // another publisher stored this number first
            }
        }
    }

    /** One TransactWriteItems of the write and the event (see the class comment); the event is always published. */
    @Override
    public Published publishWith(ExecutionEvent event, LinkedWrite write) {
        return transact(event, write, false, null);
    }

    /**
     * One TransactWriteItems of the write and the event, numbered {@code storedSeq + 1} without a read when no later
     * number is remembered (a number taken meanwhile cancels the transaction and the newest is read); nothing is
     * published when the write is refused.
     */
    @Override
    public Published publishIfWritten(ExecutionEvent event, LinkedWrite write, long storedSeq) {
        return transact(event, write, true, storedSeq > 0 ? storedSeq : null);
    }

    /** One TransactWriteItems of the creation and the first event (number 1 without a read; see the class comment). */
    @Override
    public Published createAndPublish(LinkedWrite creation, ExecutionEvent first) {
        return transact(first, creation, true, 0L);
    }

    /**
     * @param onlyIfWritten publish nothing when the write is refused
     * @param storedSeq     a number known to be stored (0: the execution has none), or null to read the newest
     */
    private Published transact(ExecutionEvent event, LinkedWrite write, boolean onlyIfWritten, Long storedSeq) {
        EventPayload payload = capped(event);
        String executionId = event.executionId();
        Long known = remembered(executionId);
        long seq = known != null && (storedSeq == null || known >= storedSeq) ? known + 1
                : storedSeq != null ? storedSeq + 1 : newestSeq(executionId) + 1;
        for (int attempt = 1; attempt <= MAX_TRANSACTION_ATTEMPTS; attempt++) {
            List<TransactWriteItem> linked = write.items(seq);
            if (linked.isEmpty()) {
                break;
            }
            ExecutionEvent stamped = new ExecutionEvent(event.type(), executionId, payload).withSeq(seq);
            List<TransactWriteItem> items = new ArrayList<>(linked);
            items.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item(stamped))
                    .conditionExpression("attribute_not_exists(#sk)")
                    .expressionAttributeNames(Map.of("#sk", ExecutionKeys.SK)).build()).build());
            try {
                dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(items).build());
                remember(executionId, seq);
                return new Published(stamped, true);
            } catch (TransactionCanceledException cancelled) {
                if (refused(cancelled, 0)) {
                    // nothing was written: the event goes alone, or not at all
                    return onlyIfWritten ? new Published(null, false) : new Published(publish(event), false);
                }
                if (!refused(cancelled, linked.size())) {
                    break; // another item refused, or a conflict with another transaction: one after the other below
                }
                seq = newestSeq(executionId) + 1; // another publisher stored this number first
            }
        }
        boolean written = write.applyAlone();
        if (onlyIfWritten && !written) {
            return new Published(null, false);
        }
        return new Published(publish(event), written);
    }

    private static boolean refused(TransactionCanceledException cancelled, int index) {
        List<CancellationReason> reasons = cancelled.hasCancellationReasons() ? cancelled.cancellationReasons() : List.of();
        return reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    private static EventPayload capped(ExecutionEvent event) {
        EventPayload payload = event.payload();
        return payload.outputs() == null ? payload
                : payload.withOutputs(JsonCaps.cap(payload.outputs(), MAX_EVENT_OUTPUTS_BYTES));
    }

    private Map<String, AttributeValue> item(ExecutionEvent stamped) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ExecutionKeys.PK, s(ExecutionKeys.executionPk(stamped.executionId())));
        item.put(ExecutionKeys.SK, s(ExecutionKeys.eventSk(stamped.seq())));
        item.put(ExecutionKeys.ENTITY, s("event"));
        item.put("type", s(stamped.type()));
        item.put("seq", n(stamped.seq()));
        item.put("event", s(Json.write(stamped)));
        item.put(ExecutionKeys.EXPIRES_AT, n(expiresAt()));
        return item;
    }

    /**
     * Events of an execution with a sequence number above {@code afterSeq}, in order.
     *
     * @param afterSeq 0 for all events
     */
    public List<ExecutionEvent> eventsAfter(String executionId, long afterSeq) {
        List<ExecutionEvent> events = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            QueryResponse page = dynamo.query(QueryRequest.builder()
                    .tableName(table)
                    .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                    .expressionAttributeNames(Map.of("#pk", ExecutionKeys.PK, "#sk", ExecutionKeys.SK))
                    .expressionAttributeValues(Map.of(
                            ":pk", s(ExecutionKeys.executionPk(executionId)),
                            ":from", s(ExecutionKeys.eventSk(afterSeq + 1)),
                            ":to", s(ExecutionKeys.eventSk(9_999_999_999L))))
                    .consistentRead(true)
                    .exclusiveStartKey(startKey)
                    .build());
            for (Map<String, AttributeValue> item : page.items()) {
                events.add(Json.MAPPER.convertValue(Json.parse(Attrs.str(item, "event")), ExecutionEvent.class));
            }
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return events;
    }

    /** The number of the newest stored event of the execution, 0 when none (a consistent read). */
    private long newestSeq(String executionId) {
        QueryResponse newest = dynamo.query(QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :events)")
                .expressionAttributeNames(Map.of("#pk", ExecutionKeys.PK, "#sk", ExecutionKeys.SK))
                .expressionAttributeValues(Map.of(":pk", s(ExecutionKeys.executionPk(executionId)),
                        ":events", s(ExecutionKeys.EVENT_SK_PREFIX)))
                .projectionExpression("#sk")
                .scanIndexForward(false)
                .limit(1)
                .consistentRead(true)
                .build());
        long seq = newest.items().isEmpty() ? 0
                : Long.parseLong(Attrs.str(newest.items().get(0), ExecutionKeys.SK).substring(ExecutionKeys.EVENT_SK_PREFIX.length()));
        remember(executionId, seq);
        return seq;
    }

    private synchronized Long remembered(String executionId) {
        return lastSeq.get(executionId);
    }

    private synchronized void remember(String executionId, long seq) {
        lastSeq.merge(executionId, seq, Math::max);
    }

    private long expiresAt() {
        return clock.instant().plus(retention).getEpochSecond();
    }
}
