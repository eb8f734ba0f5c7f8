package dev.agentflow.local.sfn.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A JSON value in a JSONata state (Arguments, Output, Assign, Items, ItemSelector, ...): any string written
 * {@code {% ... %}} is a JSONata expression, everything else is literal. Object fields whose expression is
 * undefined are left out. Subtrees without expressions are shared constants.
 *
 * <p>Source: developer guide, "Transforming data with JSONata in Step Functions".
 */
public final class JsonataTemplate {

  private sealed interface Node permits Constant, Expression, ObjectTemplate, ArrayTemplate {}

  private record Constant(JsonNode value) implements Node {}

  private record Expression(JsonataExpression expr) implements Node {}

  private record Field(String name, Node value) {}

  private record ObjectTemplate(List<Field> fields) implements Node {}

  private record ArrayTemplate(List<Node> items) implements Node {}

  private final Node root;

  private JsonataTemplate(Node root) {
    this.root = root;
  }

  /**
   * @throws IllegalArgumentException if an expression does not parse
   */
  public static JsonataTemplate compile(JsonNode template) {
    return new JsonataTemplate(node(template));
  }

  private static Node node(JsonNode n) {
    if (n.isTextual() && JsonataExpression.isExpression(n.textValue())) {
      return new Expression(JsonataExpression.compile(n.textValue()));
    }
    if (n.isObject()) {
      List<Field> fields = new ArrayList<>();
      boolean dynamic = false;
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        Node child = node(e.getValue());
        dynamic |= !(child instanceof Constant);
        fields.add(new Field(e.getKey(), child));
      }
      return dynamic ? new ObjectTemplate(List.copyOf(fields)) : new Constant(n);
    }
    if (n.isArray()) {
      List<Node> items = new ArrayList<>();
      boolean dynamic = false;
      for (JsonNode item : n) {
        Node child = node(item);
        dynamic |= !(child instanceof Constant);
        items.add(child);
      }
      return dynamic ? new ArrayTemplate(List.copyOf(items)) : new Constant(n);
    }
    return new Constant(n);
  }

  /** @return whether the template is a plain value without expressions */
  public boolean isConstant() {
    return root instanceof Constant;
  }

  /**
   * @return the value
   * @throws StatesError {@code States.QueryEvaluationError}, also when the whole value is undefined
   */
  public JsonNode evaluate(JsonataScope scope) {
    if (root instanceof Expression e) {
      return e.expr().evaluate(scope);
    }
    return eval(root, scope);
  }

  private static JsonNode eval(Node node, JsonataScope scope) {
    if (node instanceof Constant c) {
      return c.value();
    }
    if (node instanceof Expression e) {
      return JsonataValues.toJson(e.expr().evaluateRaw(scope));
    }
    if (node instanceof ObjectTemplate o) {
      ObjectNode out = Json.object();
      for (Field f : o.fields()) {
        JsonNode v = eval(f.value(), scope);
        if (v != null) {
          out.set(f.name(), v);
        }
      }
      return out;
    }
    ArrayTemplate a = (ArrayTemplate) node;
    ArrayNode out = Json.NODES.arrayNode(a.items().size());
    for (Node item : a.items()) {
      JsonNode v = eval(item, scope);
      out.add(v == null ? Json.NODES.nullNode() : v);
    }
    return out;
  }
}
