package dev.agentflow.local.sfn.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a JSONata expression of a state sees: {@code $states} ({@code input}, {@code result},
 * {@code errorOutput}, {@code context}) and the workflow variables. The {@code $states} value is converted for
 * the JSONata engine once and shared by the expressions of one evaluation step.
 *
 * <p>Source: developer guide, "Transforming data with JSONata" (the reserved {@code $states} variable).
 */
public final class JsonataScope {

  private final JsonNode input;
  private final JsonNode result;
  private final JsonNode errorOutput;
  private final JsonNode contextOverride;
  private final Bindings bindings;
  private Map<String, Object> states;

  /**
   * @param input the state's raw input ({@code $states.input})
   * @param result the task / Parallel / Map result, or {@code null}
   * @param errorOutput the error output in a Catch, or {@code null}
   * @param contextOverride a context object to use instead of the bindings' (Map ItemSelector), or {@code null}
   * @param bindings the context object and variables
   */
  public JsonataScope(JsonNode input, JsonNode result, JsonNode errorOutput, JsonNode contextOverride,
      Bindings bindings) {
    this.input = input;
    this.result = result;
    this.errorOutput = errorOutput;
    this.contextOverride = contextOverride;
    this.bindings = bindings;
  }

  /** @return the {@code $states} value for the JSONata engine */
  Map<String, Object> states() {
    if (states == null) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("input", JsonataValues.toJava(input));
      if (result != null) {
        s.put("result", JsonataValues.toJava(result));
      }
      if (errorOutput != null) {
        s.put("errorOutput", JsonataValues.toJava(errorOutput));
      }
      s.put("context", JsonataValues.toJava(contextOverride != null ? contextOverride : bindings.context()));
      states = s;
    }
    return states;
  }

  /** @return the value of a workflow variable, or {@code null} */
  JsonNode variable(String name) {
    return bindings.variable(name);
  }
}
