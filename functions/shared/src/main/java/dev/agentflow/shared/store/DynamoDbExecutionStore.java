package dev.agentflow.shared.store;

import static dev.agentflow.shared.store.Attrs.json;
import static dev.agentflow.shared.store.Attrs.n;
import static dev.agentflow.shared.store.Attrs.s;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.core.json.Json;
import dev.agentflow.shared.events.LinkedWrite;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link ExecutionStore} on the executions table: one item per node ({@code pk = EXEC#<id>},
 * {@code sk = NODE#<nodeId>}), updated in place. Starting an attempt adds 1 to {@code attempts}; finishing
 * is conditional on {@code attempts} still being that attempt, so a late, superseded attempt cannot
 * overwrite a newer one. Recorded JSON is capped so an item stays under DynamoDB's 400 KB.
 */
public final class DynamoDbExecutionStore implements ExecutionStore {

    /** Largest recorded inputs, bytes of JSON; larger ones keep a preview. */
    public static final int MAX_INPUTS_BYTES = 64 * 1024;
    /** Largest recorded output; the runner stores larger outputs aside first, so this is a safety net. */
    public static final int MAX_OUTPUT_BYTES = 250 * 1024;
    /** Largest recorded metadata. */
    public static final int MAX_METADATA_BYTES = 16 * 1024;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final Duration retention;

    /**
     * @param dynamo    client, built once per container
     * @param table     executions table name
     * @param clock     clock for updatedAt
     * @param retention item lifetime (TTL attribute {@code expiresAt})
     */
    public DynamoDbExecutionStore(DynamoDbClient dynamo, String table, Clock clock, Duration retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public int nodeStarted(StartedNode node) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        set(sets, names, values, "entity", s("node"));
        set(sets, names, values, "executionId", s(node.executionId()));
        set(sets, names, values, "nodeId", s(node.nodeId()));
        set(sets, names, values, "nodeType", s(node.nodeType()));
        if (node.label() != null) {
            set(sets, names, values, "label", s(node.label()));
        }
        set(sets, names, values, "status", s(NodeStatus.RUNNING.wire()));
        set(sets, names, values, "startedAt", s(node.startedAt().toString()));
        set(sets, names, values, "updatedAt", s(clock.instant().toString()));
        set(sets, names, values, ExecutionKeys.EXPIRES_AT, n(expiresAt()));
        names.put("#attempts", "attempts");
        values.put(":one", n(1));
        for (String removed : List.of("completedAt", "durationMs", "inputs", "output", "metadata", "error")) {
            names.put("#" + removed, removed);
        }
        String expression = "SET " + String.join(", ", sets) + " ADD #attempts :one"
                + " REMOVE #completedAt, #durationMs, #inputs, #output, #metadata, #error";
        var response = dynamo.updateItem(UpdateItemRequest.builder()
                .tableName(table)
                .key(key(node.executionId(), node.nodeId()))
                .updateExpression(expression)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .returnValues(ReturnValue.UPDATED_NEW)
                .build());
        return Integer.parseInt(response.attributes().get("attempts").n());
    }

    @Override
    public boolean nodeFinished(FinishedNode node) {
        Update u = finishUpdate(node);
        try {
            dynamo.updateItem(UpdateItemRequest.builder()
                    .tableName(u.tableName())
                    .key(u.key())
                    .updateExpression(u.updateExpression())
                    .conditionExpression(u.conditionExpression())
                    .expressionAttributeNames(u.expressionAttributeNames())
                    .expressionAttributeValues(u.expressionAttributeValues())
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * The conditional update of {@link #nodeFinished}, as a transaction item (refused when superseded) that also
     * records the event's number ({@link NodeRecord#eventSeq()}).
     */
    @Override
    public LinkedWrite finishing(FinishedNode node) {
        return LinkedWrite.of(seq -> List.of(TransactWriteItem.builder().update(finishUpdate(node, seq)).build()),
                () -> nodeFinished(node));
    }

    private Update finishUpdate(FinishedNode node) {
        return finishUpdate(node, null);
    }

    private Update finishUpdate(FinishedNode node, Long eventSeq) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        NodeStatus status = node.failed() ? NodeStatus.FAILED : NodeStatus.COMPLETED;
        set(sets, names, values, "status", s(status.wire()));
        set(sets, names, values, "completedAt", s(node.completedAt().toString()));
        set(sets, names, values, "durationMs", n(node.durationMs()));
        set(sets, names, values, "updatedAt", s(clock.instant().toString()));
        if (node.inputs() != null) {
            set(sets, names, values, "inputs", json(JsonCaps.cap(node.inputs(), MAX_INPUTS_BYTES)));
        }
        if (node.output() != null) {
            set(sets, names, values, "output", json(JsonCaps.cap(node.output(), MAX_OUTPUT_BYTES)));
        }
        if (node.metadata() != null) {
            set(sets, names, values, "metadata", json(JsonCaps.cap(node.metadata(), MAX_METADATA_BYTES)));
        }
        if (node.error() != null) {
            set(sets, names, values, "error", json(Json.MAPPER.valueToTree(node.error())));
        }
        if (eventSeq != null) {
            set(sets, names, values, "eventSeq", n(eventSeq));
        }
        names.put("#attempts", "attempts");
        values.put(":attempt", n(node.attempt()));
        return Update.builder()
                .tableName(table)
                .key(key(node.executionId(), node.nodeId()))
                .updateExpression("SET " + String.join(", ", sets))
                .conditionExpression("#attempts = :attempt")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
    }

    @Override
    public Optional<NodeRecord> findNode(String executionId, String nodeId) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder()
                .tableName(table)
                .key(key(executionId, nodeId))
                .consistentRead(true)
                .build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toRecord(item));
    }

    @Override
    public List<NodeRecord> listNodes(String executionId) {
        List<NodeRecord> records = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            QueryResponse page = dynamo.query(QueryRequest.builder()
                    .tableName(table)
                    .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                    .expressionAttributeNames(Map.of("#pk", ExecutionKeys.PK, "#sk", ExecutionKeys.SK))
                    .expressionAttributeValues(Map.of(":pk", s(ExecutionKeys.executionPk(executionId)),
                            ":prefix", s("NODE#")))
                    .consistentRead(true)
                    .exclusiveStartKey(startKey)
                    .build());
            page.items().forEach(item -> records.add(toRecord(item)));
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return records;
    }

    private NodeRecord toRecord(Map<String, AttributeValue> item) {
        JsonNode error = Attrs.jsonOf(item, "error");
        String completedAt = Attrs.str(item, "completedAt");
        String startedAt = Attrs.str(item, "startedAt");
        Long attempts = Attrs.num(item, "attempts");
        return new NodeRecord(
                Attrs.str(item, "executionId"),
                Attrs.str(item, "nodeId"),
                Attrs.str(item, "nodeType"),
                Attrs.str(item, "label"),
                NodeStatus.fromWire(Attrs.str(item, "status")),
                attempts == null ? 0 : attempts.intValue(),
                startedAt == null ? null : Instant.parse(startedAt),
                completedAt == null ? null : Instant.parse(completedAt),
                Attrs.num(item, "durationMs"),
                Attrs.jsonOf(item, "inputs"),
                Attrs.jsonOf(item, "output"),
                Attrs.jsonOf(item, "metadata"),
                error == null ? null : new NodeError(error.path("code").asText(null), error.path("message").asText(null)),
                Attrs.num(item, "eventSeq"));
    }

    private long expiresAt() {
        return clock.instant().plus(retention).getEpochSecond();
    }

    private static Map<String, AttributeValue> key(String executionId, String nodeId) {
        return Map.of(ExecutionKeys.PK, s(ExecutionKeys.executionPk(executionId)),
                ExecutionKeys.SK, s(ExecutionKeys.nodeSk(nodeId)));
    }

    private static void set(List<String> sets, Map<String, String> names, Map<String, AttributeValue> values,
                            String attribute, AttributeValue value) {
        names.put("#" + attribute, attribute);
        values.put(":" + attribute, value);
        sets.add("#" + attribute + " = :" + attribute);
    }
}
