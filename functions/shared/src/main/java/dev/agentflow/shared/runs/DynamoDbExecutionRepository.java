package dev.agentflow.shared.runs;

import static dev.agentflow.shared.runs.ExecutionRecordKeys.ID;
import static dev.agentflow.shared.runs.ExecutionRecordKeys.STARTED_KEY;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.shared.events.LinkedWrite;
import dev.agentflow.shared.paging.Cursors;
import dev.agentflow.shared.paging.Page;
import dev.agentflow.shared.paging.SortKeys;
import dev.agentflow.shared.store.Attrs;
import dev.agentflow.shared.store.JsonCaps;
import dev.agentflow.shared.workflows.WorkflowKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link ExecutionRepository} on the execution-records table ({@link ExecutionRecordKeys}). Completion is a
 * transaction: the record's conditional update ({@code completedAt} absent) and the workflow's
 * {@code ADD runCount 1}, so a status event delivered twice counts once.
 */
public final class DynamoDbExecutionRepository implements ExecutionRepository {

    /** Largest recorded inputs / outputs / node summary JSON; larger values keep a truncated preview. */
    public static final int MAX_JSON_BYTES = 96 * 1024;
    private static final String LISTING = "executions";

    private final DynamoDbClient dynamo;
    private final String table;
    private final String workflowsTable;
    private final Duration retention;

    /**
     * @param dynamo         client, built once per container
     * @param table          execution-records table name
     * @param workflowsTable workflows table name (run counts)
     * @param retention      record lifetime (TTL {@code expiresAt} = startedAt + retention)
     */
    public DynamoDbExecutionRepository(DynamoDbClient dynamo, String table, String workflowsTable, Duration retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.workflowsTable = workflowsTable;
        this.retention = retention;
    }

    @Override
    public boolean create(ExecutionRecord e) {
        try {
            dynamo.putItem(PutItemRequest.builder().tableName(table).item(item(e))
                    .conditionExpression("attribute_not_exists(executionId)").build());
            return true;
        } catch (ConditionalCheckFailedException ex) {
            return false;
        }
    }

    /** The conditional put of {@link #create}, as a transaction item (refused when the id exists). */
    @Override
    public LinkedWrite creation(ExecutionRecord e) {
        return LinkedWrite.of(seq -> List.of(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item(e))
                .conditionExpression("attribute_not_exists(executionId)").build()).build()), () -> create(e));
    }

    private Map<String, AttributeValue> item(ExecutionRecord e) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ID, Attrs.s(e.executionId()));
        item.put("entity", Attrs.s("execution"));
        item.put(ExecutionRecordKeys.USER, Attrs.s(e.userId()));
        item.put("workflowId", Attrs.s(e.workflowId()));
        item.put("workflowVersion", Attrs.n(e.workflowVersion()));
        item.put("status", Attrs.s(e.status().wire()));
        item.put("trigger", Attrs.s(e.trigger()));
        if (e.idempotencyKey() != null) {
            item.put("idempotencyKey", Attrs.s(e.idempotencyKey()));
        }
        item.put("inputs", Attrs.json(JsonCaps.cap(e.inputs(), MAX_JSON_BYTES)));
        item.put("startedAt", Attrs.s(e.startedAt().toString()));
        item.put(STARTED_KEY, Attrs.s(SortKeys.timeAndId(e.startedAt(), e.executionId())));
        item.put(ExecutionRecordKeys.USER_WORKFLOW, Attrs.s(ExecutionRecordKeys.userWorkflow(e.userId(), e.workflowId())));
        item.put(ExecutionRecordKeys.USER_STATUS, Attrs.s(ExecutionRecordKeys.userStatus(e.userId(), e.status())));
        item.put(ExecutionRecordKeys.EXPIRES_AT, Attrs.n(e.startedAt().plus(retention).getEpochSecond()));
        return item;
    }

    @Override
    public Optional<ExecutionRecord> find(String executionId) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(Map.of(ID, Attrs.s(executionId))).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toRecord(item));
    }

    @Override
    public void markStarted(String executionId, String sfnExecutionArn) {
        find(executionId).ifPresent(e -> markStarted(e, sfnExecutionArn));
    }

    /** One conditional write: {@code pending → running} with the ARN; otherwise only the ARN, on an existing record. */
    @Override
    public void markStarted(ExecutionRecord e, String sfnExecutionArn) {
        String executionId = e.executionId();
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(table).key(Map.of(ID, Attrs.s(executionId)))
                    .updateExpression("SET sfnExecutionArn = :arn, #s = :running, userStatus = :us")
                    .conditionExpression("#s = :pending")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":arn", Attrs.s(sfnExecutionArn),
                            ":running", Attrs.s(ExecutionStatus.RUNNING.wire()),
                            ":pending", Attrs.s(ExecutionStatus.PENDING.wire()),
                            ":us", Attrs.s(ExecutionRecordKeys.userStatus(e.userId(), ExecutionStatus.RUNNING))))
                    .build());
        } catch (ConditionalCheckFailedException ex) {
            // Already running or ended (a fast status event or a cancel won the race): keep its status, record the
            // ARN — on the record that exists, never on a new one.
            try {
                dynamo.updateItem(UpdateItemRequest.builder().tableName(table).key(Map.of(ID, Attrs.s(executionId)))
                        .updateExpression("SET sfnExecutionArn = :arn")
                        .conditionExpression("attribute_exists(#id)")
                        .expressionAttributeNames(Map.of("#id", ID))
                        .expressionAttributeValues(Map.of(":arn", Attrs.s(sfnExecutionArn)))
                        .build());
            } catch (ConditionalCheckFailedException gone) {
                // no such record: nothing to mark
            }
        }
    }

    /**
     * The transaction of {@link #complete} as a linked write: the record's conditional update first (refused when
     * already ended), then the run count; a missing workflow makes the publisher fall back to {@link #complete}.
     */
    @Override
    public LinkedWrite completing(Completion c) {
        List<TransactWriteItem> items = c.countRun()
                ? List.of(TransactWriteItem.builder().update(completionUpdate(c)).build(),
                        TransactWriteItem.builder().update(runCountBump(c)).build())
                : List.of(TransactWriteItem.builder().update(completionUpdate(c)).build());
        return LinkedWrite.of(seq -> items, () -> complete(c));
    }

    @Override
    public boolean complete(Completion c) {
        Update record = completionUpdate(c);
        if (!c.countRun()) {
            return applyAlone(record);
        }
        Update bump = runCountBump(c);
        try {
            dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(
                    TransactWriteItem.builder().update(record).build(),
                    TransactWriteItem.builder().update(bump).build()).build());
            return true;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
            boolean recordRefused = !reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code());
            boolean workflowMissing = reasons.size() > 1 && "ConditionalCheckFailed".equals(reasons.get(1).code());
            if (recordRefused) {
                return false;
            }
            if (workflowMissing) {
                return applyAlone(record);
            }
            throw e;
        }
    }

    /** {@code ADD runCount 1} on the workflow, which must exist. */
    private Update runCountBump(Completion c) {
        return Update.builder().tableName(workflowsTable)
                .key(Map.of(WorkflowKeys.PK, Attrs.s(WorkflowKeys.pk(c.workflowId())),
                        WorkflowKeys.SK, Attrs.s(WorkflowKeys.HEAD_SK)))
                .updateExpression("ADD #rc :one")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#rc", WorkflowKeys.RUN_COUNT))
                .expressionAttributeValues(Map.of(":one", Attrs.n(1)))
                .build();
    }

    private boolean applyAlone(Update u) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(u.tableName()).key(u.key())
                    .updateExpression(u.updateExpression()).conditionExpression(u.conditionExpression())
                    .expressionAttributeNames(u.expressionAttributeNames())
                    .expressionAttributeValues(u.expressionAttributeValues()).build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private Update completionUpdate(Completion c) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        set(sets, names, values, "status", Attrs.s(c.status().wire()));
        set(sets, names, values, ExecutionRecordKeys.USER_STATUS, Attrs.s(ExecutionRecordKeys.userStatus(c.userId(), c.status())));
        set(sets, names, values, "completedAt", Attrs.s(c.completedAt().toString()));
        set(sets, names, values, "durationMs", Attrs.n(c.durationMs()));
        setJson(sets, names, values, "outputs", c.outputs());
        setJson(sets, names, values, "nodeStates", c.nodeStates());
        setJson(sets, names, values, "tokenUsage", c.tokenUsage());
        if (c.errorCode() != null) {
            set(sets, names, values, "errorCode", Attrs.s(c.errorCode()));
        }
        if (c.errorMessage() != null) {
            set(sets, names, values, "errorMessage", Attrs.s(c.errorMessage()));
        }
        if (c.errorNodeId() != null) {
            set(sets, names, values, "errorNodeId", Attrs.s(c.errorNodeId()));
        }
        names.put("#id", ID);
        return Update.builder().tableName(table).key(Map.of(ID, Attrs.s(c.executionId())))
                .updateExpression("SET " + String.join(", ", sets))
                .conditionExpression("attribute_exists(#id) AND attribute_not_exists(#completedAt)")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
    }

    @Override
    public Page<ExecutionRecord> list(ExecutionQuery q) {
        String index;
        String partitionAttribute;
        String partition;
        boolean filterStatus = false;
        if (q.workflowId() != null) {
            index = ExecutionRecordKeys.BY_WORKFLOW;
            partitionAttribute = ExecutionRecordKeys.USER_WORKFLOW;
            partition = ExecutionRecordKeys.userWorkflow(q.userId(), q.workflowId());
            filterStatus = q.status() != null;
        } else if (q.status() != null) {
            index = ExecutionRecordKeys.BY_USER_STATUS;
            partitionAttribute = ExecutionRecordKeys.USER_STATUS;
            partition = ExecutionRecordKeys.userStatus(q.userId(), q.status());
        } else {
            index = ExecutionRecordKeys.BY_USER;
            partitionAttribute = ExecutionRecordKeys.USER;
            partition = q.userId();
        }
        String listing = LISTING + ":" + index + ":" + (q.workflowId() == null ? "" : q.workflowId())
                + ":" + (q.status() == null ? "" : q.status().wire());
        Cursors.Position after = Cursors.decode(listing, q.cursor());

        Map<String, String> names = new HashMap<>(Map.of("#p", partitionAttribute));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":p", Attrs.s(partition)));
        String keyCondition = "#p = :p";
        if (q.from() != null || q.to() != null) {
            names.put("#k", STARTED_KEY);
            values.put(":from", Attrs.s(q.from() == null ? "0" : SortKeys.time(q.from())));
            values.put(":to", Attrs.s(q.to() == null ? "9" : SortKeys.time(q.to())));
            keyCondition += " AND #k BETWEEN :from AND :to";
        }
        String filter = null;
        if (filterStatus) {
            names.put("#s", "status");
            values.put(":s", Attrs.s(q.status().wire()));
            filter = "#s = :s";
        }
        Map<String, AttributeValue> start = after == null ? null : Map.of(partitionAttribute, Attrs.s(partition),
                STARTED_KEY, Attrs.s(after.sortKey()), ID, Attrs.s(after.id()));
        List<ExecutionRecord> items = new ArrayList<>();
        boolean more;
        do {
            QueryResponse page = dynamo.query(QueryRequest.builder().tableName(table).indexName(index)
                    .keyConditionExpression(keyCondition)
                    .filterExpression(filter)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .scanIndexForward(false)
                    .limit(q.limit())
                    .exclusiveStartKey(start)
                    .build());
            page.items().forEach(item -> items.add(toRecord(item)));
            more = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty();
            start = more ? page.lastEvaluatedKey() : null;
        } while (more && items.size() < q.limit());
        boolean truncated = items.size() > q.limit();
        List<ExecutionRecord> pageItems = truncated ? items.subList(0, q.limit()) : items;
        String next = null;
        if ((more || truncated) && !pageItems.isEmpty()) {
            ExecutionRecord last = pageItems.get(pageItems.size() - 1);
            next = Cursors.encode(listing, SortKeys.timeAndId(last.startedAt(), last.executionId()), last.executionId());
        }
        return new Page<>(pageItems, next);
    }

    static ExecutionRecord toRecord(Map<String, AttributeValue> item) {
        String completedAt = Attrs.str(item, "completedAt");
        Long version = Attrs.num(item, "workflowVersion");
        return new ExecutionRecord(Attrs.str(item, ID), Attrs.str(item, ExecutionRecordKeys.USER),
                Attrs.str(item, "workflowId"), version == null ? 0 : version.intValue(),
                ExecutionStatus.fromWire(Attrs.str(item, "status")).orElse(ExecutionStatus.FAILED),
                Attrs.str(item, "trigger"), Attrs.jsonOf(item, "inputs"), Attrs.jsonOf(item, "outputs"),
                Attrs.jsonOf(item, "nodeStates"), Attrs.str(item, "errorCode"), Attrs.str(item, "errorMessage"),
                Attrs.str(item, "errorNodeId"), Attrs.jsonOf(item, "tokenUsage"),
                Instant.parse(Attrs.str(item, "startedAt")), completedAt == null ? null : Instant.parse(completedAt),
                Attrs.num(item, "durationMs"), Attrs.str(item, "sfnExecutionArn"), Attrs.str(item, "idempotencyKey"),
                Attrs.jsonOf(item, "callback"));
    }

    private static void set(List<String> sets, Map<String, String> names, Map<String, AttributeValue> values,
                            String attribute, AttributeValue value) {
        names.put("#" + attribute, attribute);
        values.put(":" + attribute, value);
        sets.add("#" + attribute + " = :" + attribute);
    }

    private static void setJson(List<String> sets, Map<String, String> names, Map<String, AttributeValue> values,
                                String attribute, JsonNode value) {
        if (value != null && !value.isNull()) {
            set(sets, names, values, attribute, Attrs.json(JsonCaps.cap(value, MAX_JSON_BYTES)));
        }
    }
}
