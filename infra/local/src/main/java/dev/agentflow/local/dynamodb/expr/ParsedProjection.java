package dev.agentflow.local.dynamodb.expr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/** A compiled projection expression. Source: DynamoDB Developer Guide, "Projection expressions". */
final class ParsedProjection extends PlaceholderUse implements Projection {

  private final ProjectionTree tree = new ProjectionTree();

  ParsedProjection(List<DocumentPath> paths, Set<String> usedNames) {
    super(usedNames, Set.of());
    for (DocumentPath p : paths) {
      tree.add(p);
    }
  }

  @Override
  public ObjectNode project(ObjectNode item) {
    return tree.projectItem(item);
  }
}
