package dev.agentflow.local.sfn.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.local.sfn.data.Bindings;
import dev.agentflow.local.sfn.data.JsonataScope;
import dev.agentflow.local.sfn.data.JsonataTemplate;
import dev.agentflow.local.sfn.data.PayloadTemplate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An {@code Assign} field: workflow variables a state sets when it finishes. In a JSONPath state the values are
 * a payload template ({@code "name.$"} keys take paths or intrinsics, where {@code $} is the state's result, or its
 * effective input for Pass, Choice and Wait, or the error output in a Catch); in a JSONata state, a JSONata
 * template over {@code $states}. All values are computed from the variables as they were when the state was
 * entered, then assigned together.
 *
 * <p>Source: developer guide, "Passing data between states with variables".
 */
public final class Assignment {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,79}");

  private final PayloadTemplate jsonPath;
  private final JsonataTemplate jsonata;

  private Assignment(PayloadTemplate jsonPath, JsonataTemplate jsonata) {
    this.jsonPath = jsonPath;
    this.jsonata = jsonata;
  }

  /**
   * @param assign the Assign object
   * @param jsonataState whether the state uses JSONata
   * @throws IllegalArgumentException for a bad variable name or value
   */
  public static Assignment compile(JsonNode assign, boolean jsonataState) {
    if (!assign.isObject()) {
      throw new IllegalArgumentException("'Assign' must be a JSON object");
    }
    for (Map.Entry<String, JsonNode> e : assign.properties()) {
      String name = !jsonataState && e.getKey().endsWith(".$")
          ? e.getKey().substring(0, e.getKey().length() - 2) : e.getKey();
      if (!NAME.matcher(name).matches() || name.equals("states")) {
        throw new IllegalArgumentException("Invalid variable name '" + name + "' in 'Assign'");
      }
    }
    return jsonataState ? new Assignment(null, JsonataTemplate.compile(assign))
        : new Assignment(PayloadTemplate.compile(assign), null);
  }

  /**
   * @param root what {@code $} means for JSONPath values
   * @param bindings context object and current variables
   * @param scope {@code $states} for JSONata values
   * @return the new variable values by name
   * @throws dev.agentflow.local.sfn.data.StatesError when a value cannot be computed
   */
  public Map<String, JsonNode> evaluate(JsonNode root, Bindings bindings, JsonataScope scope) {
    JsonNode values = jsonPath != null ? jsonPath.evaluate(root, bindings) : jsonata.evaluate(scope);
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : values.properties()) {
      out.put(e.getKey(), e.getValue());
    }
    return out;
  }
}
