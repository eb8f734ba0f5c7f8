package dev.agentflow.shared.runs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.shared.store.Attrs;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link CallbackLedger} on the execution-records table: attributes {@code callback} (the delivery as JSON text,
 * shown by the API), {@code callbackState} ({@code delivering | delivered | failed}) and {@code callbackLease}
 * (epoch ms until which a {@code delivering} claim holds). The claim is one conditional UpdateItem:
 * {@code attribute_exists(executionId) AND (attribute_not_exists(callbackState) OR (callbackState = delivering
 * AND callbackLease < now))}.
 */
public final class DynamoDbCallbackLedger implements CallbackLedger {

    private final DynamoDbClient dynamo;
    private final String table;

    /**
     * @param dynamo client, built once per container
     * @param table  the execution-records table
     */
    public DynamoDbCallbackLedger(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean claim(String executionId, JsonNode delivery, Instant now, Duration lease) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(Map.of(ExecutionRecordKeys.ID, Attrs.s(executionId)))
                    .updateExpression("SET callback = :d, callbackState = :delivering, callbackLease = :until")
                    .conditionExpression("attribute_exists(executionId) AND (attribute_not_exists(callbackState) OR "
                            + "(callbackState = :delivering AND callbackLease < :now))")
                    .expressionAttributeValues(Map.of(":d", Attrs.json(delivery), ":delivering", Attrs.s("delivering"),
                            ":until", Attrs.n(now.plus(lease).toEpochMilli()), ":now", Attrs.n(now.toEpochMilli())))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void record(String executionId, JsonNode delivery) {
        dynamo.updateItem(UpdateItemRequest.builder().tableName(table)
                .key(Map.of(ExecutionRecordKeys.ID, Attrs.s(executionId)))
                .updateExpression("SET callback = :d, callbackState = :s REMOVE callbackLease")
                .conditionExpression("attribute_exists(executionId)")
                .expressionAttributeValues(Map.of(":d", Attrs.json(delivery),
                        ":s", Attrs.s(delivery.path("state").asText("failed"))))
                .build());
    }
}
