package dev.agentflow.local.dynamodb.engine;

import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Items by partition key, each partition a sorted map by {@link SortKey}: the table's own items or one index's.
 * Not thread-safe: the owning {@link Table}'s lock guards it.
 */
final class Store {

  final TreeMap<KeyValue, TreeMap<SortKey, Entry>> partitions = new TreeMap<>();
  long itemCount;
  long sizeBytes;

  Entry get(KeyValue hash, SortKey sort) {
    TreeMap<SortKey, Entry> partition = partitions.get(hash);
    return partition == null ? null : partition.get(sort);
  }

  Entry put(KeyValue hash, SortKey sort, Entry entry) {
    Entry old = partitions.computeIfAbsent(hash, h -> new TreeMap<>()).put(sort, entry);
    if (old != null) {
      sizeBytes -= old.size();
    } else {
      itemCount++;
    }
    sizeBytes += entry.size();
    return old;
  }

  Entry remove(KeyValue hash, SortKey sort) {
    TreeMap<SortKey, Entry> partition = partitions.get(hash);
    if (partition == null) {
      return null;
    }
    Entry old = partition.remove(sort);
    if (old != null) {
      itemCount--;
      sizeBytes -= old.size();
      if (partition.isEmpty()) {
        partitions.remove(hash);
      }
    }
    return old;
  }

  /**
   * @param hash the partition
   * @param after start after this sort key, or {@code null} for the partition's start
   * @param forward ascending when true
   * @return the partition's entries in order
   */
  Iterator<Map.Entry<SortKey, Entry>> partition(KeyValue hash, SortKey after, boolean forward) {
    NavigableMap<SortKey, Entry> partition = partitions.get(hash);
    if (partition == null) {
      return java.util.Collections.emptyIterator();
    }
    if (!forward) {
      partition = partition.descendingMap();
    }
    if (after != null) {
      partition = partition.tailMap(after, false);
    }
    return partition.entrySet().iterator();
  }
}
