package dev.agentflow.local.testhandlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** Test function: a static handler method taking and returning JsonNode, no Context. */
public final class StaticMethodHandler {

  private StaticMethodHandler() {}

  public static JsonNode size(JsonNode input) {
    return JsonNodeFactory.instance.objectNode().put("fields", input.size());
  }
}
