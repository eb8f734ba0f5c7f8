package dev.agentflow.local.dynamodb.expr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/** A compiled condition with the placeholders it used. */
final class ParsedCondition extends PlaceholderUse implements Condition {

  private final ConditionNode root;
  private final Set<String> topLevelNames;

  ParsedCondition(ConditionNode root, Set<String> usedNames, Set<String> usedValues, Set<String> topLevelNames) {
    super(usedNames, usedValues);
    this.root = root;
    this.topLevelNames = java.util.Collections.unmodifiableSet(topLevelNames);
  }

  ConditionNode root() {
    return root;
  }

  @Override
  public boolean test(ObjectNode itemOrNull) {
    return root.test(itemOrNull);
  }

  @Override
  public Set<String> topLevelNames() {
    return topLevelNames;
  }
}
