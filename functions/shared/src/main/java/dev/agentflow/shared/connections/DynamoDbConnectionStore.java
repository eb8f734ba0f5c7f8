package dev.agentflow.shared.connections;

import static dev.agentflow.shared.store.Attrs.n;
import static dev.agentflow.shared.store.Attrs.s;

import dev.agentflow.shared.store.Attrs;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link ConnectionStore} on DynamoDB ({@code ConnectionsTable}, {@code pk}/{@code sk} strings, TTL
 * {@code expiresAt}):
 * <ul>
 *   <li>connection: {@code CONN#<connectionId>} / {@code CONN}: {@code userId}, {@code connectedAt};
 *   <li>subscription: {@code EXEC#<executionId>} / {@code SUB#<connectionId>}: {@code connectionId},
 *       {@code userId}, {@code lastSeq} (the delivery watermark) — a publisher's one {@code Query};
 *   <li>its back-reference: {@code CONN#<connectionId>} / {@code SUB#<executionId>}, so $disconnect
 *       removes a connection's subscriptions with one {@code Query}.
 * </ul>
 * Items live {@link #LIFETIME} (API Gateway closes a WebSocket connection after 2 hours at most), so a
 * connection whose $disconnect never ran disappears by TTL.
 */
public final class DynamoDbConnectionStore implements ConnectionStore {

    /** Most claims in one transaction (DynamoDB's limit of actions per TransactWriteItems). */
    public static final int CLAIMS_PER_TRANSACTION = 100;
    /** Item lifetime: API Gateway's 2-hour maximum connection duration plus a margin. */
    public static final Duration LIFETIME = Duration.ofHours(3);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    /**
     * @param dynamo client, built once per container
     * @param table  connections table name
     * @param clock  clock for TTLs
     */
    public DynamoDbConnectionStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public void putConnection(String connectionId, String userId) {
        Map<String, AttributeValue> item = key(connPk(connectionId), "CONN");
        item.put("connectionId", s(connectionId));
        item.put("userId", s(userId));
        item.put("connectedAt", s(clock.instant().toString()));
        item.put("expiresAt", n(expiresAt()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public Optional<String> connectionUser(String connectionId) {
        var item = dynamo.getItem(GetItemRequest.builder().tableName(table).key(key(connPk(connectionId), "CONN"))
                .consistentRead(true).build());
        return item.hasItem() && !item.item().isEmpty() ? Optional.ofNullable(Attrs.str(item.item(), "userId")) : Optional.empty();
    }

    @Override
    public void deleteConnection(String connectionId) {
        for (Map<String, AttributeValue> item : query(connPk(connectionId), "SUB#")) {
            String sk = Attrs.str(item, "sk");
            if (sk.startsWith("SUB#")) {
                unsubscribe(sk.substring(4), connectionId);
            }
        }
        dynamo.deleteItem(b -> b.tableName(table).key(key(connPk(connectionId), "CONN")));
    }

    @Override
    public void subscribe(Subscription sub) {
        Map<String, AttributeValue> back = key(connPk(sub.connectionId()), "SUB#" + sub.executionId());
        back.put("expiresAt", n(expiresAt()));
        dynamo.putItem(b -> b.tableName(table).item(back));
        Map<String, AttributeValue> item = key(execPk(sub.executionId()), "SUB#" + sub.connectionId());
        item.put("executionId", s(sub.executionId()));
        item.put("connectionId", s(sub.connectionId()));
        item.put("userId", s(sub.userId()));
        item.put("lastSeq", n(sub.lastSeq()));
        item.put("expiresAt", n(expiresAt()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public void unsubscribe(String executionId, String connectionId) {
        dynamo.deleteItem(b -> b.tableName(table).key(key(execPk(executionId), "SUB#" + connectionId)));
        dynamo.deleteItem(b -> b.tableName(table).key(key(connPk(connectionId), "SUB#" + executionId)));
    }

    @Override
    public List<Subscription> subscribers(String executionId) {
        List<Subscription> subs = new ArrayList<>();
        for (Map<String, AttributeValue> item : query(execPk(executionId), "SUB#")) {
            subs.add(new Subscription(executionId, Attrs.str(item, "connectionId"), Attrs.str(item, "userId"),
                    Attrs.num(item, "lastSeq")));
        }
        return subs;
    }

    @Override
    public OptionalLong claim(String executionId, String connectionId, long expected, long next) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(key(execPk(executionId), "SUB#" + connectionId))
                    .updateExpression("SET lastSeq = :next")
                    .conditionExpression("lastSeq = :expected")
                    .expressionAttributeValues(Map.of(":next", n(next), ":expected", n(expected)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return OptionalLong.empty();
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> old = e.hasItem() ? e.item() : null;
            if (old == null || old.isEmpty()) {
                var read = dynamo.getItem(GetItemRequest.builder().tableName(table)
                        .key(key(execPk(executionId), "SUB#" + connectionId)).consistentRead(true).build());
                old = read.hasItem() ? read.item() : Map.of();
            }
            Long found = old.isEmpty() ? null : Attrs.num(old, "lastSeq");
            return OptionalLong.of(found == null ? -1 : found);
        }
    }

    /**
     * One {@code TransactWriteItems} per {@value #CLAIMS_PER_TRANSACTION} subscriptions (DynamoDB's limit of
     * actions per transaction), each action the conditional update of {@link #claim}: a group is claimed whole or,
     * when any of its watermarks moved on (or the subscription is gone), not at all.
     */
    @Override
    public List<Subscription> claimAll(String executionId, List<Subscription> subscriptions, long expected, long next) {
        List<Subscription> claimed = new ArrayList<>();
        for (int from = 0; from < subscriptions.size(); from += CLAIMS_PER_TRANSACTION) {
            List<Subscription> group = subscriptions.subList(from, Math.min(subscriptions.size(), from + CLAIMS_PER_TRANSACTION));
            List<TransactWriteItem> claims = new ArrayList<>(group.size());
            for (Subscription sub : group) {
                claims.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(key(execPk(executionId), "SUB#" + sub.connectionId()))
                        .updateExpression("SET lastSeq = :next")
                        .conditionExpression("lastSeq = :expected")
                        .expressionAttributeValues(Map.of(":next", n(next), ":expected", n(expected)))
                        .build()).build());
            }
            try {
                dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(claims).build());
                claimed.addAll(group);
            } catch (TransactionCanceledException e) {
                // a watermark moved on, a subscription went, or a concurrent write: the caller claims these one by one
            }
        }
        return claimed;
    }

    private List<Map<String, AttributeValue>> query(String pk, String prefix) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = dynamo.query(QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", s(pk), ":prefix", s(prefix)))
                    .consistentRead(true).exclusiveStartKey(start).build());
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put("pk", s(pk));
        key.put("sk", s(sk));
        return key;
    }

    private static String connPk(String connectionId) {
        return "CONN#" + connectionId;
    }

    private static String execPk(String executionId) {
        return "EXEC#" + executionId;
    }

    private long expiresAt() {
        return clock.instant().plus(LIFETIME).getEpochSecond();
    }
}
