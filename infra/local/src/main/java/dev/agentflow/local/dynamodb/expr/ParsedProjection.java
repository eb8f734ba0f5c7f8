package dev.agentflow.local.dynamodb.expr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/** A compiled projection expression. Source: DynamoDB Developer Guide, "Projection expressions". */
final class ParsedProjection implements Projection {

  private final ProjectionTree tree = new ProjectionTree();
  private final Set<String> usedNames;

  ParsedProjection(List<DocumentPath> paths, Set<String> usedNames) {
    for (DocumentPath p : paths) {
      tree.add(p);
    }
    this.usedNames = java.util.Collections.unmodifiableSet(usedNames);
  }

  @Override
  public ObjectNode project(ObjectNode item) {
    return tree.projectItem(item);
  }

  @Override
  public Set<String> usedNames() {
    return usedNames;
  }

  @Override
  public Set<String> usedValues() {
    return Set.of();
  }
}
