package dev.agentflow.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.local.edge.EdgeHandler;
import dev.agentflow.local.template.TableSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Creates the template's tables in DynamoDB Local: {@code CreateTable} for each table that does not exist
 * yet (existing tables, and their items, are left as they are, so a restart keeps data), then
 * {@code UpdateTimeToLive} where the template enables TTL.
 */
public final class TableProvisioner {

  private final DynamoDbJsonClient client;

  /** @param dynamoDb the edge's DynamoDB handler ({@link DynamoDbApi}), called in-process */
  public TableProvisioner(EdgeHandler dynamoDb) {
    this.client = new DynamoDbJsonClient(dynamoDb);
  }

  /**
   * Creates the missing tables.
   *
   * @return the names of the tables created now (the others already existed)
   * @throws IOException when DynamoDB Local rejects a table definition (the message names the table)
   */
  public List<String> createMissing(List<TableSpec> tables) throws IOException {
    Set<String> existing = existingTables();
    List<String> created = new ArrayList<>();
    for (TableSpec table : tables) {
      if (existing.contains(table.tableName())) {
        continue;
      }
      try {
        client.call("CreateTable", table.createTableRequest());
        if (table.ttlAttribute() != null) {
          ObjectNode ttl = JsonNodeFactory.instance.objectNode().put("TableName", table.tableName());
          ttl.putObject("TimeToLiveSpecification").put("AttributeName", table.ttlAttribute()).put("Enabled", true);
          client.call("UpdateTimeToLive", ttl);
        }
      } catch (DynamoDbJsonClient.DynamoDbCallException e) {
        throw new IOException("Cannot create table " + table.tableName() + " (" + table.logicalId() + "): "
            + e.getMessage(), e);
      }
      created.add(table.tableName());
    }
    return created;
  }

  private Set<String> existingTables() throws IOException {
    Set<String> names = new HashSet<>();
    String start = null;
    do {
      ObjectNode request = JsonNodeFactory.instance.objectNode();
      if (start != null) {
        request.put("ExclusiveStartTableName", start);
      }
      JsonNode page = client.call("ListTables", request);
      page.path("TableNames").forEach(n -> names.add(n.asText()));
      start = page.hasNonNull("LastEvaluatedTableName") ? page.get("LastEvaluatedTableName").asText() : null;
    } while (start != null);
    return names;
  }
}
