package dev.agentflow.shared.testing;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * One in-process DynamoDB Local per test JVM ({@code DynamoDBEmbedded}, no HTTP, no Docker), and fresh
 * tables from template.yaml for each caller.
 */
public final class DynamoDbLocal {

    private static final AtomicInteger SUFFIX = new AtomicInteger();
    private static DynamoDbClient client;

    private DynamoDbLocal() {
    }

    /** The shared embedded client (started on first use). */
    public static synchronized DynamoDbClient client() {
        if (client == null) {
            client = DynamoDBEmbedded.create().dynamoDbClient();
        }
        return client;
    }

    /**
     * Creates template.yaml's tables under new names.
     *
     * @return logical id (e.g. {@code ExecutionsTable}) → table name
     */
    public static Map<String, String> freshTables() {
        return TemplateTables.create(client(), "t" + SUFFIX.incrementAndGet());
    }

    /** Every item of a table. */
    public static List<Map<String, AttributeValue>> scan(String table) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanResponse page = client().scan(ScanRequest.builder().tableName(table).exclusiveStartKey(start).build());
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }
}
