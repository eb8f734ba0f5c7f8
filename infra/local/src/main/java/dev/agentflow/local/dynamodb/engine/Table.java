package dev.agentflow.local.dynamodb.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One table: its items ({@link Store} by partition key, sorted by range key) and one {@link Store} per secondary
 * index, kept in step on every write. Readers take {@link #lock}'s read lock, writers its write lock; methods here
 * assume the caller holds the right one.
 */
final class Table {

  final TableDef def;
  final Store items = new Store();
  final Map<String, Store> indexes = new LinkedHashMap<>();
  final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  /** TTL attribute when TTL is enabled, else {@code null}. */
  volatile String ttlAttribute;
  /** Set when the table is deleted: operations that looked it up before then answer ResourceNotFound. */
  volatile boolean dropped;

  Table(TableDef def) {
    this.def = def;
    for (TableDef.IndexDef index : def.indexes) {
      indexes.put(index.name(), new Store());
    }
  }

  /** @return the hash key of a validated item or key */
  KeyValue hashOf(JsonNode item) {
    return KeyValue.of(item.get(def.hashName));
  }

  /** @return the table sort key of a validated item or key */
  SortKey sortOf(JsonNode item) {
    return def.rangeName == null ? SortKey.of(KeyValue.NONE) : SortKey.of(KeyValue.of(item.get(def.rangeName)));
  }

  /** @return the stored entry under a validated key, or {@code null} */
  Entry get(JsonNode key) {
    return items.get(hashOf(key), sortOf(key));
  }

  /** Stores an item (replacing the one with its key) and updates the indexes; returns the old entry or null. */
  Entry put(Entry entry) {
    KeyValue hash = hashOf(entry.item());
    SortKey sort = sortOf(entry.item());
    Entry old = items.put(hash, sort, entry);
    if (!indexes.isEmpty()) {
      if (old != null) {
        unindex(old.item(), hash, sort);
      }
      for (TableDef.IndexDef index : def.indexes) {
        KeyValue ih = KeyValue.of(entry.item().get(index.hashName()));
        KeyValue ir = index.rangeName() == null ? KeyValue.NONE : KeyValue.of(entry.item().get(index.rangeName()));
        if (ih != null && ir != null) {
          indexes.get(index.name()).put(ih, new SortKey(ir, hash, sort.range()), entry);
        }
      }
    }
    return old;
  }

  /** Deletes the item under a validated key; returns the old entry or null. */
  Entry delete(JsonNode key) {
    KeyValue hash = hashOf(key);
    SortKey sort = sortOf(key);
    Entry old = items.remove(hash, sort);
    if (old != null && !indexes.isEmpty()) {
      unindex(old.item(), hash, sort);
    }
    return old;
  }

  private void unindex(ObjectNode item, KeyValue hash, SortKey sort) {
    for (TableDef.IndexDef index : def.indexes) {
      KeyValue ih = KeyValue.of(item.get(index.hashName()));
      KeyValue ir = index.rangeName() == null ? KeyValue.NONE : KeyValue.of(item.get(index.rangeName()));
      if (ih != null && ir != null) {
        indexes.get(index.name()).remove(ih, new SortKey(ir, hash, sort.range()));
      }
    }
  }

  /** @return the description (counts read under the read lock) */
  ObjectNode describe(String status) {
    lock.readLock().lock();
    try {
      Map<String, long[]> counts = new HashMap<>();
      indexes.forEach((name, store) -> counts.put(name, new long[] {store.itemCount, store.sizeBytes}));
      ObjectNode d = def.describe(items.itemCount, items.sizeBytes, counts, status);
      return d;
    } finally {
      lock.readLock().unlock();
    }
  }
}
