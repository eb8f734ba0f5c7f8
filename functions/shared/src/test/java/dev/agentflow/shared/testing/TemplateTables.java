package dev.agentflow.shared.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

/**
 * Creates the DynamoDB tables template.yaml declares, from template.yaml itself, so tests always run on
 * the keys that are deployed. Table names get a suffix so test classes do not share data.
 */
public final class TemplateTables {

    private TemplateTables() {
    }

    /** Every {@code AWS::DynamoDB::Table} of template.yaml: logical id → its Properties. */
    public static Map<String, JsonNode> declared() {
        JsonNode template;
        try {
            template = new YAMLMapper().readTree(ProjectFiles.resolve("template.yaml").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template.yaml", e);
        }
        Map<String, JsonNode> tables = new LinkedHashMap<>();
        template.path("Resources").fields().forEachRemaining(e -> {
            if (e.getValue().path("Type").asText().equals("AWS::DynamoDB::Table")) {
                tables.put(e.getKey(), e.getValue().path("Properties"));
            }
        });
        return tables;
    }

    /**
     * Creates every declared table as {@code <logicalId>-<suffix>}.
     *
     * @return logical id → created table name
     */
    public static Map<String, String> create(DynamoDbClient dynamo, String suffix) {
        Map<String, String> names = new LinkedHashMap<>();
        declared().forEach((logicalId, properties) -> {
            String name = logicalId + "-" + suffix;
            CreateTableRequest.Builder request = CreateTableRequest.builder()
                    .tableName(name)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attributes(properties.path("AttributeDefinitions")))
                    .keySchema(keys(properties.path("KeySchema")));
            List<GlobalSecondaryIndex> indexes = new ArrayList<>();
            for (JsonNode index : properties.path("GlobalSecondaryIndexes")) {
                indexes.add(GlobalSecondaryIndex.builder()
                        .indexName(index.path("IndexName").asText())
                        .keySchema(keys(index.path("KeySchema")))
                        .projection(Projection.builder().projectionType(
                                ProjectionType.fromValue(index.path("Projection").path("ProjectionType").asText("ALL"))).build())
                        .build());
            }
            if (!indexes.isEmpty()) {
                request.globalSecondaryIndexes(indexes);
            }
            dynamo.createTable(request.build());
            names.put(logicalId, name);
        });
        return names;
    }

    private static List<AttributeDefinition> attributes(JsonNode list) {
        List<AttributeDefinition> out = new ArrayList<>();
        list.forEach(a -> out.add(AttributeDefinition.builder()
                .attributeName(a.path("AttributeName").asText())
                .attributeType(a.path("AttributeType").asText())
                .build()));
        return out;
    }

    private static List<KeySchemaElement> keys(JsonNode list) {
        List<KeySchemaElement> out = new ArrayList<>();
        list.forEach(k -> out.add(KeySchemaElement.builder()
                .attributeName(k.path("AttributeName").asText())
                .keyType(k.path("KeyType").asText())
                .build()));
        return out;
    }
}
