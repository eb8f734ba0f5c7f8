package dev.agentflow.local.dynamodb.expr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/** A compiled condition with the placeholders it used. */
final class ParsedCondition implements Condition {

  private final ConditionNode root;
  private final Set<String> usedNames;
  private final Set<String> usedValues;
  private final Set<String> topLevelNames;

  ParsedCondition(ConditionNode root, Set<String> usedNames, Set<String> usedValues, Set<String> topLevelNames) {
    this.root = root;
    this.topLevelNames = java.util.Collections.unmodifiableSet(topLevelNames);
    this.usedNames = java.util.Collections.unmodifiableSet(usedNames);
    this.usedValues = java.util.Collections.unmodifiableSet(usedValues);
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

  @Override
  public Set<String> usedNames() {
    return usedNames;
  }

  @Override
  public Set<String> usedValues() {
    return usedValues;
  }
}
