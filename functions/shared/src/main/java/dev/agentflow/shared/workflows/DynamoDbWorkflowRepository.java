package dev.agentflow.shared.workflows;

import static dev.agentflow.shared.workflows.WorkflowKeys.GSI1_PK;
import static dev.agentflow.shared.workflows.WorkflowKeys.GSI1_SK;
import static dev.agentflow.shared.workflows.WorkflowKeys.GSI2_PK;
import static dev.agentflow.shared.workflows.WorkflowKeys.GSI2_SK;
import static dev.agentflow.shared.workflows.WorkflowKeys.PK;
import static dev.agentflow.shared.workflows.WorkflowKeys.SK;

import dev.agentflow.shared.paging.Cursors;
import dev.agentflow.shared.paging.Page;
import dev.agentflow.shared.paging.SortKeys;
import dev.agentflow.shared.store.Attrs;
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
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link WorkflowRepository} on the workflows table ({@link WorkflowKeys}). Create and update write the
 * head and the version snapshot in one transaction; update is conditional on the stored version
 * (optimistic concurrency), so two concurrent saves cannot both win.
 */
public final class DynamoDbWorkflowRepository implements WorkflowRepository {

    private static final String LISTING = "workflows";

    private final DynamoDbClient dynamo;
    private final String table;

    /**
     * @param dynamo client, built once per container
     * @param table  workflows table name
     */
    public DynamoDbWorkflowRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void create(WorkflowRecord wf) {
        try {
            dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName(table).item(headItem(wf))
                            .conditionExpression("attribute_not_exists(pk)").build()).build(),
                    TransactWriteItem.builder().put(Put.builder().tableName(table)
                            .item(versionItem(WorkflowVersion.of(wf))).build()).build()).build());
        } catch (TransactionCanceledException e) {
            throw new IllegalStateException("workflow id already taken: " + wf.workflowId(), e);
        }
    }

    @Override
    public Optional<WorkflowRecord> find(String workflowId) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(headKey(workflowId)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toRecord(item));
    }

    @Override
    public void update(WorkflowRecord updated, int expectedVersion) {
        // An Update, not a Put: runCount (bumped concurrently by the status function) and createdAt stay as stored.
        Map<String, AttributeValue> head = headItem(updated);
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        List<String> removes = new ArrayList<>();
        for (String attribute : List.of("name", "description", "status", "version", "definition", "triggers",
                "stateMachineArn", "versionArn", "updatedAt", GSI1_PK, GSI1_SK, GSI2_PK, GSI2_SK)) {
            names.put("#" + attribute, attribute);
            if (head.containsKey(attribute)) {
                values.put(":" + attribute, head.get(attribute));
                sets.add("#" + attribute + " = :" + attribute);
            } else {
                removes.add("#" + attribute);
            }
        }
        values.put(":expected", Attrs.n(expectedVersion));
        values.put(":owner", Attrs.s(updated.userId()));
        names.put("#owner", "userId");
        String expression = "SET " + String.join(", ", sets) + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
        try {
            dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(
                    TransactWriteItem.builder().update(Update.builder().tableName(table).key(headKey(updated.workflowId()))
                            .updateExpression(expression)
                            .conditionExpression("#version = :expected AND #owner = :owner AND attribute_not_exists(deletedAt)")
                            .expressionAttributeNames(names)
                            .expressionAttributeValues(values)
                            .build()).build(),
                    TransactWriteItem.builder().put(Put.builder().tableName(table)
                            .item(versionItem(WorkflowVersion.of(updated)))
                            .conditionExpression("attribute_not_exists(pk)").build()).build()).build());
        } catch (TransactionCanceledException e) {
            throw new StaleVersionException("workflow " + updated.workflowId() + " is no longer at version " + expectedVersion);
        }
    }

    @Override
    public boolean softDelete(String workflowId, String userId, Instant at) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(table).key(headKey(workflowId))
                    .updateExpression("SET deletedAt = :at, updatedAt = :at REMOVE gsi1pk, gsi1sk, gsi2pk, gsi2sk")
                    .conditionExpression("userId = :u AND attribute_not_exists(deletedAt)")
                    .expressionAttributeValues(Map.of(":at", Attrs.s(at.toString()), ":u", Attrs.s(userId)))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Page<WorkflowRecord> listByUser(String userId, String status, int limit, String cursor) {
        String listing = LISTING + (status == null ? "" : ":" + status);
        Cursors.Position after = Cursors.decode(listing, cursor);
        String indexPk = status == null ? GSI1_PK : GSI2_PK;
        String indexSk = status == null ? GSI1_SK : GSI2_SK;
        String partition = status == null ? WorkflowKeys.userPk(userId) : WorkflowKeys.userStatusPk(userId, status);
        QueryRequest.Builder query = QueryRequest.builder().tableName(table)
                .indexName(status == null ? WorkflowKeys.BY_USER : WorkflowKeys.BY_USER_STATUS)
                .keyConditionExpression("#p = :p")
                .expressionAttributeNames(Map.of("#p", indexPk))
                .expressionAttributeValues(Map.of(":p", Attrs.s(partition)))
                .scanIndexForward(false)
                .limit(limit);
        if (after != null) {
            query.exclusiveStartKey(Map.of(indexPk, Attrs.s(partition), indexSk, Attrs.s(after.sortKey()),
                    PK, Attrs.s(WorkflowKeys.pk(after.id())), SK, Attrs.s(WorkflowKeys.HEAD_SK)));
        }
        QueryResponse page = dynamo.query(query.build());
        List<WorkflowRecord> items = page.items().stream().map(DynamoDbWorkflowRepository::toRecord).toList();
        String next = null;
        if (page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() && !items.isEmpty()) {
            WorkflowRecord last = items.get(items.size() - 1);
            next = Cursors.encode(listing, SortKeys.timeAndId(last.updatedAt(), last.workflowId()), last.workflowId());
        }
        return new Page<>(items, next);
    }

    @Override
    public List<WorkflowVersion> versions(String workflowId) {
        List<WorkflowVersion> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = dynamo.query(QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :p AND begins_with(sk, :v)")
                    .expressionAttributeValues(Map.of(":p", Attrs.s(WorkflowKeys.pk(workflowId)), ":v", Attrs.s("V#")))
                    .scanIndexForward(false)
                    .exclusiveStartKey(start)
                    .build());
            page.items().forEach(item -> out.add(toVersion(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    @Override
    public Optional<WorkflowVersion> version(String workflowId, int version) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(Map.of(PK, Attrs.s(WorkflowKeys.pk(workflowId)), SK, Attrs.s(WorkflowKeys.versionSk(version))))
                .consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toVersion(item));
    }

    private static Map<String, AttributeValue> headKey(String workflowId) {
        return Map.of(PK, Attrs.s(WorkflowKeys.pk(workflowId)), SK, Attrs.s(WorkflowKeys.HEAD_SK));
    }

    static Map<String, AttributeValue> headItem(WorkflowRecord wf) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, Attrs.s(WorkflowKeys.pk(wf.workflowId())));
        item.put(SK, Attrs.s(WorkflowKeys.HEAD_SK));
        item.put("entity", Attrs.s("workflow"));
        item.put("workflowId", Attrs.s(wf.workflowId()));
        item.put("userId", Attrs.s(wf.userId()));
        item.put("name", Attrs.s(wf.name()));
        if (wf.description() != null) {
            item.put("description", Attrs.s(wf.description()));
        }
        item.put("status", Attrs.s(wf.status()));
        item.put("version", Attrs.n(wf.version()));
        item.put("definition", Attrs.json(wf.definition()));
        item.put("triggers", Attrs.json(wf.triggers()));
        item.put("stateMachineArn", Attrs.s(wf.stateMachineArn()));
        item.put("versionArn", Attrs.s(wf.versionArn()));
        item.put(WorkflowKeys.RUN_COUNT, Attrs.n(wf.runCount()));
        item.put("createdAt", Attrs.s(wf.createdAt().toString()));
        item.put("updatedAt", Attrs.s(wf.updatedAt().toString()));
        if (wf.deletedAt() != null) {
            item.put("deletedAt", Attrs.s(wf.deletedAt().toString()));
        } else {
            String sort = SortKeys.timeAndId(wf.updatedAt(), wf.workflowId());
            item.put(GSI1_PK, Attrs.s(WorkflowKeys.userPk(wf.userId())));
            item.put(GSI1_SK, Attrs.s(sort));
            item.put(GSI2_PK, Attrs.s(WorkflowKeys.userStatusPk(wf.userId(), wf.status())));
            item.put(GSI2_SK, Attrs.s(sort));
        }
        return item;
    }

    private static Map<String, AttributeValue> versionItem(WorkflowVersion v) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, Attrs.s(WorkflowKeys.pk(v.workflowId())));
        item.put(SK, Attrs.s(WorkflowKeys.versionSk(v.version())));
        item.put("entity", Attrs.s("workflow-version"));
        item.put("workflowId", Attrs.s(v.workflowId()));
        item.put("version", Attrs.n(v.version()));
        item.put("name", Attrs.s(v.name()));
        if (v.description() != null) {
            item.put("description", Attrs.s(v.description()));
        }
        item.put("definition", Attrs.json(v.definition()));
        item.put("triggers", Attrs.json(v.triggers()));
        item.put("versionArn", Attrs.s(v.versionArn()));
        item.put("createdAt", Attrs.s(v.createdAt().toString()));
        return item;
    }

    /** The workflow of a head item (also used by readers that fetch the head with other items of its partition). */
    public static WorkflowRecord toRecord(Map<String, AttributeValue> item) {
        String deletedAt = Attrs.str(item, "deletedAt");
        Long runCount = Attrs.num(item, WorkflowKeys.RUN_COUNT);
        return new WorkflowRecord(Attrs.str(item, "workflowId"), Attrs.str(item, "userId"), Attrs.str(item, "name"),
                Attrs.str(item, "description"), Attrs.str(item, "status"), Attrs.num(item, "version").intValue(),
                Attrs.jsonOf(item, "definition"), Attrs.jsonOf(item, "triggers"), Attrs.str(item, "stateMachineArn"),
                Attrs.str(item, "versionArn"), runCount == null ? 0 : runCount,
                Instant.parse(Attrs.str(item, "createdAt")), Instant.parse(Attrs.str(item, "updatedAt")),
                deletedAt == null ? null : Instant.parse(deletedAt));
    }

    private static WorkflowVersion toVersion(Map<String, AttributeValue> item) {
        return new WorkflowVersion(Attrs.str(item, "workflowId"), Attrs.num(item, "version").intValue(),
                Attrs.str(item, "name"), Attrs.str(item, "description"), Attrs.jsonOf(item, "definition"),
                Attrs.jsonOf(item, "triggers"), Attrs.str(item, "versionArn"),
                Instant.parse(Attrs.str(item, "createdAt")));
    }
}
