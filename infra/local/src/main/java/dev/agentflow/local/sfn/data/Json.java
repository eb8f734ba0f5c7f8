package dev.agentflow.local.sfn.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one Jackson mapper of the Step Functions engine, and small helpers around it.
 *
 * <p>Engine rule: a {@link JsonNode} handed from one state to the next is never mutated afterwards; every
 * transformation builds new nodes (sharing unchanged subtrees). That is what lets history events keep
 * references instead of copies.
 */
public final class Json {

  /** Shared mapper; thread-safe for reading and writing. */
  public static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  /** Shared node factory. */
  public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  /**
   * Parses JSON text.
   *
   * @throws JsonProcessingException if the text is not one JSON value
   */
  public static JsonNode parse(String text) throws JsonProcessingException {
    return MAPPER.readTree(text);
  }

  /** @return the compact JSON text of {@code node} ({@code "null"} for Java null) */
  public static String write(JsonNode node) {
    if (node == null) {
      return "null";
    }
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("JsonNode could not be written", e);
    }
  }

  /** @return an int node when {@code value} fits an int (as parsing would give), else a long node */
  public static JsonNode number(long value) {
    return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
  }

  /** @return a new empty object node */
  public static ObjectNode object() {
    return NODES.objectNode();
  }

  /** @return a short type name of a JSON value as used in error causes ("string", "object", ...) */
  public static String typeName(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "missing";
    }
    return switch (node.getNodeType()) {
      case STRING -> "string";
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
      case NULL -> "null";
      case ARRAY -> "array";
      case OBJECT -> "object";
      default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
