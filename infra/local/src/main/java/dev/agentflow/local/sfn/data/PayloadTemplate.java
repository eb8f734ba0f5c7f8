package dev.agentflow.local.sfn.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A compiled payload template (Parameters, ResultSelector, ItemSelector): a JSON value in which every object
 * field whose name ends in {@code .$} is replaced, under the name without the suffix, by the value of its path
 * or intrinsic call. Nested objects and arrays are processed; subtrees without dynamic fields are constants
 * shared between evaluations (never mutated).
 *
 * <p>Source: ASL spec, "Payload Template"; developer guide, "InputPath, Parameters and ResultSelector".
 */
public final class PayloadTemplate {

  private sealed interface Node permits Constant, ObjectTemplate, ArrayTemplate, Dynamic {}

  private record Constant(JsonNode value) implements Node {}

  private record Field(String name, Node value) {}

  private record ObjectTemplate(List<Field> fields) implements Node {}

  private record ArrayTemplate(List<Node> items) implements Node {}

  private record Dynamic(DynamicValue value) implements Node {}

  private final Node root;

  private PayloadTemplate(Node root) {
    this.root = root;
  }

  /**
   * Compiles a template.
   *
   * @param template the template JSON (any JSON value; usually an object)
   * @return the compiled template
   * @throws IllegalArgumentException naming the offending field if a {@code .$} value is not a string holding a
   *     valid path or intrinsic call
   */
  public static PayloadTemplate compile(JsonNode template) {
    return new PayloadTemplate(compileNode(template));
  }

  private static Node compileNode(JsonNode node) {
    if (node.isObject()) {
      List<Field> fields = new ArrayList<>();
      boolean dynamic = false;
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String key = e.getKey();
        if (key.endsWith(".$")) {
          if (!e.getValue().isTextual()) {
            throw new IllegalArgumentException("The value for the field '" + key
                + "' must be a STRING that contains a JSONPath or an intrinsic function call");
          }
          fields.add(new Field(key.substring(0, key.length() - 2),
              new Dynamic(DynamicValue.compile(key, e.getValue().textValue()))));
          dynamic = true;
        } else {
          Node child = compileNode(e.getValue());
          dynamic |= !(child instanceof Constant);
          fields.add(new Field(key, child));
        }
      }
      return dynamic ? new ObjectTemplate(List.copyOf(fields)) : new Constant(node);
    }
    if (node.isArray()) {
      List<Node> items = new ArrayList<>();
      boolean dynamic = false;
      for (JsonNode item : node) {
        Node child = compileNode(item);
        dynamic |= !(child instanceof Constant);
        items.add(child);
      }
      return dynamic ? new ArrayTemplate(List.copyOf(items)) : new Constant(node);
    }
    return new Constant(node);
  }

  /**
   * Evaluates the template.
   *
   * @param input the effective input (root of {@code $})
   * @param context supplies the context object (root of {@code $$}); called only if a field needs it
   * @return a new JSON value
   * @throws StatesError {@code States.Runtime} for a path selecting nothing, {@code States.IntrinsicFailure}
   */
  public JsonNode evaluate(JsonNode input, Bindings context) {
    return eval(root, input, context);
  }

  private static JsonNode eval(Node node, JsonNode input, Bindings context) {
    if (node instanceof Constant c) {
      return c.value();
    }
    if (node instanceof Dynamic d) {
      return d.value().evaluate(input, context);
    }
    if (node instanceof ObjectTemplate o) {
      ObjectNode out = Json.object();
      for (Field f : o.fields()) {
        out.set(f.name(), eval(f.value(), input, context));
      }
      return out;
    }
    ArrayTemplate a = (ArrayTemplate) node;
    ArrayNode out = Json.NODES.arrayNode(a.items().size());
    for (Node item : a.items()) {
      out.add(eval(item, input, context));
    }
    return out;
  }
}
