package dev.agentflow.local.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A compiled update expression. Every SET value is computed from the old item first; then the SET, ADD and
 * DELETE actions are applied (in path order, list indexes ascending, as DynamoDB Local does), then the REMOVE actions (list elements from the highest index down, so
 * indexes refer to the old list). ADD adds to a number or unites sets, creating the attribute when missing;
 * DELETE takes elements out of a set and removes the attribute when the set empties. Source: DynamoDB Developer
 * Guide, "Update expressions".
 */
final class ParsedUpdate extends PlaceholderUse implements Update {

  /** Writes in path order, list indexes ascending (so l[5], l[4] past the end append as l[4] then l[5]). */
  private static final Comparator<UpdateAction> WRITE_ORDER = (x, y) -> pathOrder(x.path(), y.path(), false);
  /** Removes in path order, higher list indexes first, so removing in order keeps the old indexes valid. */
  private static final Comparator<UpdateAction> REMOVE_ORDER = (x, y) -> pathOrder(x.path(), y.path(), true);

  private static int pathOrder(DocumentPath a, DocumentPath b, boolean indexesDescending) {
    for (int i = 0; i < Math.min(a.length(), b.length()); i++) {
      if (a.isList(i) != b.isList(i)) {
        return a.isList(i) ? 1 : -1;
      }
      int c = a.isList(i) ? Integer.compare(a.indexes[i], b.indexes[i]) : a.keys[i].compareTo(b.keys[i]);
      if (c != 0) {
        return indexesDescending && a.isList(i) ? -c : c;
      }
    }
    return Integer.compare(a.length(), b.length());
  }


  private final UpdateAction[] writes;
  private final UpdateAction[] removes;
  private final Set<String> topLevelNames;
  private final ProjectionTree updatedPaths = new ProjectionTree();
  private final ProjectionTree writtenPaths = new ProjectionTree();

  ParsedUpdate(List<UpdateAction> actions, Set<String> usedNames, Set<String> usedValues) {
    super(usedNames, usedValues);
    List<UpdateAction> w = new ArrayList<>();
    List<UpdateAction> r = new ArrayList<>();
    Set<String> tops = new LinkedHashSet<>();
    for (UpdateAction a : actions) {
      (a.kind() == UpdateAction.Kind.REMOVE ? r : w).add(a);
      tops.add(a.path().top());
      updatedPaths.add(a.path());
      if (a.kind() != UpdateAction.Kind.REMOVE) {
        writtenPaths.add(a.path());
      }
    }
    w.sort(WRITE_ORDER);
    r.sort(REMOVE_ORDER);
    this.writes = w.toArray(new UpdateAction[0]);
    this.removes = r.toArray(new UpdateAction[0]);
    this.topLevelNames = Set.copyOf(tops);
  }

  @Override
  public ObjectNode apply(ObjectNode itemOrNull) {
    JsonNode[] values = new JsonNode[writes.length];
    for (int i = 0; i < writes.length; i++) {
      values[i] = writes[i].value().eval(itemOrNull);
    }
    DocumentWriter writer = new DocumentWriter(itemOrNull);
    for (int i = 0; i < writes.length; i++) {
      UpdateAction action = writes[i];
      switch (action.kind()) {
        case SET:
          writer.set(action.path(), values[i]);
          break;
        case ADD:
          add(writer, action.path(), values[i]);
          break;
        default:
          delete(writer, action.path(), values[i]);
      }
    }
    for (UpdateAction action : removes) {
      writer.remove(action.path());
    }
    return writer.result();
  }

  private static void add(DocumentWriter writer, DocumentPath path, JsonNode operand) {
    JsonNode old = writer.get(path);
    if (old == null) {
      writer.set(path, operand);
      return;
    }
    String type = AttributeValues.type(operand);
    JsonNode current = old.get(type);
    if (current == null) {
      throw DynamoDbError.validation(UpdateValues.WRONG_TYPE);
    }
    if (type.equals("N")) {
      BigDecimal sum = AttributeValues.number(current.asText()).add(AttributeValues.number(operand.get("N").asText()));
      writer.set(path, AttributeValues.computedNumber(sum));
      return;
    }
    ArrayNode union = ((ArrayNode) current).deepCopy();
    for (JsonNode e : operand.get(type)) {
      if (!AttributeValues.setContains(type, union, e.asText())) {
        union.add(e);
      }
    }
    writer.set(path, set(type, union));
  }

  private static void delete(DocumentWriter writer, DocumentPath path, JsonNode operand) {
    JsonNode old = writer.get(path);
    if (old == null) {
      return;
    }
    String type = AttributeValues.type(operand);
    JsonNode current = old.get(type);
    if (current == null) {
      throw DynamoDbError.validation(UpdateValues.WRONG_TYPE);
    }
    JsonNode remove = operand.get(type);
    ArrayNode rest = JsonNodeFactory.instance.arrayNode();
    for (JsonNode e : current) {
      if (!AttributeValues.setContains(type, remove, e.asText())) {
        rest.add(e);
      }
    }
    if (rest.isEmpty()) {
      writer.remove(path);
    } else {
      writer.set(path, set(type, rest));
    }
  }

  private static ObjectNode set(String type, ArrayNode elements) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.set(type, elements);
    return node;
  }

  @Override
  public ObjectNode projectUpdated(ObjectNode oldItemOrNull) {
    return oldItemOrNull == null ? JsonNodeFactory.instance.objectNode() : updatedPaths.projectItem(oldItemOrNull);
  }

  @Override
  public ObjectNode projectUpdatedNew(ObjectNode newItem) {
    return writtenPaths.projectItem(newItem);
  }

  @Override
  public Set<String> topLevelNames() {
    return topLevelNames;
  }
}
