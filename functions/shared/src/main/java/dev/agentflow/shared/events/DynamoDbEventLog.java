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
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Stores execution events in the executions table with a per-execution sequence number: an atomic
 * counter ({@code UpdateItem ADD seq :1} on {@code sk = SEQ}) gives the number, then a conditional put
 * ({@code attribute_not_exists}) writes {@code sk = EVENT#<seq>}. Concurrent publishers (parallel
 * branches) therefore never share or skip a number, and {@link #eventsAfter} returns events in order for
 * a client that subscribes late (ARCHITECTURE.md, WebSocket).
 */
public final class DynamoDbEventLog implements EventPublisher {

    /** Largest outputs kept in a stored event, bytes of JSON; larger ones keep a preview. */
    public static final int MAX_EVENT_OUTPUTS_BYTES = 200 * 1024;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final Duration retention;

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
        long seq = nextSeq(event.executionId());
        EventPayload payload = event.payload();
        if (payload.outputs() != null) {
            payload = payload.withOutputs(JsonCaps.cap(payload.outputs(), MAX_EVENT_OUTPUTS_BYTES));
        }
        ExecutionEvent stamped = new ExecutionEvent(event.type(), event.executionId(), payload).withSeq(seq);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ExecutionKeys.PK, s(ExecutionKeys.executionPk(event.executionId())));
        item.put(ExecutionKeys.SK, s(ExecutionKeys.eventSk(seq)));
        item.put(ExecutionKeys.ENTITY, s("event"));
        item.put("type", s(event.type()));
        item.put("seq", n(seq));
        item.put("event", s(Json.write(stamped)));
        item.put(ExecutionKeys.EXPIRES_AT, n(expiresAt()));
        dynamo.putItem(PutItemRequest.builder()
                .tableName(table)
                .item(item)
                .conditionExpression("attribute_not_exists(#sk)")
                .expressionAttributeNames(Map.of("#sk", ExecutionKeys.SK))
                .build());
        return stamped;
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

    private long nextSeq(String executionId) {
        var response = dynamo.updateItem(UpdateItemRequest.builder()
                .tableName(table)
                .key(Map.of(ExecutionKeys.PK, s(ExecutionKeys.executionPk(executionId)),
                        ExecutionKeys.SK, s(ExecutionKeys.SEQ_SK)))
                .updateExpression("SET #entity = :entity, #expiresAt = :expiresAt ADD #seq :one")
                .expressionAttributeNames(Map.of("#seq", "seq", "#entity", ExecutionKeys.ENTITY,
                        "#expiresAt", ExecutionKeys.EXPIRES_AT))
                .expressionAttributeValues(Map.of(":one", n(1), ":entity", s("seq"), ":expiresAt", n(expiresAt())))
                .returnValues(ReturnValue.UPDATED_NEW)
                .build());
        return Long.parseLong(response.attributes().get("seq").n());
    }

    private long expiresAt() {
        return clock.instant().plus(retention).getEpochSecond();
    }
}
