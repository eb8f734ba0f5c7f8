package dev.agentflow.local.template;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Reads a CloudFormation / SAM template (YAML or JSON) into a Jackson tree, turning the short-form
 * intrinsic tags into their long (JSON) form so the rest of the code sees one shape:
 * {@code !Ref X} becomes {@code {"Ref": "X"}}, {@code !GetAtt A.B} becomes {@code {"Fn::GetAtt": ["A", "B"]}},
 * {@code !Condition C} becomes {@code {"Condition": "C"}} and any other {@code !Name v} becomes
 * {@code {"Fn::Name": v}}.
 *
 * <p>Source: AWS CloudFormation User Guide, "Intrinsic function reference" (short form syntax).
 */
public final class TemplateYaml {

  private static final Set<String> FN_TAGS = Set.of(
      "Sub", "Join", "If", "Select", "FindInMap", "Split", "Base64", "GetAZs", "ImportValue", "Equals",
      "Not", "And", "Or", "Cidr", "Transform", "ToJsonString", "Length", "GetAtt", "ForEach");

  private static final YAMLFactory FACTORY = new YAMLFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TemplateYaml() {}

  /**
   * Reads a template file.
   *
   * @param path a YAML or JSON template
   * @return the template tree with intrinsics in long form
   * @throws TemplateException when the file cannot be read or is not valid YAML
   */
  public static JsonNode read(Path path) {
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      return read(reader, path.toString());
    } catch (IOException e) {
      throw new TemplateException("Cannot read template " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads template text.
   *
   * @param text YAML or JSON
   * @return the template tree with intrinsics in long form
   * @throws TemplateException when the text is not valid YAML
   */
  public static JsonNode parse(String text) {
    return read(new StringReader(text), "<string>");
  }

  private static JsonNode read(Reader reader, String source) {
    try (YAMLParser parser = FACTORY.createParser(reader)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return NODES.objectNode();
      }
      return readValue(parser);
    } catch (IOException e) {
      throw new TemplateException("Invalid template " + source + ": " + e.getMessage(), e);
    }
  }

  private static JsonNode readValue(YAMLParser parser) throws IOException {
    String tag = parser.getTypeId();
    JsonNode value = switch (parser.currentToken()) {
      case START_OBJECT -> readObject(parser);
      case START_ARRAY -> readArray(parser);
      case VALUE_STRING -> NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT -> narrowInteger(parser);
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      default -> throw new IOException("Unexpected token " + parser.currentToken() + " at "
          + parser.currentLocation());
    };
    return tag == null ? value : applyTag(tag, value);
  }

  private static JsonNode narrowInteger(YAMLParser parser) throws IOException {
    return switch (parser.getNumberType()) {
      case INT -> NODES.numberNode(parser.getIntValue());
      case LONG -> NODES.numberNode(parser.getLongValue());
      default -> NODES.numberNode(parser.getBigIntegerValue());
    };
  }

  private static ObjectNode readObject(YAMLParser parser) throws IOException {
    ObjectNode object = NODES.objectNode();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      object.set(name, readValue(parser));
    }
    return object;
  }

  private static ArrayNode readArray(YAMLParser parser) throws IOException {
    ArrayNode array = NODES.arrayNode();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      array.add(readValue(parser));
    }
    return array;
  }

  private static JsonNode applyTag(String tag, JsonNode value) {
    if (tag.equals("Ref")) {
      return NODES.objectNode().set("Ref", value);
    }
    if (tag.equals("Condition")) {
      return NODES.objectNode().set("Condition", value);
    }
    if (tag.equals("GetAtt") && value.isTextual()) {
      String text = value.asText();
      int dot = text.indexOf('.');
      ArrayNode parts = NODES.arrayNode();
      parts.add(dot < 0 ? text : text.substring(0, dot));
      if (dot >= 0) {
        parts.add(text.substring(dot + 1));
      }
      return NODES.objectNode().set("Fn::GetAtt", parts);
    }
    if (FN_TAGS.contains(tag)) {
      return NODES.objectNode().set("Fn::" + tag, value);
    }
    // Standard YAML tags (tag:yaml.org,2002:str, ...) and unknown local tags keep the plain value.
    return value;
  }
}
