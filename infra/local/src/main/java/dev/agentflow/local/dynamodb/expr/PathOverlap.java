package dev.agentflow.local.dynamodb.expr;

/**
 * DynamoDB's rule for the paths of one update or projection: no path may equal or contain another
 * ("overlap"), and two paths may not use a map key and a list index at the same level under a common prefix
 * ("conflict").
 */
final class PathOverlap {

  private PathOverlap() {}

  /** @return the error message for paths {@code one} (earlier) and {@code two}, or {@code null} when they are fine */
  static String check(DocumentPath one, DocumentPath two) {
    int n = Math.min(one.length(), two.length());
    for (int i = 0; i < n; i++) {
      boolean listA = one.isList(i);
      boolean listB = two.isList(i);
      if (listA != listB) {
        return "Two document paths conflict with each other; must remove or rewrite one of these paths; "
            + "path one: " + one.describe() + ", path two: " + two.describe();
      }
      if (listA ? one.indexes[i] != two.indexes[i] : !one.keys[i].equals(two.keys[i])) {
        return null;
      }
    }
    return "Two document paths overlap with each other; must remove or rewrite one of these paths; "
        + "path one: " + one.describe() + ", path two: " + two.describe();
  }
}
