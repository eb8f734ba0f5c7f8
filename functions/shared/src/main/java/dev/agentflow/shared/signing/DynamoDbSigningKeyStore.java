package dev.agentflow.shared.signing;

import dev.agentflow.shared.store.Attrs;
import dev.agentflow.shared.workflows.WorkflowKeys;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * {@link SigningKeyStore} on the workflows table: item {@code pk = WF#<workflowId>}, {@code sk = WEBHOOK}
 * ({@value #SK}), in the workflow's own partition. Create is {@code attribute_not_exists(pk)}; rotation is
 * conditional on the nonce it replaces, so two concurrent rotations cannot both report a secret.
 */
public final class DynamoDbSigningKeyStore implements SigningKeyStore {

    /** Sort key of the signing-secret item. */
    public static final String SK = "WEBHOOK";

    private final DynamoDbClient dynamo;
    private final String table;

    /**
     * @param dynamo client, built once per container
     * @param table  the workflows table
     */
    public DynamoDbSigningKeyStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<SigningKeyRecord> find(String workflowId) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table).key(key(workflowId))
                .consistentRead(true).build()).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(fromItem(item));
    }

    /** The record of a signing-secret item. */
    public static SigningKeyRecord fromItem(Map<String, AttributeValue> item) {
        return new SigningKeyRecord(Attrs.str(item, "workflowId"), Attrs.str(item, "userId"),
                Attrs.str(item, "nonce"), Attrs.str(item, "secretHash"), Instant.parse(Attrs.str(item, "createdAt")),
                Instant.parse(Attrs.str(item, "rotatedAt")));
    }

    @Override
    public boolean create(SigningKeyRecord record) {
        try {
            dynamo.putItem(PutItemRequest.builder().tableName(table).item(item(record))
                    .conditionExpression("attribute_not_exists(pk)").build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean rotate(SigningKeyRecord record, String expectedNonce) {
        try {
            dynamo.putItem(PutItemRequest.builder().tableName(table).item(item(record))
                    .conditionExpression("nonce = :n").expressionAttributeValues(Map.of(":n", Attrs.s(expectedNonce)))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void delete(String workflowId) {
        dynamo.deleteItem(DeleteItemRequest.builder().tableName(table).key(key(workflowId)).build());
    }

    private static Map<String, AttributeValue> key(String workflowId) {
        return Map.of(WorkflowKeys.PK, Attrs.s(WorkflowKeys.pk(workflowId)), WorkflowKeys.SK, Attrs.s(SK));
    }

    private static Map<String, AttributeValue> item(SigningKeyRecord r) {
        Map<String, AttributeValue> item = new HashMap<>(key(r.workflowId()));
        item.put("entity", Attrs.s("signing-secret"));
        item.put("workflowId", Attrs.s(r.workflowId()));
        item.put("userId", Attrs.s(r.userId()));
        item.put("nonce", Attrs.s(r.nonce()));
        item.put("secretHash", Attrs.s(r.secretHash()));
        item.put("createdAt", Attrs.s(r.createdAt().toString()));
        item.put("rotatedAt", Attrs.s(r.rotatedAt().toString()));
        return item;
    }
}
