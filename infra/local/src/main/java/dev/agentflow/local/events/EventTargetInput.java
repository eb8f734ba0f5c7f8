package dev.agentflow.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.agentflow.local.template.EventTargetSpec;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a rule target receives: the whole event, or the target's {@code Input} (constant JSON),
 * {@code InputPath} (a JSONPath such as {@code $.detail}) or {@code InputTransformer} ({@code InputPathsMap}
 * + {@code InputTemplate} with {@code <name>} placeholders; inside quotes a value is inserted as text,
 * outside as JSON; {@code <aws.events.event>}, {@code <aws.events.event.json>} and
 * {@code <aws.events.rule-name>} are predefined). Source: Amazon EventBridge User Guide, "Amazon
 * EventBridge input transformation".
 */
public final class EventTargetInput {

  private static final Pattern PLACEHOLDER = Pattern.compile("<([A-Za-z0-9_.\\-]+)>");
  private static final Pattern PATH_STEP = Pattern.compile("\\.([^.\\[]+)|\\[(\\d+)]");

  private EventTargetInput() {}

  /**
   * @param target the rule target
   * @param ruleName the rule's name
   * @param event the matched event
   * @return the payload for the target, as JSON text
   */
  public static String render(EventTargetSpec target, String ruleName, JsonNode event) {
    if (target.input() != null) {
      return target.input();
    }
    if (target.inputPath() != null) {
      JsonNode selected = select(event, target.inputPath());
      return selected.isMissingNode() ? "null" : selected.toString();
    }
    JsonNode transformer = target.inputTransformer();
    if (transformer != null && transformer.has("InputTemplate")) {
      Map<String, JsonNode> values = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> paths = transformer.path("InputPathsMap").fields();
      while (paths.hasNext()) {
        Map.Entry<String, JsonNode> path = paths.next();
        values.put(path.getKey(), select(event, path.getValue().asText()));
      }
      values.put("aws.events.event", event);
      values.put("aws.events.event.json", event);
      values.put("aws.events.rule-name", TextNode.valueOf(ruleName));
      return fill(transformer.get("InputTemplate").asText(), values);
    }
    return event.toString();
  }

  /** @return the node at a simple JSONPath ({@code $}, {@code $.a.b}, {@code $.a[0]}), or missing */
  static JsonNode select(JsonNode root, String path) {
    if (!path.startsWith("$")) {
      return MissingNode.getInstance();
    }
    JsonNode node = root;
    Matcher step = PATH_STEP.matcher(path.substring(1));
    while (step.find() && !node.isMissingNode()) {
      node = step.group(1) != null ? node.path(step.group(1)) : node.path(Integer.parseInt(step.group(2)));
    }
    return node;
  }

  private static String fill(String template, Map<String, JsonNode> values) {
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      JsonNode value = values.get(matcher.group(1));
      if (value == null) {
        matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group()));
        continue;
      }
      boolean quoted = matcher.start() > 0 && template.charAt(matcher.start() - 1) == '"'
          && matcher.end() < template.length() && template.charAt(matcher.end()) == '"';
      String text;
      if (value.isMissingNode()) {
        text = quoted ? "" : "null";
      } else if (quoted) {
        String json = value.isTextual() ? value.toString() : TextNode.valueOf(value.toString()).toString();
        text = json.substring(1, json.length() - 1);
      } else {
        text = value.toString();
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(text));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
