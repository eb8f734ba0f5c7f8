package dev.agentflow.local.dynamodb.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.local.dynamodb.expr.AttributeValues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The in-memory DynamoDB's tables, optionally durable under a directory ({@link Journal}: snapshot plus an
 * append-only journal flushed every 100 ms and on close, compacted at open and close). One database whatever the
 * caller's credentials and region (as DynamoDB Local's {@code -sharedDb}). A background thread also deletes items
 * whose TTL has passed, once a minute (DynamoDB Developer Guide, "Time to Live": expired items are deleted in the
 * background, typically within days; items whose TTL is more than five years in the past are left alone).
 */
public final class Database implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(Database.class.getName());
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final long FIVE_YEARS_SECONDS = 5L * 365 * 24 * 3600;

  private final Map<String, Table> tables = new ConcurrentHashMap<>();
  private final Journal journal;
  private final Clock clock;
  private final ScheduledExecutorService background;

  private Database(Journal journal, Clock clock, boolean background) {
    this.journal = journal;
    this.clock = clock;
    if (background) {
      this.background = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dynamodb-background");
        t.setDaemon(true);
        return t;
      });
      if (journal != null) {
        this.background.scheduleWithFixedDelay(this::flushQuietly, 100, 100, TimeUnit.MILLISECONDS);
      }
      this.background.scheduleWithFixedDelay(() -> {
        try {
          sweepExpired(clock.instant().getEpochSecond());
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, "DynamoDB TTL sweep failed", e);
        }
      }, 60, 60, TimeUnit.SECONDS);
    } else {
      this.background = null;
    }
  }

  /**
   * Opens a database.
   *
   * @param directory where the snapshot and journal live (created when missing), or {@code null} for memory only
   * @return the database, with its background flush and TTL sweep running
   * @throws IOException when the directory cannot be read or written, or its files are corrupt
   */
  public static Database open(Path directory) throws IOException {
    return open(directory, Clock.systemUTC(), true);
  }

  /**
   * Opens a database (for tests: a clock of one's own, and the background threads optional).
   *
   * @param background whether to flush every 100 ms and sweep expired items every 60 s
   */
  public static Database open(Path directory, Clock clock, boolean background) throws IOException {
    if (directory == null) {
      return new Database(null, clock, background);
    }
    Map<String, Table> restored = new TreeMap<>();
    Journal journal = Journal.open(directory, record -> replay(restored, record));
    Database db = new Database(journal, clock, background);
    db.tables.putAll(restored);
    journal.compact(db::writeState);
    return db;
  }

  private static void replay(Map<String, Table> tables, ObjectNode record) {
    switch (record.path("c").asText()) {
      case "create" -> {
        Table table = new Table(TableDef.restore((ObjectNode) record.get("def"), record.path("at").asDouble()));
        JsonNode ttl = record.get("ttl");
        table.ttlAttribute = ttl == null || ttl.isNull() ? null : ttl.asText();
        tables.put(table.def.name, table);
      }
      case "drop" -> tables.remove(record.path("t").asText());
      case "ttl" -> {
        Table table = tables.get(record.path("t").asText());
        if (table != null) {
          JsonNode ttl = record.get("a");
          table.ttlAttribute = ttl == null || ttl.isNull() ? null : ttl.asText();
        }
      }
      case "put" -> {
        Table table = tables.get(record.path("t").asText());
        if (table != null) {
          ObjectNode item = (ObjectNode) record.get("i");
          table.put(new Entry(item, AttributeValues.sizeOf(item)));
        }
      }
      case "del" -> {
        Table table = tables.get(record.path("t").asText());
        if (table != null) {
          table.delete(record.get("k"));
        }
      }
      case "tx" -> record.path("ops").forEach(op -> replay(tables, (ObjectNode) op));
      default -> throw new IllegalStateException("unknown DynamoDB journal record: " + record);
    }
  }

  private void writeState(java.util.function.Consumer<ObjectNode> out) {
    for (Table table : new TreeMap<>(tables).values()) {
      table.lock.readLock().lock();
      try {
        out.accept(createRecord(table));
        for (var partition : table.items.partitions.values()) {
          for (Entry entry : partition.values()) {
            out.accept(putRecord(table, entry.item()));
          }
        }
      } finally {
        table.lock.readLock().unlock();
      }
    }
  }

  private static ObjectNode createRecord(Table table) {
    ObjectNode r = NODES.objectNode().put("c", "create");
    r.set("def", table.def.request);
    r.put("at", table.def.creationTime);
    r.put("ttl", table.ttlAttribute);
    return r;
  }

  static ObjectNode putRecord(Table table, ObjectNode item) {
    ObjectNode r = NODES.objectNode().put("c", "put").put("t", table.def.name);
    r.set("i", item);
    return r;
  }

  static ObjectNode deleteRecord(Table table, JsonNode key) {
    ObjectNode r = NODES.objectNode().put("c", "del").put("t", table.def.name);
    r.set("k", key);
    return r;
  }

  /** Journals one change or a transaction's changes (call with the tables' write locks held). */
  void journal(List<ObjectNode> records) {
    if (journal == null || records.isEmpty()) {
      return;
    }
    if (records.size() == 1) {
      journal.append(records.get(0));
    } else {
      ObjectNode tx = NODES.objectNode().put("c", "tx");
      tx.putArray("ops").addAll(records);
      journal.append(tx);
    }
  }

  /** Journals one change (call with the table's write lock held). */
  void journal(ObjectNode record) {
    if (journal != null) {
      journal.append(record);
    }
  }

  /** @return the table, or {@code null} */
  Table table(String name) {
    return tables.get(name);
  }

  /** @return the table names, sorted */
  List<String> tableNames() {
    return new ArrayList<>(new TreeMap<>(tables).keySet());
  }

  /** @return the wall-clock time, epoch seconds with a fraction (CreationDateTime) */
  double now() {
    return clock.millis() / 1000.0;
  }

  /**
   * Creates a table.
   *
   * @return the new table
   * @throws DynamoDbFailure ResourceInUseException when it exists
   */
  synchronized Table create(TableDef def) {
    if (tables.containsKey(def.name)) {
      throw new DynamoDbFailure("ResourceInUseException", "Cannot create preexisting table", 400, null);
    }
    Table table = new Table(def);
    tables.put(def.name, table);
    journal(createRecord(table));
    return table;
  }

  /**
   * Deletes a table and its items.
   *
   * @return the deleted table
   * @throws DynamoDbFailure ResourceNotFoundException when there is none
   */
  synchronized Table drop(String name) {
    Table table = tables.get(name);
    if (table == null) {
      throw DynamoDbFailure.tableNotFound();
    }
    table.lock.writeLock().lock();
    try {
      table.dropped = true;
      tables.remove(name);
      journal(NODES.objectNode().put("c", "drop").put("t", name));
    } finally {
      table.lock.writeLock().unlock();
    }
    return table;
  }

  /** Sets (or with {@code null} clears) a table's TTL attribute. */
  void setTtl(Table table, String attribute) {
    table.lock.writeLock().lock();
    try {
      table.ttlAttribute = attribute;
      journal(NODES.objectNode().put("c", "ttl").put("t", table.def.name).put("a", attribute));
    } finally {
      table.lock.writeLock().unlock();
    }
  }

  /**
   * Deletes the items whose TTL attribute (a number, epoch seconds) is before {@code now} but not more than five
   * years before it.
   *
   * @param now epoch seconds
   * @return how many items were deleted
   */
  public int sweepExpired(long now) {
    int deleted = 0;
    BigDecimal limit = BigDecimal.valueOf(now);
    BigDecimal oldest = BigDecimal.valueOf(now - FIVE_YEARS_SECONDS);
    for (Table table : tables.values()) {
      String attribute = table.ttlAttribute;
      if (attribute == null) {
        continue;
      }
      table.lock.writeLock().lock();
      try {
        List<ObjectNode> expired = new ArrayList<>();
        for (var partition : table.items.partitions.values()) {
          for (Entry entry : partition.values()) {
            JsonNode n = entry.item().path(attribute).get("N");
            if (n == null) {
              continue;
            }
            BigDecimal at;
            try {
              at = new BigDecimal(n.asText());
            } catch (NumberFormatException e) {
              continue;
            }
            if (at.compareTo(limit) < 0 && at.compareTo(oldest) >= 0) {
              expired.add(entry.item());
            }
          }
        }
        for (ObjectNode item : expired) {
          ObjectNode key = NODES.objectNode();
          key.set(table.def.hashName, item.get(table.def.hashName));
          if (table.def.rangeName != null) {
            key.set(table.def.rangeName, item.get(table.def.rangeName));
          }
          table.delete(key);
          journal(deleteRecord(table, key));
          deleted++;
        }
      } finally {
        table.lock.writeLock().unlock();
      }
    }
    return deleted;
  }

  /** Writes the queued journal lines out (no-op in memory). */
  public void flush() throws IOException {
    if (journal != null) {
      journal.flush();
    }
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.ERROR, "DynamoDB journal write failed", e);
    }
  }

  /** Stops the background threads; when durable, flushes and compacts the journal into a new snapshot. */
  @Override
  public void close() throws IOException {
    if (background != null) {
      background.shutdownNow();
      try {
        background.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (journal != null) {
      try {
        journal.compact(this::writeState);
      } catch (UncheckedIOException e) {
        throw e.getCause();
      } finally {
        journal.close();
      }
    }
  }
}
