package dev.agentflow.local.sfn.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.local.sfn.data.JsonataExpression;
import dev.agentflow.local.sfn.data.JsonataTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds the states of {@code QueryLanguage: "JSONata"}: Arguments, Output, Assign, Items, ItemSelector, Choice
 * Conditions, and the JSONata forms of Seconds, Timestamp, TimeoutSeconds, MaxConcurrency, Error and Cause.
 * JSONPath-only fields keep their neutral defaults. Problems go to the {@link DefinitionParser}.
 *
 * <p>Source: developer guide, "Transforming data with JSONata in Step Functions".
 */
final class JsonataStates {

  private final DefinitionParser parser;
  private final String name;
  private final JsonNode node;
  private final String loc;

  JsonataStates(DefinitionParser parser, String name, JsonNode node, String loc) {
    this.parser = parser;
    this.name = name;
    this.node = node;
    this.loc = loc;
  }

  State state(String type) {
    return switch (type) {
      case "Pass" -> new PassState(name, parser.transition(node, loc), IoPath.IDENTITY, null, null,
          ResultPathSpec.REPLACE, IoPath.IDENTITY, assign(), outputOnly(null));
      case "Task" -> task();
      case "Choice" -> choice();
      case "Wait" -> waitState();
      case "Succeed" -> new SucceedState(name, IoPath.IDENTITY, IoPath.IDENTITY, outputOnly(null));
      case "Fail" -> new FailState(name, null, null, null, null, new JsonataFields(null, null, null, null, null, null,
          null, stringOrExpression("Error"), stringOrExpression("Cause"), null));
      case "Parallel" -> new ParallelState(name, parser.transition(node, loc), IoPath.IDENTITY, null,
          parser.branches(node, loc), null, ResultPathSpec.REPLACE, IoPath.IDENTITY, parser.retriers(node, loc),
          parser.catchers(node, true, loc), assign(), outputOnly(template("Arguments")));
      default -> map();
    };
  }

  /** @return the fields with only Output (and the given Arguments) set */
  private JsonataFields outputOnly(JsonataTemplate arguments) {
    return new JsonataFields(arguments, template("Output"), null, null, null, null, null, null, null, null);
  }

  private TaskState task() {
    JsonNode resource = node.get("Resource");
    if (resource == null || !resource.isTextual() || resource.textValue().isEmpty()) {
      parser.problem("SCHEMA_VALIDATION_FAILED", "The field 'Resource' is required but was missing", loc);
    }
    return new TaskState(name, parser.transition(node, loc), resource == null ? null : resource.asText(),
        IoPath.IDENTITY, null, null, ResultPathSpec.REPLACE, IoPath.IDENTITY, null, null, null,
        parser.retriers(node, loc), parser.catchers(node, true, loc), assign(),
        new JsonataFields(template("Arguments"), template("Output"), null, null,
            positiveIntOrExpression("TimeoutSeconds"), null, null, null, null, null));
  }

  private ChoiceState choice() {
    JsonNode choices = node.get("Choices");
    List<ChoiceState.Branch> branches = new ArrayList<>();
    if (choices == null || !choices.isArray() || choices.isEmpty()) {
      parser.problem("SCHEMA_VALIDATION_FAILED", "The field 'Choices' is required and must be a non-empty array", loc);
    } else {
      for (int i = 0; i < choices.size(); i++) {
        JsonNode c = choices.get(i);
        String cl = loc + "/Choices/" + i;
        for (String f : DefinitionParser.names(c)) {
          if (!Set.of("Condition", "Next", "Output", "Assign", "Comment").contains(f)) {
            parser.problem("SCHEMA_VALIDATION_FAILED", "Field '" + f + "' is not supported in a JSONata choice rule",
                cl + "/" + f);
          }
        }
        JsonNode next = c.get("Next");
        JsonNode condition = c.get("Condition");
        if (next == null || !next.isTextual()) {
          parser.problem("SCHEMA_VALIDATION_FAILED", "The field 'Next' is required but was missing", cl);
          continue;
        }
        if (condition == null || !condition.isTextual() || !JsonataExpression.isExpression(condition.textValue())) {
          parser.problem("SCHEMA_VALIDATION_FAILED", "The field 'Condition' is required and must be a JSONata"
              + " expression {% ... %}", cl);
          continue;
        }
        try {
          branches.add(new ChoiceState.Branch(new ChoiceRule.Condition(JsonataExpression.compile(condition.textValue())),
              next.textValue(), parser.assign(c, true, cl), parser.jsonataTemplate(c, "Output", cl)));
        } catch (IllegalArgumentException e) {
          parser.problem("SCHEMA_VALIDATION_FAILED", e.getMessage(), cl + "/Condition");
        }
      }
    }
    JsonNode def = node.get("Default");
    return new ChoiceState(name, IoPath.IDENTITY, IoPath.IDENTITY, List.copyOf(branches),
        def == null ? null : def.asText(), assign(), outputOnly(null));
  }

  private WaitState waitState() {
    if (node.has("Seconds") == node.has("Timestamp")) {
      parser.problem("SCHEMA_VALIDATION_FAILED", "Exactly one of 'Seconds' and 'Timestamp' is required", loc);
    }
    JsonataTemplate seconds = null;
    if (node.has("Seconds")) {
      JsonNode s = node.get("Seconds");
      if (!isExpression(s) && (!s.isIntegralNumber() || s.longValue() < 0)) {
        parser.problem("SCHEMA_VALIDATION_FAILED", "'Seconds' must be a non-negative integer or a JSONata expression",
            loc + "/Seconds");
      }
      seconds = template("Seconds");
    }
    JsonataTemplate timestamp = null;
    if (node.has("Timestamp")) {
      JsonNode t = node.get("Timestamp");
      if (!isExpression(t) && (!t.isTextual() || ChoiceRule.timestamp(t.textValue()) == null)) {
        parser.problem("SCHEMA_VALIDATION_FAILED", "'Timestamp' must be an RFC 3339 timestamp or a JSONata expression",
            loc + "/Timestamp");
      }
      timestamp = template("Timestamp");
    }
    return new WaitState(name, parser.transition(node, loc), IoPath.IDENTITY, IoPath.IDENTITY, null, null, null, null,
        assign(), new JsonataFields(null, template("Output"), null, null, null, seconds, timestamp, null, null, null));
  }

  private MapState map() {
    JsonNode items = node.get("Items");
    if (items != null && !items.isArray() && !isExpression(items)) {
      parser.problem("SCHEMA_VALIDATION_FAILED", "'Items' must be an array or a JSONata expression", loc + "/Items");
    }
    JsonNode max = node.get("MaxConcurrency");
    if (max != null && !isExpression(max) && (!max.isIntegralNumber() || max.intValue() < 0)) {
      parser.problem("SCHEMA_VALIDATION_FAILED", "'MaxConcurrency' must be a non-negative integer or a JSONata"
          + " expression", loc + "/MaxConcurrency");
    }
    return new MapState(name, parser.transition(node, loc), IoPath.IDENTITY, null, null, parser.processor(node, loc),
        0, null, null, ResultPathSpec.REPLACE, IoPath.IDENTITY, parser.retriers(node, loc),
        parser.catchers(node, true, loc), assign(), new JsonataFields(null, template("Output"), template("Items"),
            template("ItemSelector"), null, null, null, null, null, template("MaxConcurrency")));
  }

  private JsonataTemplate positiveIntOrExpression(String field) {
    JsonNode v = node.get(field);
    if (v != null && !isExpression(v)) {
      parser.positiveInt(v, loc + "/" + field);
    }
    return template(field);
  }

  private JsonataTemplate stringOrExpression(String field) {
    JsonNode v = node.get(field);
    if (v != null && !v.isTextual()) {
      parser.problem("SCHEMA_VALIDATION_FAILED", "'" + field + "' must be a string or a JSONata expression",
          loc + "/" + field);
    }
    return template(field);
  }

  private static boolean isExpression(JsonNode v) {
    return v.isTextual() && JsonataExpression.isExpression(v.textValue());
  }

  private JsonataTemplate template(String field) {
    return parser.jsonataTemplate(node, field, loc);
  }

  private Assignment assign() {
    return parser.assign(node, true, loc);
  }
}
