package dev.agentflow.local.dynamodb.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A table's definition, read and checked from a {@code CreateTable} request: key schema, attribute types, secondary
 * indexes, billing mode; the request itself is kept (it is what is persisted and what {@code DescribeTable} echoes).
 * Source: DynamoDB API Reference, "CreateTable", "KeySchemaElement", "GlobalSecondaryIndex", "LocalSecondaryIndex".
 */
final class TableDef {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

  /** A secondary index: its key and projection. */
  record IndexDef(String name, boolean global, String hashName, char hashType, String rangeName, char rangeType,
      String projectionType, Set<String> nonKeyAttributes, ObjectNode spec) {

    /** @return whether the index keeps this attribute (key attributes of the table and index always) */
    boolean projects(String attribute, TableDef table) {
      return "ALL".equals(projectionType) || attribute.equals(hashName) || attribute.equals(rangeName)
          || attribute.equals(table.hashName) || attribute.equals(table.rangeName)
          || nonKeyAttributes.contains(attribute);
    }
  }

  final String name;
  final String hashName;
  final char hashType;
  final String rangeName; // null when none
  final char rangeType;
  final List<IndexDef> indexes;
  final Map<String, IndexDef> indexByName;
  final ObjectNode request;
  final double creationTime;
  final Map<String, Character> attributeTypes;

  private TableDef(ObjectNode request, double creationTime) {
    this.request = request;
    this.creationTime = creationTime;
    this.name = request.path("TableName").asText();
    this.attributeTypes = new HashMap<>();
    for (JsonNode d : request.path("AttributeDefinitions")) {
      attributeTypes.put(d.path("AttributeName").asText(), d.path("AttributeType").asText("?").charAt(0));
    }
    String[] key = keyNames(request.path("KeySchema"));
    hashName = key[0];
    rangeName = key[1];
    hashType = attributeTypes.getOrDefault(hashName, 'S');
    rangeType = rangeName == null ? '-' : attributeTypes.getOrDefault(rangeName, 'S');
    List<IndexDef> all = new ArrayList<>();
    Map<String, IndexDef> byName = new HashMap<>();
    for (String kind : new String[] {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"}) {
      for (JsonNode spec : request.path(kind)) {
        String[] k = keyNames(spec.path("KeySchema"));
        Set<String> nonKey = new LinkedHashSet<>();
        spec.path("Projection").path("NonKeyAttributes").forEach(n -> nonKey.add(n.asText()));
        IndexDef index = new IndexDef(spec.path("IndexName").asText(), kind.startsWith("Global"), k[0],
            attributeTypes.getOrDefault(k[0], 'S'), k[1], k[1] == null ? '-' : attributeTypes.getOrDefault(k[1], 'S'),
            spec.path("Projection").path("ProjectionType").asText("ALL"), Set.copyOf(nonKey), (ObjectNode) spec);
        all.add(index);
        byName.put(index.name(), index);
      }
    }
    indexes = List.copyOf(all);
    indexByName = Map.copyOf(byName);
  }

  private static String[] keyNames(JsonNode schema) {
    String hash = null;
    String range = null;
    for (JsonNode e : schema) {
      if ("HASH".equals(e.path("KeyType").asText())) {
        hash = e.path("AttributeName").asText();
      } else {
        range = e.path("AttributeName").asText();
      }
    }
    return new String[] {hash, range};
  }

  /** @return a definition restored from its persisted request (no checks) */
  static TableDef restore(ObjectNode request, double creationTime) {
    return new TableDef(request, creationTime);
  }

  /** @return the type letter the schema declares for an attribute, or 0 when it is not a key of table or index */
  char keyType(String attribute) {
    Character c = attributeTypes.get(attribute);
    return c == null ? 0 : c;
  }

  /** @return whether the attribute is the table's hash or range key */
  boolean isTableKey(String attribute) {
    return attribute.equals(hashName) || attribute.equals(rangeName);
  }

  /**
   * Checks a CreateTable request as DynamoDB does and keeps what a description echoes.
   *
   * @throws DynamoDbFailure ValidationException in DynamoDB's words
   */
  static TableDef create(ObjectNode request, double creationTime) {
    String name = tableName(request);
    JsonNode definitions = request.get("AttributeDefinitions");
    JsonNode keySchema = request.get("KeySchema");
    if (keySchema == null || !keySchema.isArray()) {
      throw DynamoDbFailure.validation("1 validation error detected: Value null at 'keySchema' failed to satisfy "
          + "constraint: Member must not be null");
    }
    if (definitions == null || !definitions.isArray()) {
      throw DynamoDbFailure.validation("1 validation error detected: Value null at 'attributeDefinitions' failed to "
          + "satisfy constraint: Member must not be null");
    }
    Map<String, String> types = new HashMap<>();
    for (JsonNode d : definitions) {
      String type = d.path("AttributeType").asText();
      if (!Set.of("S", "N", "B").contains(type)) {
        throw DynamoDbFailure.validation("1 validation error detected: Value '" + type + "' at "
            + "'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: Member must satisfy enum "
            + "value set: [B, N, S]");
      }
      types.put(d.path("AttributeName").asText(), type);
    }
    Set<String> used = new LinkedHashSet<>();
    checkKeySchema(keySchema, types, used);
    String billing = request.path("BillingMode").asText("PROVISIONED");
    boolean provisioned = billing.equals("PROVISIONED");
    checkThroughput(request, provisioned);
    ObjectNode copy = request.deepCopy();
    String hash = keyNames(keySchema)[0];
    String range = keyNames(keySchema)[1];
    Set<String> indexNames = new java.util.HashSet<>();
    JsonNode lsis = request.get("LocalSecondaryIndexes");
    if (lsis != null && lsis.size() > 0 && range == null) {
      throw DynamoDbFailure.validation("Local Secondary indices are not allowed on hash tables, only hash and range "
          + "tables");
    }
    for (String kind : new String[] {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"}) {
      JsonNode list = request.get(kind);
      if (list == null) {
        continue;
      }
      for (JsonNode spec : list) {
        String indexName = spec.path("IndexName").asText(null);
        if (indexName == null) {
          throw DynamoDbFailure.validation("1 validation error detected: Value null at 'indexName' failed to satisfy "
              + "constraint: Member must not be null");
        }
        if (!indexNames.add(indexName)) {
          throw DynamoDbFailure.validation("One or more parameter values were invalid: Duplicate index name: "
              + indexName);
        }
        checkKeySchema(spec.path("KeySchema"), types, used);
        String[] k = keyNames(spec.path("KeySchema"));
        if (kind.startsWith("Local") && !hash.equals(k[0])) {
          throw DynamoDbFailure.validation("One or more parameter values were invalid: Index KeySchema does not have "
              + "the same leading hash key as table KeySchema for index: " + indexName + ". index hash key: " + k[0]
              + ", table hash key: " + hash);
        }
        JsonNode projection = spec.get("Projection");
        if (projection == null) {
          throw DynamoDbFailure.validation("1 validation error detected: Value null at 'projection' failed to "
              + "satisfy constraint: Member must not be null");
        }
        if (kind.startsWith("Global")) {
          checkThroughput(spec, provisioned);
        }
      }
    }
    if (!used.equals(types.keySet())) {
      throw DynamoDbFailure.validation("The number of attributes in key schema must match the number of attributes "
          + "defined in attribute definitions.");
    }
    if (!NAME.matcher(name).matches()) {
      throw DynamoDbFailure.validation("1 validation error detected: Value '" + name + "' at 'tableName' failed to "
          + "satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    }
    return new TableDef(copy, creationTime);
  }

  private static void checkThroughput(JsonNode spec, boolean provisioned) {
    JsonNode throughput = spec.get("ProvisionedThroughput");
    if (provisioned && (throughput == null || throughput.isNull())) {
      throw DynamoDbFailure.validation(spec.has("IndexName")
          ? "No provisioned throughput specified for the global secondary index"
          : "No provisioned throughput specified for the table");
    }
    if (provisioned && (!throughput.has("ReadCapacityUnits") || !throughput.has("WriteCapacityUnits"))) {
      throw DynamoDbFailure.validation("One or more parameter values were invalid: ReadCapacityUnits and "
          + "WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
    }
    if (!provisioned && throughput != null && !throughput.isNull()) {
      throw DynamoDbFailure.validation("One or more parameter values were invalid: Neither ReadCapacityUnits nor "
          + "WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
    }
  }

  private static void checkKeySchema(JsonNode schema, Map<String, String> types, Set<String> used) {
    if (schema.size() < 1 || schema.size() > 2) {
      throw DynamoDbFailure.validation("1 validation error detected: Value '" + schema + "' at 'keySchema' failed "
          + "to satisfy constraint: Member must have length less than or equal to 2");
    }
    if (!"HASH".equals(schema.get(0).path("KeyType").asText())) {
      throw DynamoDbFailure.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
    }
    if (schema.size() == 2 && !"RANGE".equals(schema.get(1).path("KeyType").asText())) {
      throw DynamoDbFailure.validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
    }
    if (schema.size() == 2
        && schema.get(0).path("AttributeName").asText().equals(schema.get(1).path("AttributeName").asText())) {
      throw DynamoDbFailure.validation("Invalid KeySchema: Some index key attribute have no definition");
    }
    for (JsonNode e : schema) {
      String attribute = e.path("AttributeName").asText();
      if (!types.containsKey(attribute)) {
        throw DynamoDbFailure.validation(("HASH".equals(e.path("KeyType").asText()) ? "Hash" : "Range")
            + " Key not specified in Attribute Definitions.  Type unknown.");
      }
      used.add(attribute);
    }
  }

  /** @return the request's TableName, checked (missing, length 3–255) */
  static String tableName(JsonNode request) {
    JsonNode n = request.get("TableName");
    if (n == null || n.isNull()) {
      throw DynamoDbFailure.validation("1 validation error detected: Value null at 'tableName' failed to satisfy "
          + "constraint: Member must not be null");
    }
    String name = n.asText();
    if (name.length() < 3) {
      throw DynamoDbFailure.validation("1 validation error detected: Value '" + name + "' at 'tableName' failed to "
          + "satisfy constraint: Member must have length greater than or equal to 3");
    }
    if (name.length() > 255) {
      throw DynamoDbFailure.validation("1 validation error detected: Value '" + name + "' at 'tableName' failed to "
          + "satisfy constraint: Member must have length less than or equal to 255");
    }
    return name;
  }

  /**
   * @param itemCount items in the table
   * @param sizeBytes their size
   * @param indexCounts item count and size per index name
   * @param status {@code ACTIVE} or {@code DELETING}
   * @return the TableDescription, shaped as DynamoDB Local gives it
   */
  ObjectNode describe(long itemCount, long sizeBytes, Map<String, long[]> indexCounts, String status) {
    ObjectNode d = NODES.objectNode();
    d.set("AttributeDefinitions", request.get("AttributeDefinitions").deepCopy());
    d.put("TableName", name);
    d.set("KeySchema", request.get("KeySchema").deepCopy());
    d.put("TableStatus", status);
    d.put("CreationDateTime", creationTime);
    boolean payPerRequest = "PAY_PER_REQUEST".equals(request.path("BillingMode").asText());
    d.set("ProvisionedThroughput", throughput(request, payPerRequest));
    d.put("TableSizeBytes", sizeBytes);
    d.put("ItemCount", itemCount);
    d.put("TableArn", arn());
    if (payPerRequest) {
      d.putObject("BillingModeSummary").put("BillingMode", "PAY_PER_REQUEST")
          .put("LastUpdateToPayPerRequestDateTime", creationTime);
    }
    for (String kind : new String[] {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"}) {
      JsonNode list = request.get(kind);
      if (list == null || list.isEmpty()) {
        continue;
      }
      ArrayNode out = d.putArray(kind);
      for (JsonNode spec : list) {
        String indexName = spec.path("IndexName").asText();
        long[] counts = indexCounts.getOrDefault(indexName, new long[2]);
        ObjectNode i = out.addObject();
        i.put("IndexName", indexName);
        i.set("KeySchema", spec.get("KeySchema").deepCopy());
        i.set("Projection", spec.get("Projection").deepCopy());
        if (kind.startsWith("Global")) {
          i.put("IndexStatus", "ACTIVE");
          if (!payPerRequest) {
            i.putObject("ProvisionedThroughput")
                .put("ReadCapacityUnits", spec.path("ProvisionedThroughput").path("ReadCapacityUnits").asLong())
                .put("WriteCapacityUnits", spec.path("ProvisionedThroughput").path("WriteCapacityUnits").asLong());
          }
        }
        i.put("IndexSizeBytes", counts[1]);
        i.put("ItemCount", counts[0]);
        i.put("IndexArn", arn() + "/index/" + indexName);
      }
    }
    JsonNode stream = request.get("StreamSpecification");
    if (stream != null && stream.path("StreamEnabled").asBoolean()) {
      d.set("StreamSpecification", stream.deepCopy());
    }
    d.put("DeletionProtectionEnabled", request.path("DeletionProtectionEnabled").asBoolean(false));
    return d;
  }

  private ObjectNode throughput(JsonNode spec, boolean payPerRequest) {
    ObjectNode t = NODES.objectNode();
    t.put("LastIncreaseDateTime", 0.0).put("LastDecreaseDateTime", 0.0).put("NumberOfDecreasesToday", 0);
    JsonNode given = spec.path("ProvisionedThroughput");
    t.put("ReadCapacityUnits", payPerRequest ? 0 : given.path("ReadCapacityUnits").asLong());
    t.put("WriteCapacityUnits", payPerRequest ? 0 : given.path("WriteCapacityUnits").asLong());
    return t;
  }

  /** @return the table's ARN, as DynamoDB Local forms it */
  String arn() {
    return "arn:aws:dynamodb:ddblocal:000000000000:table/" + name;
  }
}
