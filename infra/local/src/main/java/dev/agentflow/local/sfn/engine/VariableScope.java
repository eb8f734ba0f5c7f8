package dev.agentflow.local.sfn.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * Workflow variables of one block: the top level has one scope; each Parallel branch and Map iteration gets its
 * own, which reads through to the enclosing scopes and keeps its own assignments. Only the block's current state
 * writes (after it finished), and an enclosing scope does not change while its branches run, so no locking is
 * needed beyond the executor hand-offs. Source: developer guide, "Passing data between states with variables"
 * (variable scope).
 */
final class VariableScope {

  private final VariableScope parent;
  private Map<String, JsonNode> values;

  VariableScope(VariableScope parent) {
    this.parent = parent;
  }

  /** @return the value of {@code name} here or in an enclosing scope, or {@code null} */
  JsonNode get(String name) {
    for (VariableScope s = this; s != null; s = s.parent) {
      if (s.values != null) {
        JsonNode v = s.values.get(name);
        if (v != null) {
          return v;
        }
      }
    }
    return null;
  }

  /** Sets variables in this scope. */
  void assign(Map<String, JsonNode> assignments) {
    if (assignments.isEmpty()) {
      return;
    }
    if (values == null) {
      values = new HashMap<>();
    }
    values.putAll(assignments);
  }
}
