package dev.agentflow.local.dynamodb.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.local.dynamodb.expr.AttributeValues;
import dev.agentflow.local.dynamodb.expr.Condition;
import dev.agentflow.local.dynamodb.expr.DynamoDbError;
import dev.agentflow.local.dynamodb.expr.Expressions;
import dev.agentflow.local.dynamodb.expr.KeyCondition;
import dev.agentflow.local.dynamodb.expr.Projection;
import dev.agentflow.local.dynamodb.expr.Update;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * DynamoDB's operations over a {@link Database}: a request body in (AWS JSON 1.0, as the SDKs send it), the
 * response body out, or a {@link DynamoDbFailure} with DynamoDB's error type and message. Item, query and table
 * operations, transactions and TTL are served; the rest ({@code UpdateTable}, PartiQL, tags, backups, streams, …)
 * answer {@code UnknownOperationException} naming the operation as not supported by the local cloud.
 * Expressions (conditions, updates, projections, key conditions) are {@link Expressions}'.
 * Source: DynamoDB API Reference, one section per operation.
 */
public final class DynamoDbService {

  /** The operations served. */
  public static final Set<String> OPERATIONS = Set.of("GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query",
      "Scan", "BatchGetItem", "BatchWriteItem", "TransactWriteItems", "TransactGetItems", "CreateTable",
      "DescribeTable", "ListTables", "DeleteTable", "UpdateTimeToLive", "DescribeTimeToLive");

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final long MAX_ITEM_BYTES = 400 * 1024;
  private static final long MAX_PAGE_BYTES = 1024 * 1024;
  private static final String CONDITION_FAILED = "The conditional request failed";

  private final Database db;

  /** @param db the tables */
  public DynamoDbService(Database db) {
    this.db = db;
  }

  /**
   * Runs one operation.
   *
   * @param operation the operation name, e.g. {@code GetItem}
   * @param request the request body
   * @return the response body
   * @throws DynamoDbFailure DynamoDB's error answer
   */
  public ObjectNode call(String operation, ObjectNode request) {
    try {
      return switch (operation) {
        case "GetItem" -> getItem(request);
        case "PutItem" -> putItem(request);
        case "UpdateItem" -> updateItem(request);
        case "DeleteItem" -> deleteItem(request);
        case "Query" -> query(request);
        case "Scan" -> scan(request);
        case "BatchGetItem" -> batchGetItem(request);
        case "BatchWriteItem" -> batchWriteItem(request);
        case "TransactWriteItems" -> transactWriteItems(request);
        case "TransactGetItems" -> transactGetItems(request);
        case "CreateTable" -> createTable(request);
        case "DescribeTable" -> describeTable(request);
        case "ListTables" -> listTables(request);
        case "DeleteTable" -> deleteTable(request);
        case "UpdateTimeToLive" -> updateTimeToLive(request);
        case "DescribeTimeToLive" -> describeTimeToLive(request);
        default -> throw new DynamoDbFailure("UnknownOperationException", "The local cloud's DynamoDB does not "
            + "support the operation " + operation + " (it serves " + new java.util.TreeSet<>(OPERATIONS) + ")",
            400, null);
      };
    } catch (DynamoDbError e) {
      throw new DynamoDbFailure(e.type(), e.getMessage(), e.status(), null);
    }
  }

  // ---------------------------------------------------------------- tables

  private ObjectNode createTable(ObjectNode request) {
    Table table = db.create(TableDef.create(request, db.now()));
    ObjectNode out = NODES.objectNode();
    out.set("TableDescription", table.describe("ACTIVE"));
    return out;
  }

  private ObjectNode describeTable(ObjectNode request) {
    Table table = table(request);
    ObjectNode out = NODES.objectNode();
    out.set("Table", table.describe("ACTIVE"));
    return out;
  }

  private ObjectNode deleteTable(ObjectNode request) {
    TableDef.tableName(request);
    Table table = db.drop(request.path("TableName").asText());
    ObjectNode out = NODES.objectNode();
    out.set("TableDescription", table.describe("ACTIVE"));
    return out;
  }

  private ObjectNode listTables(ObjectNode request) {
    int limit = 100;
    if (request.has("Limit")) {
      limit = request.get("Limit").asInt();
      if (limit < 1 || limit > 100) {
        throw DynamoDbFailure.validation("1 validation error detected: Value '" + limit + "' at 'limit' failed to "
            + "satisfy constraint: Member must have value " + (limit < 1 ? "greater than or equal to 1"
            : "less than or equal to 100"));
      }
    }
    String start = request.path("ExclusiveStartTableName").asText(null);
    ObjectNode out = NODES.objectNode();
    ArrayNode names = out.putArray("TableNames");
    List<String> all = db.tableNames();
    String last = null;
    for (String name : all) {
      if (start != null && name.compareTo(start) <= 0) {
        continue;
      }
      if (names.size() == limit) {
        out.put("LastEvaluatedTableName", last);
        break;
      }
      names.add(name);
      last = name;
    }
    return out;
  }

  private ObjectNode updateTimeToLive(ObjectNode request) {
    Table table = table(request);
    JsonNode spec = request.get("TimeToLiveSpecification");
    if (spec == null || !spec.has("AttributeName") || !spec.has("Enabled")) {
      throw DynamoDbFailure.validation("1 validation error detected: Value null at 'timeToLiveSpecification' failed "
          + "to satisfy constraint: Member must not be null");
    }
    String attribute = spec.get("AttributeName").asText();
    boolean enable = spec.get("Enabled").asBoolean();
    String current = table.ttlAttribute;
    if (enable && current != null) {
      throw DynamoDbFailure.validation("TimeToLive is already enabled");
    }
    if (!enable && current == null) {
      throw DynamoDbFailure.validation("TimeToLive is already disabled");
    }
    if (!enable && !current.equals(attribute)) {
      throw DynamoDbFailure.validation("TimeToLive is active on a different AttributeName: current AttributeName is "
          + current);
    }
    db.setTtl(table, enable ? attribute : null);
    ObjectNode out = NODES.objectNode();
    out.putObject("TimeToLiveSpecification").put("AttributeName", attribute).put("Enabled", enable);
    return out;
  }

  private ObjectNode describeTimeToLive(ObjectNode request) {
    Table table = table(request);
    ObjectNode out = NODES.objectNode();
    ObjectNode d = out.putObject("TimeToLiveDescription");
    String attribute = table.ttlAttribute;
    if (attribute == null) {
      d.put("TimeToLiveStatus", "DISABLED");
    } else {
      d.put("TimeToLiveStatus", "ENABLED").put("AttributeName", attribute);
    }
    return out;
  }

  // ---------------------------------------------------------------- single items

  private ObjectNode getItem(ObjectNode request) {
    Table table = table(request);
    ObjectNode key = key(table, request.get("Key"));
    onlyWithExpressions(request, new String[0], "ProjectionExpression");
    ObjectNode names = names(request);
    Projection projection = projection(request, names);
    Expressions.checkAllUsed(names, null, projection);
    Entry entry;
    table.lock.readLock().lock();
    try {
      live(table);
      entry = table.get(key);
    } finally {
      table.lock.readLock().unlock();
    }
    ObjectNode out = NODES.objectNode();
    if (entry != null) {
      out.set("Item", projection == null ? entry.item() : projection.project(entry.item()));
    }
    return out;
  }

  private ObjectNode putItem(ObjectNode request) {
    Table table = table(request);
    rejectUnsupported(request, "Expected", "ConditionalOperator");
    JsonNode given = request.get("Item");
    if (given == null || !given.isObject()) {
      throw DynamoDbFailure.validation("1 validation error detected: Value null at 'item' failed to satisfy "
          + "constraint: Member must not be null");
    }
    ObjectNode item = (ObjectNode) given;
    String returnValues = returnValues(request, Set.of("NONE", "ALL_OLD"));
    boolean oldOnFailure = returnOldOnFailure(request);
    onlyWithExpressions(request, CONDITION);
    ObjectNode names = names(request);
    ObjectNode values = values(request);
    Condition condition = usedCondition(request, names, values);
    long size = checkItem(table, item, "Item size has exceeded the maximum allowed size");
    Entry old;
    table.lock.writeLock().lock();
    try {
      live(table);
      Entry current = table.get(item);
      checkCondition(condition, current, oldOnFailure);
      old = table.put(new Entry(item, size));
      db.journal(Database.putRecord(table, item));
    } finally {
      table.lock.writeLock().unlock();
    }
    return allOld(old, returnValues);
  }

  private ObjectNode deleteItem(ObjectNode request) {
    Table table = table(request);
    rejectUnsupported(request, "Expected", "ConditionalOperator");
    ObjectNode key = key(table, request.get("Key"));
    String returnValues = returnValues(request, Set.of("NONE", "ALL_OLD"));
    boolean oldOnFailure = returnOldOnFailure(request);
    onlyWithExpressions(request, CONDITION);
    ObjectNode names = names(request);
    ObjectNode values = values(request);
    Condition condition = usedCondition(request, names, values);
    Entry old;
    table.lock.writeLock().lock();
    try {
      live(table);
      Entry current = table.get(key);
      checkCondition(condition, current, oldOnFailure);
      old = current == null ? null : table.delete(key);
      if (old != null) {
        db.journal(Database.deleteRecord(table, key));
      }
    } finally {
      table.lock.writeLock().unlock();
    }
    return allOld(old, returnValues);
  }

  /** The request's ConditionExpression (or null), after checking that it uses every name and value given. */
  private Condition usedCondition(ObjectNode request, ObjectNode names, ObjectNode values) {
    Condition condition = condition(request, names, values);
    Expressions.checkAllUsed(names, values, condition);
    return condition;
  }

  /** PutItem's and DeleteItem's answer: {@code Attributes} = the old item when asked for ALL_OLD and there was one. */
  private static ObjectNode allOld(Entry old, String returnValues) {
    ObjectNode out = NODES.objectNode();
    if (old != null && returnValues.equals("ALL_OLD")) {
      out.set("Attributes", old.item());
    }
    return out;
  }

  private ObjectNode updateItem(ObjectNode request) {
    Table table = table(request);
    rejectUnsupported(request, "Expected", "ConditionalOperator", "AttributeUpdates");
    ObjectNode key = key(table, request.get("Key"));
    String returnValues = returnValues(request, Set.of("NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"));
    boolean oldOnFailure = returnOldOnFailure(request);
    onlyWithExpressions(request, UPDATE_CONDITION);
    ObjectNode names = names(request);
    ObjectNode values = values(request);
    Update update = update(request, names, values);
    Condition condition = condition(request, names, values);
    Expressions.checkAllUsed(names, values, update, condition);
    checkKeyNotUpdated(table, update);
    Entry old;
    ObjectNode updated;
    table.lock.writeLock().lock();
    try {
      live(table);
      old = table.get(key);
      checkCondition(condition, old, oldOnFailure);
      updated = applyUpdate(table, key, old, update);
      long size = checkItem(table, updated, "Item size to update has exceeded the maximum allowed size");
      table.put(new Entry(updated, size));
      db.journal(Database.putRecord(table, updated));
    } finally {
      table.lock.writeLock().unlock();
    }
    ObjectNode out = NODES.objectNode();
    ObjectNode attributes = switch (returnValues) {
      case "ALL_OLD" -> old == null ? null : old.item();
      case "ALL_NEW" -> updated;
      case "UPDATED_OLD" -> old == null || update == null ? null : update.projectUpdated(old.item());
      case "UPDATED_NEW" -> update == null ? null : update.projectUpdatedNew(updated);
      default -> null;
    };
    if (attributes != null && !attributes.isEmpty()) {
      out.set("Attributes", attributes);
    }
    return out;
  }

  private static ObjectNode applyUpdate(Table table, ObjectNode key, Entry old, Update update) {
    ObjectNode base = old != null ? old.item() : key;
    return update == null ? base : update.apply(base);
  }

  private static void checkKeyNotUpdated(Table table, Update update) {
    if (update == null) {
      return;
    }
    for (String name : update.topLevelNames()) {
      if (table.def.isTableKey(name)) {
        throw DynamoDbFailure.validation("One or more parameter values were invalid: Cannot update attribute " + name
            + ". This attribute is part of the key");
      }
    }
  }

  private static void checkCondition(Condition condition, Entry current, boolean oldOnFailure) {
    if (condition != null && !condition.test(current == null ? null : current.item())) {
      ObjectNode extra = null;
      if (oldOnFailure && current != null) {
        extra = NODES.objectNode();
        extra.set("Item", current.item());
      }
      throw new DynamoDbFailure("ConditionalCheckFailedException", CONDITION_FAILED, 400, extra);
    }
  }

  // ---------------------------------------------------------------- query and scan

  private ObjectNode query(ObjectNode request) {
    Table table = table(request);
    rejectUnsupported(request, "KeyConditions", "QueryFilter", "AttributesToGet", "ConditionalOperator");
    TableDef.IndexDef index = index(table, request);
    onlyWithExpressions(request, FILTER_KEY, "ProjectionExpression");
    ObjectNode names = names(request);
    ObjectNode values = values(request);
    String text = request.path("KeyConditionExpression").asText(null);
    if (text == null) {
      throw DynamoDbFailure.validation("Either the KeyConditions or KeyConditionExpression parameter must be "
          + "specified in the request.");
    }
    String hashName = index == null ? table.def.hashName : index.hashName();
    String rangeName = index == null ? table.def.rangeName : index.rangeName();
    KeyCondition keyCondition = Expressions.keyCondition(text, names, values, hashName, rangeName);
    Condition filter = filter(request, names, values);
    Projection projection = projection(request, names);
    Expressions.checkAllUsed(names, values, keyCondition, filter, projection);
    Page page = new Page(table, index, request, projection, filter);
    JsonNode hashValue = keyCondition.hashValue();
    char expected = index == null ? table.def.hashType : index.hashType();
    if (hashValue == null || !Values.typeOf(hashValue).equals(String.valueOf(expected))) {
      throw DynamoDbFailure.validation("One or more parameter values were invalid: Condition parameter type does not "
          + "match schema type");
    }
    char rangeType = index == null ? table.def.rangeType : index.rangeType();
    for (JsonNode v : keyCondition.rangeValues()) {
      if (!Values.typeOf(v).equals(String.valueOf(rangeType))) {
        throw DynamoDbFailure.validation("One or more parameter values were invalid: Condition parameter type does "
            + "not match schema type");
      }
    }
    KeyValue hash = KeyValue.of(hashValue);
    boolean forward = request.path("ScanIndexForward").asBoolean(true);
    table.lock.readLock().lock();
    try {
      live(table);
      Store store = index == null ? table.items : table.indexes.get(index.name());
      SortKey after = page.startAfter(hash);
      Iterator<Map.Entry<SortKey, Entry>> entries = store.partition(hash, after, forward);
      boolean inRange = false;
      while (entries.hasNext()) {
        Entry entry = entries.next().getValue();
        if (!keyCondition.matchesRange(rangeName == null ? null : entry.item().get(rangeName))) {
          if (inRange) {
            break; // every range condition is one contiguous run of the sort order: past it, nothing more matches
          }
          continue;
        }
        inRange = true;
        if (page.add(entry)) {
          break;
        }
      }
    } finally {
      table.lock.readLock().unlock();
    }
    return page.response();
  }

  private ObjectNode scan(ObjectNode request) {
    Table table = table(request);
    rejectUnsupported(request, "ScanFilter", "AttributesToGet", "ConditionalOperator");
    TableDef.IndexDef index = index(table, request);
    onlyWithExpressions(request, FILTER, "ProjectionExpression");
    ObjectNode names = names(request);
    ObjectNode values = values(request);
    Condition filter = filter(request, names, values);
    Projection projection = projection(request, names);
    Expressions.checkAllUsed(names, values, filter, projection);
    int segment = 0;
    int totalSegments = 1;
    if (request.has("Segment") || request.has("TotalSegments")) {
      if (!request.has("Segment") || !request.has("TotalSegments")) {
        throw DynamoDbFailure.validation("The TotalSegments parameter is required but was not present in the request "
            + "when Segment parameter is present");
      }
      segment = request.get("Segment").asInt();
      totalSegments = request.get("TotalSegments").asInt();
      if (segment < 0 || segment >= totalSegments) {
        throw DynamoDbFailure.validation("The Segment parameter is zero-based and must be less than parameter "
            + "TotalSegments: Segment: " + segment + " is not less than TotalSegments: " + totalSegments);
      }
    }
    Page page = new Page(table, index, request, projection, filter);
    table.lock.readLock().lock();
    try {
      live(table);
      Store store = index == null ? table.items : table.indexes.get(index.name());
      KeyValue startHash = page.startHash();
      var partitions = startHash == null ? store.partitions : store.partitions.tailMap(startHash, true);
      outer:
      for (var partition : partitions.entrySet()) {
        if (totalSegments > 1 && Math.floorMod(partition.getKey().hashCode(), totalSegments) != segment) {
          continue;
        }
        SortKey after = partition.getKey().equals(startHash) ? page.startAfter(startHash) : null;
        var entries = after == null ? partition.getValue().values()
            : partition.getValue().tailMap(after, false).values();
        for (Entry entry : entries) {
          if (page.add(entry)) {
            break outer;
          }
        }
      }
    } finally {
      table.lock.readLock().unlock();
    }
    return page.response();
  }

  /** One page of a Query or Scan: Limit, the 1 MB cap, filter, Select, projections, LastEvaluatedKey. */
  private static final class Page {
    private final Table table;
    private final TableDef.IndexDef index;
    private final ObjectNode exclusiveStart;
    private final Projection projection;
    private final Condition filter;
    private final int limit;
    private final boolean count;
    private final boolean indexProjection;
    private final ArrayNode items = NODES.arrayNode();
    private int matched;
    private int scanned;
    private long bytes;
    private ObjectNode lastKey;

    Page(Table table, TableDef.IndexDef index, ObjectNode request, Projection projection, Condition filter) {
      this.table = table;
      this.index = index;
      this.projection = projection;
      this.filter = filter;
      JsonNode limitNode = request.get("Limit");
      if (limitNode != null && limitNode.asInt() < 1) {
        throw DynamoDbFailure.validation("1 validation error detected: Value '" + limitNode.asText() + "' at 'limit' "
            + "failed to satisfy constraint: Member must have value greater than or equal to 1");
      }
      this.limit = limitNode == null ? Integer.MAX_VALUE : limitNode.asInt();
      String select = request.path("Select").asText(null);
      if (select != null && !Set.of("ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "SPECIFIC_ATTRIBUTES", "COUNT")
          .contains(select)) {
        throw DynamoDbFailure.validation("1 validation error detected: Value '" + select + "' at 'select' failed to "
            + "satisfy constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, "
            + "ALL_PROJECTED_ATTRIBUTES]");
      }
      if (projection != null && select != null && !select.equals("SPECIFIC_ATTRIBUTES")) {
        throw DynamoDbFailure.validation("Cannot specify the ProjectionExpression when choosing to get "
            + select);
      }
      if ("SPECIFIC_ATTRIBUTES".equals(select) && projection == null) {
        throw DynamoDbFailure.validation("Must specify the AttributesToGet or ProjectionExpression when choosing to get "
            + "SPECIFIC_ATTRIBUTES");
      }
      if ("ALL_PROJECTED_ATTRIBUTES".equals(select) && index == null) {
        throw DynamoDbFailure.validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an "
            + "IndexName");
      }
      if ("ALL_ATTRIBUTES".equals(select) && index != null && index.global()
          && !"ALL".equals(index.projectionType())) {
        throw DynamoDbFailure.validation("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is "
            + "not supported for global secondary index " + index.name() + " because its projection type is not ALL");
      }
      this.count = "COUNT".equals(select);
      this.indexProjection = index != null && !"ALL".equals(index.projectionType())
          && !("ALL_ATTRIBUTES".equals(select) && !index.global());
      JsonNode start = request.get("ExclusiveStartKey");
      this.exclusiveStart = start == null || start.isNull() ? null : checkStartKey(start);
    }

    private ObjectNode checkStartKey(JsonNode start) {
      if (!start.isObject()) {
        throw DynamoDbFailure.validation("The provided starting key is invalid");
      }
      Set<String> expected = new HashSet<>();
      expected.add(table.def.hashName);
      if (table.def.rangeName != null) {
        expected.add(table.def.rangeName);
      }
      if (index != null) {
        expected.add(index.hashName());
        if (index.rangeName() != null) {
          expected.add(index.rangeName());
        }
      }
      Iterator<String> fields = start.fieldNames();
      int n = 0;
      while (fields.hasNext()) {
        String f = fields.next();
        n++;
        JsonNode v = start.get(f);
        Values.check(v);
        char type = table.def.keyType(f);
        if (!expected.contains(f) || !String.valueOf(type).equals(Values.typeOf(v))) {
          throw DynamoDbFailure.validation("The provided starting key is invalid: The provided key element does not "
              + "match the schema");
        }
      }
      if (n != expected.size()) {
        throw DynamoDbFailure.validation("The provided starting key is invalid: The provided key element does not "
            + "match the schema");
      }
      return (ObjectNode) start;
    }

    /** @return the partition the start key names, or null */
    KeyValue startHash() {
      if (exclusiveStart == null) {
        return null;
      }
      return KeyValue.of(exclusiveStart.get(index == null ? table.def.hashName : index.hashName()));
    }

    /** @return the sort key to start after in the start key's partition, or null (only when it is {@code hash}) */
    SortKey startAfter(KeyValue hash) {
      if (exclusiveStart == null || !hash.equals(startHash())) {
        return null;
      }
      SortKey tableSort = table.sortOf(exclusiveStart);
      if (index == null) {
        return tableSort;
      }
      KeyValue range = index.rangeName() == null ? KeyValue.NONE
          : KeyValue.of(exclusiveStart.get(index.rangeName()));
      return new SortKey(range, table.hashOf(exclusiveStart), tableSort.range());
    }

    /** Takes one item the key condition matched; @return true when the page is full. */
    boolean add(Entry entry) {
      scanned++;
      bytes += entry.size();
      ObjectNode visible = indexProjection ? projectIndex(entry.item()) : entry.item();
      if (filter == null || filter.test(visible)) {
        matched++;
        if (!count) {
          items.add(projection == null ? visible : projection.project(visible));
        }
      }
      if (scanned >= limit || bytes >= MAX_PAGE_BYTES) {
        lastKey = keyOf(entry.item());
        return true;
      }
      return false;
    }

    private ObjectNode projectIndex(ObjectNode item) {
      ObjectNode out = NODES.objectNode();
      item.fields().forEachRemaining(f -> {
        if (index.projects(f.getKey(), table.def)) {
          out.set(f.getKey(), f.getValue());
        }
      });
      return out;
    }

    private ObjectNode keyOf(ObjectNode item) {
      ObjectNode key = NODES.objectNode();
      key.set(table.def.hashName, item.get(table.def.hashName));
      if (table.def.rangeName != null) {
        key.set(table.def.rangeName, item.get(table.def.rangeName));
      }
      if (index != null) {
        key.set(index.hashName(), item.get(index.hashName()));
        if (index.rangeName() != null) {
          key.set(index.rangeName(), item.get(index.rangeName()));
        }
      }
      return key;
    }

    ObjectNode response() {
      ObjectNode out = NODES.objectNode();
      if (!count) {
        out.set("Items", items);
      }
      out.put("Count", matched);
      out.put("ScannedCount", scanned);
      if (lastKey != null) {
        out.set("LastEvaluatedKey", lastKey);
      }
      return out;
    }
  }

  private static TableDef.IndexDef index(Table table, ObjectNode request) {
    JsonNode name = request.get("IndexName");
    if (name == null || name.isNull()) {
      return null;
    }
    TableDef.IndexDef index = table.def.indexByName.get(name.asText());
    if (index == null) {
      throw DynamoDbFailure.validation("The table does not have the specified index: " + name.asText());
    }
    if (index.global() && request.path("ConsistentRead").asBoolean(false)) {
      throw DynamoDbFailure.validation("Consistent read cannot be true when querying a GSI");
    }
    return index;
  }

  // ---------------------------------------------------------------- batches

  /** One table's part of a BatchGetItem, checked. */
  private record BatchGet(Table table, List<ObjectNode> keys, Projection projection) {}

  /** One write of a BatchWriteItem, checked: an item to put (size ≥ 0) or a key to delete (size -1). */
  private record BatchWrite(ObjectNode node, long size) {}

  private ObjectNode batchGetItem(ObjectNode request) {
    JsonNode requestItems = requestItems(request);
    int total = 0;
    Map<String, BatchGet> plan = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> tables = requestItems.fields();
    while (tables.hasNext()) {
      Map.Entry<String, JsonNode> t = tables.next();
      Table table = existingTable(t.getKey());
      ObjectNode spec = (ObjectNode) t.getValue();
      rejectUnsupported(spec, "AttributesToGet");
      ObjectNode names = names(spec);
      Projection projection = projection(spec, names);
      Expressions.checkAllUsed(names, null, projection);
      List<ObjectNode> keys = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (JsonNode k : spec.path("Keys")) {
        ObjectNode key = key(table, k);
        if (!seen.add(table.hashOf(key) + "/" + table.sortOf(key))) {
          throw DynamoDbFailure.validation("Provided list of item keys contains duplicates");
        }
        keys.add(key);
        total++;
      }
      plan.put(t.getKey(), new BatchGet(table, keys, projection));
    }
    if (total > 100) {
      throw DynamoDbFailure.validation("Too many items requested for the BatchGetItem call");
    }
    ObjectNode out = NODES.objectNode();
    ObjectNode responses = out.putObject("Responses");
    for (Map.Entry<String, BatchGet> p : plan.entrySet()) {
      Table table = p.getValue().table();
      List<ObjectNode> keys = p.getValue().keys();
      Projection projection = p.getValue().projection();
      ArrayNode found = responses.putArray(p.getKey());
      table.lock.readLock().lock();
      try {
        live(table);
        for (ObjectNode key : keys) {
          Entry entry = table.get(key);
          if (entry != null) {
            found.add(projection == null ? entry.item() : projection.project(entry.item()));
          }
        }
      } finally {
        table.lock.readLock().unlock();
      }
    }
    out.putObject("UnprocessedKeys");
    return out;
  }

  private ObjectNode batchWriteItem(ObjectNode request) {
    JsonNode requestItems = requestItems(request);
    int total = 0;
    Map<Table, List<BatchWrite>> plan = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> tables = requestItems.fields();
    while (tables.hasNext()) {
      Map.Entry<String, JsonNode> t = tables.next();
      Table table = existingTable(t.getKey());
      List<BatchWrite> writes = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (JsonNode w : t.getValue()) {
        BatchWrite write;
        if (w.has("PutRequest")) {
          JsonNode item = w.get("PutRequest").get("Item");
          if (item == null || !item.isObject()) {
            throw DynamoDbFailure.validation("1 validation error detected: Value null at 'item' failed to satisfy "
                + "constraint: Member must not be null");
          }
          long size = checkItem(table, (ObjectNode) item, "Item size has exceeded the maximum allowed size");
          write = new BatchWrite((ObjectNode) item, size);
        } else if (w.has("DeleteRequest")) {
          write = new BatchWrite(key(table, w.get("DeleteRequest").get("Key")), -1);
        } else {
          throw DynamoDbFailure.validation("Supplied AttributeValue has more than one datatypes set, must contain "
              + "exactly one of the supported datatypes");
        }
        JsonNode k = write.node();
        if (!seen.add(table.hashOf(k) + "/" + table.sortOf(k))) {
          throw DynamoDbFailure.validation("Provided list of item keys contains duplicates");
        }
        writes.add(write);
        total++;
      }
      plan.put(table, writes);
    }
    if (total > 25) {
      throw DynamoDbFailure.validation("1 validation error detected: Value '" + requestItems + "' at 'requestItems' "
          + "failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or "
          + "equal to 25, Member must have length greater than or equal to 1]");
    }
    for (Map.Entry<Table, List<BatchWrite>> p : plan.entrySet()) {
      Table table = p.getKey();
      table.lock.writeLock().lock();
      try {
        live(table);
        for (BatchWrite w : p.getValue()) {
          ObjectNode node = w.node();
          long size = w.size();
          if (size >= 0) {
            table.put(new Entry(node, size));
            db.journal(Database.putRecord(table, node));
          } else if (table.delete(node) != null) {
            db.journal(Database.deleteRecord(table, node));
          }
        }
      } finally {
        table.lock.writeLock().unlock();
      }
    }
    ObjectNode out = NODES.objectNode();
    out.putObject("UnprocessedItems");
    return out;
  }

  // ---------------------------------------------------------------- transactions

  /** One action of a TransactWriteItems request, checked. */
  private record Action(String kind, Table table, ObjectNode key, ObjectNode item, long size, Condition condition,
      Update update, boolean oldOnFailure) {}

  private ObjectNode transactWriteItems(ObjectNode request) {
    JsonNode list = request.get("TransactItems");
    if (list == null || !list.isArray()) {
      throw DynamoDbFailure.validation("1 validation error detected: Value null at 'transactItems' failed to satisfy "
          + "constraint: Member must not be null");
    }
    if (list.isEmpty() || list.size() > 100) {
      throw DynamoDbFailure.validation("Value " + list + " at 'transactItems' failed to satisfy constraint: Member "
          + "must have length " + (list.isEmpty() ? "greater than or equal to 1" : "less than or equal to 100"));
    }
    JsonNode token = request.get("ClientRequestToken");
    if (token != null && (token.asText().isEmpty() || token.asText().length() > 36)) {
      throw DynamoDbFailure.validation("1 validation error detected: Value '" + token.asText() + "' at "
          + "'clientRequestToken' failed to satisfy constraint: Member must have length less than or equal to 36");
    }
    List<Action> actions = new ArrayList<>();
    Set<String> targets = new HashSet<>();
    for (JsonNode element : list) {
      if (element.size() != 1) {
        throw DynamoDbFailure.validation("TransactItems can only contain one of Check, Put, Update or Delete");
      }
      String kind = element.fieldNames().next();
      JsonNode spec = element.get(kind);
      if (!spec.isObject()) {
        throw DynamoDbFailure.validation("TransactItems can only contain one of Check, Put, Update or Delete");
      }
      Action action = action(kind, (ObjectNode) spec);
      if (!targets.add(action.table().def.name + "\u0000" + action.table().hashOf(action.key()) + "\u0000"
          + action.table().sortOf(action.key()))) {
        throw DynamoDbFailure.validation("Transaction request cannot include multiple operations on one item");
      }
      actions.add(action);
    }
    List<Table> locked = lockAll(actions.stream().map(Action::table).toList(), true);
    try {
      List<ObjectNode> reasons = new ArrayList<>();
      List<ObjectNode> results = new ArrayList<>();
      boolean failed = false;
      for (Action a : actions) {
        live(a.table());
        Entry current = a.table().get(a.key());
        ObjectNode reason = NODES.objectNode();
        ObjectNode result = null;
        if (a.condition() != null && !a.condition().test(current == null ? null : current.item())) {
          // DynamoDB Local's wording: a full stop after a ConditionCheck's failure only
          reason.put("Code", "ConditionalCheckFailed").put("Message",
              a.kind().equals("ConditionCheck") ? CONDITION_FAILED + "." : CONDITION_FAILED);
          if (a.oldOnFailure() && current != null) {
            reason.set("Item", current.item());
          }
          failed = true;
        } else if (a.kind().equals("Update")) {
          // an update that cannot apply (wrong operand type, item too large) fails the whole request with a
          // ValidationException, as DynamoDB Local answers it (DynamoDB itself cancels with reason ValidationError)
          result = applyUpdate(a.table(), a.key(), current, a.update());
          checkItem(a.table(), result, "Item size to update has exceeded the maximum allowed size");
          reason.put("Code", "None");
        } else {
          reason.put("Code", "None");
        }
        reasons.add(reason);
        results.add(result);
      }
      if (failed) {
        ObjectNode extra = NODES.objectNode();
        extra.putArray("CancellationReasons").addAll(reasons);
        StringBuilder codes = new StringBuilder();
        for (ObjectNode r : reasons) {
          codes.append(codes.length() == 0 ? "" : ", ").append(r.get("Code").asText());
        }
        throw new DynamoDbFailure("TransactionCanceledException", "Transaction cancelled, please refer cancellation "
            + "reasons for specific reasons [" + codes + "]", 400, extra);
      }
      List<ObjectNode> journal = new ArrayList<>();
      for (int i = 0; i < actions.size(); i++) {
        Action a = actions.get(i);
        switch (a.kind()) {
          case "Put" -> {
            a.table().put(new Entry(a.item(), a.size()));
            journal.add(Database.putRecord(a.table(), a.item()));
          }
          case "Update" -> {
            ObjectNode updated = results.get(i);
            a.table().put(new Entry(updated, AttributeValues.sizeOf(updated)));
            journal.add(Database.putRecord(a.table(), updated));
          }
          case "Delete" -> {
            if (a.table().delete(a.key()) != null) {
              journal.add(Database.deleteRecord(a.table(), a.key()));
            }
          }
          default -> { }
        }
      }
      db.journal(journal);
    } finally {
      unlockAll(locked, true);
    }
    return NODES.objectNode();
  }

  private Action action(String kind, ObjectNode spec) {
    Table table = table(spec);
    ObjectNode names = names(spec);
    ObjectNode values = values(spec);
    boolean oldOnFailure = returnOldOnFailure(spec);
    switch (kind) {
      case "Put" -> {
        JsonNode given = spec.get("Item");
        if (given == null || !given.isObject()) {
          throw DynamoDbFailure.validation("1 validation error detected: Value null at 'transactItems.1.member.put.item'"
              + " failed to satisfy constraint: Member must not be null");
        }
        ObjectNode item = (ObjectNode) given;
        Condition condition = usedCondition(spec, names, values);
        long size = checkItem(table, item, "Item size has exceeded the maximum allowed size");
        return new Action(kind, table, item, item, size, condition, null, oldOnFailure);
      }
      case "Update" -> {
        ObjectNode key = key(table, spec.get("Key"));
        if (!spec.hasNonNull("UpdateExpression")) {
          throw DynamoDbFailure.validation("1 validation error detected: Value null at "
              + "'transactItems.1.member.update.updateExpression' failed to satisfy constraint: Member must not be null");
        }
        Update update = update(spec, names, values);
        Condition condition = condition(spec, names, values);
        Expressions.checkAllUsed(names, values, update, condition);
        checkKeyNotUpdated(table, update);
        return new Action(kind, table, key, null, 0, condition, update, oldOnFailure);
      }
      case "Delete" -> {
        ObjectNode key = key(table, spec.get("Key"));
        Condition condition = usedCondition(spec, names, values);
        return new Action(kind, table, key, null, 0, condition, null, oldOnFailure);
      }
      case "ConditionCheck" -> {
        ObjectNode key = key(table, spec.get("Key"));
        if (!spec.hasNonNull("ConditionExpression")) {
          throw DynamoDbFailure.validation("1 validation error detected: Value null at "
              + "'transactItems.1.member.conditionCheck.conditionExpression' failed to satisfy constraint: Member "
              + "must not be null");
        }
        Condition condition = usedCondition(spec, names, values);
        return new Action(kind, table, key, null, 0, condition, null, oldOnFailure);
      }
      default -> throw DynamoDbFailure.validation("TransactItems can only contain one of Check, Put, Update or "
          + "Delete");
    }
  }

  private ObjectNode transactGetItems(ObjectNode request) {
    JsonNode list = request.get("TransactItems");
    if (list == null || !list.isArray() || list.isEmpty() || list.size() > 100) {
      throw DynamoDbFailure.validation("1 validation error detected: Value '" + list + "' at 'transactItems' failed "
          + "to satisfy constraint: Member must have length greater than or equal to 1");
    }
    List<Table> tables = new ArrayList<>();
    List<ObjectNode> keys = new ArrayList<>();
    List<Projection> projections = new ArrayList<>();
    for (JsonNode element : list) {
      JsonNode get = element.get("Get");
      if (get == null || !get.isObject()) {
        throw DynamoDbFailure.validation("1 validation error detected: Value null at 'transactItems.1.member.get' "
            + "failed to satisfy constraint: Member must not be null");
      }
      Table table = table((ObjectNode) get);
      ObjectNode names = names((ObjectNode) get);
      Projection projection = projection((ObjectNode) get, names);
      Expressions.checkAllUsed(names, null, projection);
      tables.add(table);
      keys.add(key(table, get.get("Key")));
      projections.add(projection);
    }
    ObjectNode out = NODES.objectNode();
    ArrayNode responses = out.putArray("Responses");
    List<Table> locked = lockAll(tables, false);
    try {
      for (int i = 0; i < tables.size(); i++) {
        live(tables.get(i));
        Entry entry = tables.get(i).get(keys.get(i));
        ObjectNode r = responses.addObject();
        if (entry != null) {
          r.set("Item", projections.get(i) == null ? entry.item() : projections.get(i).project(entry.item()));
        }
      }
    } finally {
      unlockAll(locked, false);
    }
    return out;
  }

  private static List<Table> lockAll(List<Table> tables, boolean write) {
    TreeMap<String, Table> byName = new TreeMap<>();
    tables.forEach(t -> byName.put(t.def.name, t));
    List<Table> locked = new ArrayList<>();
    for (Table t : byName.values()) {
      (write ? t.lock.writeLock() : t.lock.readLock()).lock();
      locked.add(t);
    }
    return locked;
  }

  private static void unlockAll(List<Table> locked, boolean write) {
    for (Table t : locked) {
      (write ? t.lock.writeLock() : t.lock.readLock()).unlock();
    }
  }

  // ---------------------------------------------------------------- request parts

  private Table table(ObjectNode request) {
    return existingTable(TableDef.tableName(request));
  }

  private Table existingTable(String name) {
    Table table = db.table(name);
    if (table == null) {
      throw DynamoDbFailure.tableNotFound();
    }
    return table;
  }

  /** A batch's {@code RequestItems}: a non-empty map of table name to that table's part. */
  private static JsonNode requestItems(ObjectNode request) {
    JsonNode requestItems = request.get("RequestItems");
    if (requestItems == null || !requestItems.isObject() || requestItems.isEmpty()) {
      throw DynamoDbFailure.validation("1 validation error detected: Value null at 'requestItems' failed to satisfy "
          + "constraint: Member must not be null");
    }
    return requestItems;
  }

  private static void live(Table table) {
    if (table.dropped) {
      throw DynamoDbFailure.tableNotFound();
    }
  }

  /**
   * Checks a Key: exactly the table's key attributes, of the schema's types, not empty.
   *
   * @return the key
   */
  private static ObjectNode key(Table table, JsonNode key) {
    if (key == null || !key.isObject()) {
      throw DynamoDbFailure.validation("1 validation error detected: Value null at 'key' failed to satisfy "
          + "constraint: Member must not be null");
    }
    int expected = table.def.rangeName == null ? 1 : 2;
    if (key.isEmpty() || key.size() > 2) {
      throw DynamoDbFailure.validation("The number of conditions on the keys is invalid");
    }
    Iterator<Map.Entry<String, JsonNode>> fields = key.fields();
    while (fields.hasNext()) {
      Values.check(fields.next().getValue());
    }
    if (key.size() != expected) {
      throw DynamoDbFailure.validation("The provided key element does not match the schema");
    }
    checkKeyAttribute(key, table.def.hashName, table.def.hashType, true);
    if (table.def.rangeName != null) {
      checkKeyAttribute(key, table.def.rangeName, table.def.rangeType, true);
    }
    return (ObjectNode) key;
  }

  private static void checkKeyAttribute(JsonNode key, String name, char type, boolean isKeyParameter) {
    JsonNode v = key.get(name);
    if (v == null || !Values.typeOf(v).equals(String.valueOf(type))) {
      throw DynamoDbFailure.validation("The provided key element does not match the schema");
    }
    if (isEmptyScalar(v)) {
      throw DynamoDbFailure.validation("One or more parameter values are not valid. The AttributeValue for a key "
          + "attribute cannot contain an empty " + (type == 'B' ? "binary" : "string") + " value. Key: " + name);
    }
  }

  private static boolean isEmptyScalar(JsonNode v) {
    JsonNode s = v.get("S");
    if (s != null) {
      return s.asText().isEmpty();
    }
    JsonNode b = v.get("B");
    return b != null && b.asText().isEmpty();
  }

  /**
   * Checks an item to be stored: valid values, the table's key attributes present with the schema's types and not
   * empty, index key attributes (when present) of the schema's types and not empty, at most 400 KB.
   *
   * @return the item's size in bytes
   */
  private static long checkItem(Table table, ObjectNode item, String tooLarge) {
    Values.checkItem(item);
    Values.normalize(item);
    TableDef def = table.def;
    for (String name : def.rangeName == null ? List.of(def.hashName) : List.of(def.hashName, def.rangeName)) {
      JsonNode v = item.get(name);
      char type = def.keyType(name);
      if (v == null) {
        throw DynamoDbFailure.validation("One or more parameter values were invalid: Missing the key " + name
            + " in the item");
      }
      String actual = Values.typeOf(v);
      if (!actual.equals(String.valueOf(type))) {
        throw DynamoDbFailure.validation("One or more parameter values were invalid: Type mismatch for key " + name
            + " expected: " + type + " actual: " + actual);
      }
      if (isEmptyScalar(v)) {
        throw DynamoDbFailure.validation("One or more parameter values are not valid. The AttributeValue for a key "
            + "attribute cannot contain an empty " + (type == 'B' ? "binary" : "string") + " value. Key: " + name);
      }
    }
    for (TableDef.IndexDef index : def.indexes) {
      for (String name : index.rangeName() == null ? List.of(index.hashName())
          : List.of(index.hashName(), index.rangeName())) {
        JsonNode v = item.get(name);
        if (v == null || def.isTableKey(name)) {
          continue;
        }
        char type = def.keyType(name);
        String actual = Values.typeOf(v);
        if (!actual.equals(String.valueOf(type))) {
          throw DynamoDbFailure.validation("One or more parameter values were invalid: Type mismatch for Index Key "
              + name + " Expected: " + type + " Actual: " + actual + " IndexName: " + index.name());
        }
        if (isEmptyScalar(v)) {
          throw DynamoDbFailure.validation("One or more parameter values are not valid. A value specified for a "
              + "secondary index key is not supported. The AttributeValue for a key attribute cannot contain an "
              + "empty " + (type == 'B' ? "binary" : "string") + " value. IndexName: " + index.name()
              + ", IndexKey: " + name);
        }
      }
    }
    long size = AttributeValues.sizeOf(item);
    if (size > MAX_ITEM_BYTES) {
      throw DynamoDbFailure.validation(tooLarge);
    }
    return size;
  }

  private static ObjectNode names(ObjectNode request) {
    return placeholderMap(request, "ExpressionAttributeNames");
  }

  /** The request's non-empty map {@code field}, or null when absent. */
  private static ObjectNode placeholderMap(ObjectNode request, String field) {
    JsonNode n = request.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isObject()) {
      throw DynamoDbFailure.validation(field + " must be a map");
    }
    if (n.isEmpty()) {
      throw DynamoDbFailure.validation(field + " must not be empty");
    }
    return (ObjectNode) n;
  }

  private static ObjectNode values(ObjectNode request) {
    ObjectNode v = placeholderMap(request, "ExpressionAttributeValues");
    if (v == null) {
      return null;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = v.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      try {
        Values.check(f.getValue());
      } catch (DynamoDbFailure e) {
        throw DynamoDbFailure.validation("ExpressionAttributeValues contains invalid value: " + e.getMessage()
            + " for key " + f.getKey());
      }
    }
    return v;
  }


  /**
   * DynamoDB's check that ExpressionAttributeValues come with an expression that can use them, and
   * ExpressionAttributeNames with any expression.
   *
   * @param valueExpressions the request's parameters that may use values, in DynamoDB's order for the message
   * @param otherExpressions the request's other expression parameters (ProjectionExpression)
   */
  private static void onlyWithExpressions(ObjectNode request, String[] valueExpressions, String... otherExpressions) {
    boolean anyValueExpression = false;
    for (String p : valueExpressions) {
      anyValueExpression |= request.hasNonNull(p);
    }
    boolean anyExpression = anyValueExpression;
    for (String p : otherExpressions) {
      anyExpression |= request.hasNonNull(p);
    }
    if (request.hasNonNull("ExpressionAttributeNames") && !anyExpression) {
      throw DynamoDbFailure.validation("ExpressionAttributeNames can only be specified when using expressions");
    }
    if (request.hasNonNull("ExpressionAttributeValues") && !anyValueExpression && valueExpressions.length > 0) {
      throw DynamoDbFailure.validation("ExpressionAttributeValues can only be specified when using expressions: "
          + String.join(" and ", valueExpressions) + (valueExpressions.length == 1 ? " is null" : " are null"));
    }
  }

  private static final String[] CONDITION = {"ConditionExpression"};
  private static final String[] UPDATE_CONDITION = {"UpdateExpression", "ConditionExpression"};
  private static final String[] FILTER_KEY = {"FilterExpression", "KeyConditionExpression"};
  private static final String[] FILTER = {"FilterExpression"};

  private static Condition condition(ObjectNode request, ObjectNode names, ObjectNode values) {
    JsonNode text = request.get("ConditionExpression");
    return text == null || text.isNull() ? null : Expressions.condition(text.asText(), names, values);
  }

  private static Condition filter(ObjectNode request, ObjectNode names, ObjectNode values) {
    JsonNode text = request.get("FilterExpression");
    return text == null || text.isNull() ? null : Expressions.condition(text.asText(), names, values);
  }

  private static Update update(ObjectNode request, ObjectNode names, ObjectNode values) {
    JsonNode text = request.get("UpdateExpression");
    return text == null || text.isNull() ? null : Expressions.update(text.asText(), names, values);
  }

  private static Projection projection(ObjectNode request, ObjectNode names) {
    JsonNode text = request.get("ProjectionExpression");
    return text == null || text.isNull() ? null : Expressions.projection(text.asText(), names);
  }

  private static String returnValues(ObjectNode request, Set<String> allowed) {
    JsonNode v = request.get("ReturnValues");
    if (v == null || v.isNull()) {
      return "NONE";
    }
    String value = v.asText();
    if (!allowed.contains(value)) {
      throw DynamoDbFailure.validation("Return values set to invalid value");
    }
    return value;
  }

  private static boolean returnOldOnFailure(ObjectNode request) {
    JsonNode v = request.get("ReturnValuesOnConditionCheckFailure");
    if (v == null || v.isNull() || v.asText().equals("NONE")) {
      return false;
    }
    if (!v.asText().equals("ALL_OLD")) {
      throw DynamoDbFailure.validation("1 validation error detected: Value '" + v.asText() + "' at "
          + "'returnValuesOnConditionCheckFailure' failed to satisfy constraint: Member must satisfy enum value set: "
          + "[ALL_OLD, NONE]");
    }
    return true;
  }

  /** Legacy parameters (pre-expression API) the local cloud does not implement. */
  private static void rejectUnsupported(ObjectNode request, String... parameters) {
    for (String p : parameters) {
      if (request.hasNonNull(p)) {
        throw DynamoDbFailure.validation("The local cloud's DynamoDB does not support the legacy parameter " + p
            + "; use the expression parameters instead");
      }
    }
  }
}
