package dev.agentflow.local.dynamodb.expr;

import java.util.Collections;
import java.util.Set;

/** The placeholders a parsed expression uses: what every {@link ParsedExpression} implementation holds alike. */
abstract class PlaceholderUse implements ParsedExpression {

  private final Set<String> usedNames;
  private final Set<String> usedValues;

  /**
   * @param usedNames the {@code #name} placeholders used (kept as given, read-only)
   * @param usedValues the {@code :value} placeholders used (kept as given, read-only)
   */
  PlaceholderUse(Set<String> usedNames, Set<String> usedValues) {
    this.usedNames = Collections.unmodifiableSet(usedNames);
    this.usedValues = Collections.unmodifiableSet(usedValues);
  }

  @Override
  public final Set<String> usedNames() {
    return usedNames;
  }

  @Override
  public final Set<String> usedValues() {
    return usedValues;
  }
}
