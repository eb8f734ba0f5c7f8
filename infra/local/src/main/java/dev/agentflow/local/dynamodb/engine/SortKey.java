package dev.agentflow.local.dynamodb.engine;

/**
 * Where an item sits inside a partition: by its range key, then (in an index, where range keys need not be unique)
 * by the table's own key. Ordered as DynamoDB orders a query's results; ties on an index's range key, which
 * DynamoDB leaves in no defined order, go by table key.
 *
 * @param range the range key (of the table or index), {@link KeyValue#NONE} when none
 * @param tableHash in an index, the table's hash key; {@link KeyValue#NONE} in the table itself
 * @param tableRange in an index, the table's range key; {@link KeyValue#NONE} in the table itself or when none
 */
record SortKey(KeyValue range, KeyValue tableHash, KeyValue tableRange) implements Comparable<SortKey> {

  /** @return the table's own sort key for a range key value */
  static SortKey of(KeyValue range) {
    return new SortKey(range, KeyValue.NONE, KeyValue.NONE);
  }

  @Override
  public int compareTo(SortKey o) {
    int c = range.compareTo(o.range);
    if (c != 0) {
      return c;
    }
    c = tableHash.compareTo(o.tableHash);
    return c != 0 ? c : tableRange.compareTo(o.tableRange);
  }
}
