package dev.agentflow.local.sfn.data;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an expression can see besides the value it applies to: the context object ({@code $$} in JSONPath,
 * {@code $states.context} in JSONata) and the workflow variables ({@code $name}). Source: developer guide,
 * "Accessing execution data from the Context object" and "Passing data between states with variables".
 */
public interface Bindings {

  /** Bindings with an empty context object and no variables. */
  Bindings NONE = new Bindings() {
    @Override
    public JsonNode context() {
      return Json.object();
    }

    @Override
    public JsonNode variable(String name) {
      return null;
    }
  };

  /**
   * @param context the context object
   * @param variables variables by name
   * @return fixed bindings
   */
  static Bindings of(JsonNode context, java.util.Map<String, JsonNode> variables) {
    return new Bindings() {
      @Override
      public JsonNode context() {
        return context;
      }

      @Override
      public JsonNode variable(String name) {
        return variables.get(name);
      }
    };
  }

  /** @return the context object (built on first use) */
  JsonNode context();

  /** @return the value of variable {@code name}, or Java {@code null} if it is not assigned */
  JsonNode variable(String name);
}
