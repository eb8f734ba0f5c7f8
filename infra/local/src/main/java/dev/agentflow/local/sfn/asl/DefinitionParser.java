package dev.agentflow.local.sfn.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.local.sfn.data.DynamicValue;
import dev.agentflow.local.sfn.data.Json;
import dev.agentflow.local.sfn.data.JsonPathExpr;
import dev.agentflow.local.sfn.data.JsonataTemplate;
import dev.agentflow.local.sfn.data.PayloadTemplate;
import dev.agentflow.local.sfn.data.ReferencePath;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses and validates an ASL definition (JSONPath or JSONata states, see {@link JsonataStates}) into a
 * {@link StateMachineDefinition}.
 * Every problem is collected and reported at once, in the AWS style: {@code INVALID_JSON_DESCRIPTION},
 * {@code SCHEMA_VALIDATION_FAILED}, {@code MISSING_TRANSITION_TARGET}, {@code UNREACHABLE_STATE},
 * {@code INVALID_JSON_PATH}, each with a JSON-pointer location.
 *
 * <p>Source: ASL spec (field requirements per state type; "States.ALL must appear alone and last"); AWS API
 * reference, "CreateStateMachine" (InvalidDefinition).
 */
public final class DefinitionParser {

  private static final Set<String> COMMON = Set.of("Type", "Comment");
  private static final Map<String, Set<String>> FIELDS = Map.of(
      "Pass", Set.of("Next", "End", "InputPath", "OutputPath", "ResultPath", "Parameters", "Result", "Assign"),
      "Task", Set.of("Next", "End", "InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector",
          "Resource", "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath", "Retry",
          "Catch", "Credentials", "Assign"),
      "Choice", Set.of("InputPath", "OutputPath", "Choices", "Default", "Assign"),
      "Wait", Set.of("Next", "End", "InputPath", "OutputPath", "Seconds", "Timestamp", "SecondsPath",
          "TimestampPath", "Assign"),
      "Succeed", Set.of("InputPath", "OutputPath"),
      "Fail", Set.of("Error", "Cause", "ErrorPath", "CausePath"),
      "Parallel", Set.of("Next", "End", "InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector",
          "Branches", "Retry", "Catch", "Assign"),
      "Map", Set.of("Next", "End", "InputPath", "OutputPath", "ResultPath", "Parameters", "ItemSelector",
          "ResultSelector", "ItemsPath", "Iterator", "ItemProcessor", "MaxConcurrency", "MaxConcurrencyPath",
          "Retry", "Catch", "ToleratedFailurePercentage", "ToleratedFailureCount", "Label", "Assign"));
  /** The fields of JSONata states (developer guide, "Transforming data with JSONata"). */
  private static final Map<String, Set<String>> JSONATA_FIELDS = Map.of(
      "Pass", Set.of("Next", "End", "Output", "Assign"),
      "Task", Set.of("Next", "End", "Resource", "Arguments", "Output", "Assign", "TimeoutSeconds", "HeartbeatSeconds",
          "Retry", "Catch", "Credentials"),
      "Choice", Set.of("Choices", "Default", "Output", "Assign"),
      "Wait", Set.of("Next", "End", "Seconds", "Timestamp", "Output", "Assign"),
      "Succeed", Set.of("Output"),
      "Fail", Set.of("Error", "Cause"),
      "Parallel", Set.of("Next", "End", "Branches", "Arguments", "Output", "Assign", "Retry", "Catch"),
      "Map", Set.of("Next", "End", "Items", "ItemSelector", "ItemProcessor", "Iterator", "MaxConcurrency", "Output",
          "Assign", "Retry", "Catch", "ToleratedFailurePercentage", "ToleratedFailureCount", "Label"));
  private static final int MAX_NAME_LENGTH = 80;

  private final List<String> problems = new ArrayList<>();
  private boolean topJsonata;

  private DefinitionParser() {}

  /**
   * Parses a definition.
   *
   * @param definition the ASL JSON text
   * @return the parsed definition
   * @throws InvalidDefinitionException listing every problem found
   */
  public static StateMachineDefinition parse(String definition) throws InvalidDefinitionException {
    JsonNode root;
    try {
      root = Json.parse(definition);
    } catch (JsonProcessingException e) {
      throw new InvalidDefinitionException(List.of("INVALID_JSON_DESCRIPTION: " + e.getOriginalMessage()));
    }
    DefinitionParser p = new DefinitionParser();
    StateMachineDefinition def = p.machine(root);
    if (!p.problems.isEmpty()) {
      throw new InvalidDefinitionException(p.problems);
    }
    return def;
  }

  private StateMachineDefinition machine(JsonNode root) {
    if (!root.isObject()) {
      problem("SCHEMA_VALIDATION_FAILED", "The definition must be a JSON object", "");
      return null;
    }
    for (String f : names(root)) {
      if (!Set.of("StartAt", "States", "Comment", "Version", "TimeoutSeconds", "QueryLanguage").contains(f)) {
        problem("SCHEMA_VALIDATION_FAILED", "These fields are required/allowed: [StartAt, States, Comment, Version,"
            + " TimeoutSeconds, QueryLanguage]; field '" + f + "' is not supported", "");
      }
    }
    JsonNode ql = root.get("QueryLanguage");
    if (ql != null && !"JSONPath".equals(ql.asText()) && !"JSONata".equals(ql.asText())) {
      problem("SCHEMA_VALIDATION_FAILED", "The field 'QueryLanguage' should be JSONPath or JSONata", "/QueryLanguage");
    }
    topJsonata = ql != null && "JSONata".equals(ql.asText());
    Integer timeout = null;
    JsonNode t = root.get("TimeoutSeconds");
    if (t != null) {
      timeout = positiveInt(t, "/TimeoutSeconds");
    }
    JsonNode comment = root.get("Comment");
    StatesBlock block = block(root, "");
    return new StateMachineDefinition(block, timeout, comment == null ? null : comment.asText());
  }

  private StatesBlock block(JsonNode node, String at) {
    JsonNode startAt = node.get("StartAt");
    JsonNode states = node.get("States");
    if (startAt == null || !startAt.isTextual()) {
      problem("SCHEMA_VALIDATION_FAILED", "The field 'StartAt' is required but was missing", at.isEmpty() ? "/" : at);
    }
    if (states == null || !states.isObject() || states.isEmpty()) {
      problem("SCHEMA_VALIDATION_FAILED", "The field 'States' is required and must be a non-empty object",
          at.isEmpty() ? "/" : at);
      return new StatesBlock(startAt == null ? null : startAt.asText(), Map.of());
    }
    Map<String, State> parsed = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : states.properties()) {
      String name = e.getKey();
      String loc = at + "/States/" + name;
      if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
        problem("SCHEMA_VALIDATION_FAILED", "State names must be 1 to " + MAX_NAME_LENGTH + " characters long", loc);
      }
      State s = state(name, e.getValue(), loc);
      if (s != null) {
        parsed.put(name, s);
      }
    }
    String start = startAt == null ? null : startAt.asText();
    if (start != null && !states.has(start)) {
      problem("MISSING_TRANSITION_TARGET", "Missing 'Next' target: " + start, at + "/StartAt");
    }
    checkTransitions(parsed, states, at);
    if (start != null && states.has(start)) {
      checkReachability(start, parsed, states, at);
    }
    return new StatesBlock(start, java.util.Collections.unmodifiableMap(parsed));
  }

  private void checkTransitions(Map<String, State> parsed, JsonNode states, String at) {
    for (State s : parsed.values()) {
      String loc = at + "/States/" + s.name();
      for (Target t : targets(s)) {
        if (!states.has(t.name())) {
          problem("MISSING_TRANSITION_TARGET", "Missing 'Next' target: " + t.name(), loc + t.field());
        }
      }
    }
  }

  private void checkReachability(String start, Map<String, State> parsed, JsonNode states, String at) {
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    todo.add(start);
    while (!todo.isEmpty()) {
      String n = todo.poll();
      if (!seen.add(n)) {
        continue;
      }
      State s = parsed.get(n);
      if (s != null) {
        for (Target t : targets(s)) {
          todo.add(t.name());
        }
      }
    }
    for (String name : names(states)) {
      if (!seen.contains(name) && parsed.containsKey(name)) {
        problem("UNREACHABLE_STATE", "State \"" + name + "\" is not reachable.", at + "/States/" + name);
      }
    }
  }

  private record Target(String name, String field) {}

  private static List<Target> targets(State s) {
    List<Target> out = new ArrayList<>();
    if (s.transition().next() != null) {
      out.add(new Target(s.transition().next(), "/Next"));
    }
    if (s instanceof ChoiceState c) {
      for (int i = 0; i < c.choices().size(); i++) {
        out.add(new Target(c.choices().get(i).next(), "/Choices/" + i + "/Next"));
      }
      if (c.defaultNext() != null) {
        out.add(new Target(c.defaultNext(), "/Default"));
      }
    }
    for (int i = 0; i < s.catchers().size(); i++) {
      out.add(new Target(s.catchers().get(i).next(), "/Catch/" + i + "/Next"));
    }
    return out;
  }

  private State state(String name, JsonNode node, String loc) {
    if (!node.isObject()) {
      problem("SCHEMA_VALIDATION_FAILED", "A state must be a JSON object", loc);
      return null;
    }
    JsonNode typeNode = node.get("Type");
    if (typeNode == null || !typeNode.isTextual()) {
      problem("SCHEMA_VALIDATION_FAILED", "The field 'Type' is required but was missing", loc);
      return null;
    }
    String type = typeNode.textValue();
    Set<String> allowed = FIELDS.get(type);
    if (allowed == null) {
      problem("SCHEMA_VALIDATION_FAILED", "The field 'Type' should have one of these values: [Task, Wait, Pass,"
          + " Succeed, Fail, Choice, Parallel, Map]", loc + "/Type");
      return null;
    }
    boolean jsonata = topJsonata;
    JsonNode ql = node.get("QueryLanguage");
    if (ql != null) {
      if (!"JSONPath".equals(ql.asText()) && !"JSONata".equals(ql.asText())) {
        problem("SCHEMA_VALIDATION_FAILED", "The field 'QueryLanguage' should be JSONPath or JSONata",
            loc + "/QueryLanguage");
      } else if (topJsonata && "JSONPath".equals(ql.asText())) {
        problem("SCHEMA_VALIDATION_FAILED", "A JSONPath state is not allowed when the top-level QueryLanguage is"
            + " JSONata", loc + "/QueryLanguage");
      }
      jsonata = "JSONata".equals(ql.asText());
    }
    if (jsonata) {
      allowed = JSONATA_FIELDS.get(type);
    }
    for (String f : names(node)) {
      if (!f.equals("QueryLanguage") && !COMMON.contains(f) && !allowed.contains(f)) {
        problem("SCHEMA_VALIDATION_FAILED", "Field '" + f + "' is not supported for " + type + " states"
            + (jsonata ? " using JSONata" : ""), loc + "/" + f);
      }
    }
    int before = problems.size();
    State s = jsonata ? new JsonataStates(this, name, node, loc).state(type) : switch (type) {
      case "Pass" -> new PassState(name, transition(node, loc), ioPath(node, "InputPath", loc),
          template(node, "Parameters", loc), node.get("Result"), resultPath(node.get("ResultPath"), node.has("ResultPath"),
              loc + "/ResultPath"), ioPath(node, "OutputPath", loc), assign(node, false, loc), null);
      case "Task" -> task(name, node, loc);
      case "Choice" -> choice(name, node, loc);
      case "Wait" -> wait(name, node, loc);
      case "Succeed" -> new SucceedState(name, ioPath(node, "InputPath", loc), ioPath(node, "OutputPath", loc), null);
      case "Fail" -> fail(name, node, loc);
      case "Parallel" -> parallel(name, node, loc);
      default -> map(name, node, loc);
    };
    return problems.size() == before ? s : null;
  }

  private TaskState task(String name, JsonNode node, String loc) {
    JsonNode resource = node.get("Resource");
    if (resource == null || !resource.isTextual() || resource.textValue().isEmpty()) {
      problem("SCHEMA_VALIDATION_FAILED", "The field 'Resource' is required but was missing", loc);
    }
    if (node.has("TimeoutSeconds") && node.has("TimeoutSecondsPath")) {
      problem("SCHEMA_VALIDATION_FAILED", "Only one of 'TimeoutSeconds' and 'TimeoutSecondsPath' may be set", loc);
    }
    Integer timeout = node.has("TimeoutSeconds") ? positiveInt(node.get("TimeoutSeconds"), loc + "/TimeoutSeconds")
        : null;
    Integer heartbeat = node.has("HeartbeatSeconds")
        ? positiveInt(node.get("HeartbeatSeconds"), loc + "/HeartbeatSeconds") : null;
    if (timeout != null && heartbeat != null && heartbeat >= timeout) {
      problem("SCHEMA_VALIDATION_FAILED", "HeartbeatSeconds must be smaller than TimeoutSeconds", loc + "/HeartbeatSeconds");
    }
    return new TaskState(name, transition(node, loc), resource == null ? null : resource.asText(),
        ioPath(node, "InputPath", loc), template(node, "Parameters", loc), template(node, "ResultSelector", loc),
        resultPath(node.get("ResultPath"), node.has("ResultPath"), loc + "/ResultPath"), ioPath(node, "OutputPath", loc),
        timeout, path(node, "TimeoutSecondsPath", loc), heartbeat, retriers(node, loc), catchers(node, false, loc),
        assign(node, false, loc), null);
  }

  private ChoiceState choice(String name, JsonNode node, String loc) {
    JsonNode choices = node.get("Choices");
    List<ChoiceState.Branch> branches = new ArrayList<>();
    if (choices == null || !choices.isArray() || choices.isEmpty()) {
      problem("SCHEMA_VALIDATION_FAILED", "The field 'Choices' is required and must be a non-empty array", loc);
    } else {
      for (int i = 0; i < choices.size(); i++) {
        JsonNode c = choices.get(i);
        String cl = loc + "/Choices/" + i;
        JsonNode next = c.get("Next");
        if (next == null || !next.isTextual()) {
          problem("SCHEMA_VALIDATION_FAILED", "The field 'Next' is required but was missing", cl);
        }
        ChoiceRule rule = rule(c, cl, true);
        if (rule != null && next != null) {
          branches.add(new ChoiceState.Branch(rule, next.asText(), assign(c, false, cl), null));
        }
      }
    }
    JsonNode def = node.get("Default");
    return new ChoiceState(name, ioPath(node, "InputPath", loc), ioPath(node, "OutputPath", loc), List.copyOf(branches),
        def == null ? null : def.asText(), assign(node, false, loc), null);
  }

  private ChoiceRule rule(JsonNode c, String loc, boolean topLevel) {
    if (!c.isObject()) {
      problem("SCHEMA_VALIDATION_FAILED", "A choice rule must be a JSON object", loc);
      return null;
    }
    if (!topLevel && c.has("Next")) {
      problem("SCHEMA_VALIDATION_FAILED", "Nested choice rules must not have 'Next'", loc + "/Next");
    }
    if (c.has("And") || c.has("Or")) {
      String op = c.has("And") ? "And" : "Or";
      JsonNode arr = c.get(op);
      if (!arr.isArray() || arr.isEmpty()) {
        problem("SCHEMA_VALIDATION_FAILED", "'" + op + "' must be a non-empty array of rules", loc + "/" + op);
        return null;
      }
      List<ChoiceRule> rules = new ArrayList<>();
      for (int i = 0; i < arr.size(); i++) {
        ChoiceRule r = rule(arr.get(i), loc + "/" + op + "/" + i, false);
        if (r != null) {
          rules.add(r);
        }
      }
      return op.equals("And") ? new ChoiceRule.And(List.copyOf(rules)) : new ChoiceRule.Or(List.copyOf(rules));
    }
    if (c.has("Not")) {
      ChoiceRule r = rule(c.get("Not"), loc + "/Not", false);
      return r == null ? null : new ChoiceRule.Not(r);
    }
    JsonNode variable = c.get("Variable");
    if (variable == null || !variable.isTextual()) {
      problem("SCHEMA_VALIDATION_FAILED", "The field 'Variable' is required but was missing", loc);
      return null;
    }
    JsonPathExpr var = compilePath(variable.textValue(), loc + "/Variable");
    ChoiceRule.Comparison found = null;
    int count = 0;
    for (String f : names(c)) {
      if (f.equals("Variable") || f.equals("Next") || f.equals("Comment") || (topLevel && f.equals("Assign"))) {
        continue;
      }
      boolean isPath = f.endsWith("Path") && ChoiceOperator.forField(f.substring(0, f.length() - 4)) != null;
      ChoiceOperator op = isPath ? ChoiceOperator.forField(f.substring(0, f.length() - 4)) : ChoiceOperator.forField(f);
      if (op == null || (isPath && !op.hasPathVariant())) {
        problem("SCHEMA_VALIDATION_FAILED", "Field '" + f + "' is not a supported comparison operator", loc + "/" + f);
        continue;
      }
      count++;
      JsonNode operand = c.get(f);
      String ol = loc + "/" + f;
      if (isPath) {
        if (!operand.isTextual()) {
          problem("SCHEMA_VALIDATION_FAILED", "'" + f + "' must be a path", ol);
        } else {
          found = new ChoiceRule.Comparison(var, op, null, compilePath(operand.textValue(), ol));
        }
        continue;
      }
      boolean ok = switch (op.kind()) {
        case STRING -> operand.isTextual();
        case NUMERIC -> operand.isNumber();
        case BOOLEAN, TYPE_TEST -> operand.isBoolean();
        case TIMESTAMP -> operand.isTextual() && ChoiceRule.timestamp(operand.textValue()) != null;
      };
      if (!ok) {
        problem("SCHEMA_VALIDATION_FAILED", "The value of '" + f + "' has the wrong type", ol);
      } else {
        found = new ChoiceRule.Comparison(var, op, operand, null);
      }
    }
    if (count != 1) {
      problem("SCHEMA_VALIDATION_FAILED", "A choice rule must have exactly one comparison operator", loc);
      return null;
    }
    return var == null ? null : found;
  }

  private WaitState wait(String name, JsonNode node, String loc) {
    int count = 0;
    Long seconds = null;
    Instant ts = null;
    for (String f : List.of("Seconds", "Timestamp", "SecondsPath", "TimestampPath")) {
      if (node.has(f)) {
        count++;
      }
    }
    if (count != 1) {
      problem("SCHEMA_VALIDATION_FAILED",
          "Exactly one of 'Seconds', 'Timestamp', 'SecondsPath' and 'TimestampPath' is required", loc);
    }
    if (node.has("Seconds")) {
      JsonNode s = node.get("Seconds");
      if (!s.isIntegralNumber() || s.longValue() < 0) {
        problem("SCHEMA_VALIDATION_FAILED", "'Seconds' must be a non-negative integer", loc + "/Seconds");
      } else {
        seconds = s.longValue();
      }
    }
    if (node.has("Timestamp")) {
      JsonNode t = node.get("Timestamp");
      var parsed = t.isTextual() ? ChoiceRule.timestamp(t.textValue()) : null;
      if (parsed == null) {
        problem("SCHEMA_VALIDATION_FAILED", "'Timestamp' must be an RFC 3339 timestamp", loc + "/Timestamp");
      } else {
        ts = parsed.toInstant();
      }
    }
    return new WaitState(name, transition(node, loc), ioPath(node, "InputPath", loc), ioPath(node, "OutputPath", loc),
        seconds, ts, path(node, "SecondsPath", loc), path(node, "TimestampPath", loc), assign(node, false, loc), null);
  }

  private FailState fail(String name, JsonNode node, String loc) {
    if (node.has("Error") && node.has("ErrorPath")) {
      problem("SCHEMA_VALIDATION_FAILED", "Only one of 'Error' and 'ErrorPath' may be set", loc);
    }
    if (node.has("Cause") && node.has("CausePath")) {
      problem("SCHEMA_VALIDATION_FAILED", "Only one of 'Cause' and 'CausePath' may be set", loc);
    }
    return new FailState(name, text(node, "Error"), text(node, "Cause"), dynamic(node, "ErrorPath", loc),
        dynamic(node, "CausePath", loc), null);
  }

  private ParallelState parallel(String name, JsonNode node, String loc) {
    return new ParallelState(name, transition(node, loc), ioPath(node, "InputPath", loc),
        template(node, "Parameters", loc), branches(node, loc), template(node, "ResultSelector", loc),
        resultPath(node.get("ResultPath"), node.has("ResultPath"), loc + "/ResultPath"), ioPath(node, "OutputPath", loc),
        retriers(node, loc), catchers(node, false, loc), assign(node, false, loc), null);
  }

  List<StatesBlock> branches(JsonNode node, String loc) {
    JsonNode branches = node.get("Branches");
    List<StatesBlock> blocks = new ArrayList<>();
    if (branches == null || !branches.isArray() || branches.isEmpty()) {
      problem("SCHEMA_VALIDATION_FAILED", "The field 'Branches' is required and must be a non-empty array", loc);
    } else {
      for (int i = 0; i < branches.size(); i++) {
        blocks.add(block(branches.get(i), loc + "/Branches/" + i));
      }
    }
    return List.copyOf(blocks);
  }

  private MapState map(String name, JsonNode node, String loc) {
    if (node.has("ItemSelector") && node.has("Parameters")) {
      problem("SCHEMA_VALIDATION_FAILED", "Only one of 'ItemSelector' and 'Parameters' may be set", loc);
    }
    StatesBlock block = processor(node, loc);
    int maxConcurrency = 0;
    if (node.has("MaxConcurrency")) {
      JsonNode m = node.get("MaxConcurrency");
      if (!m.isIntegralNumber() || m.intValue() < 0) {
        problem("SCHEMA_VALIDATION_FAILED", "'MaxConcurrency' must be a non-negative integer", loc + "/MaxConcurrency");
      } else {
        maxConcurrency = m.intValue();
      }
    }
    JsonPathExpr items = path(node, "ItemsPath", loc);
    PayloadTemplate selector = node.has("ItemSelector") ? template(node, "ItemSelector", loc)
        : template(node, "Parameters", loc);
    return new MapState(name, transition(node, loc), ioPath(node, "InputPath", loc), items, selector, block,
        maxConcurrency, path(node, "MaxConcurrencyPath", loc), template(node, "ResultSelector", loc),
        resultPath(node.get("ResultPath"), node.has("ResultPath"), loc + "/ResultPath"), ioPath(node, "OutputPath", loc),
        retriers(node, loc), catchers(node, false, loc), assign(node, false, loc), null);
  }

  StatesBlock processor(JsonNode node, String loc) {
    JsonNode processor = node.has("ItemProcessor") ? node.get("ItemProcessor") : node.get("Iterator");
    String pl = loc + (node.has("ItemProcessor") ? "/ItemProcessor" : "/Iterator");
    if (node.has("ItemProcessor") && node.has("Iterator")) {
      problem("SCHEMA_VALIDATION_FAILED", "Only one of 'ItemProcessor' and 'Iterator' may be set", loc);
    }
    StatesBlock block = null;
    if (processor == null || !processor.isObject()) {
      problem("SCHEMA_VALIDATION_FAILED", "The field 'ItemProcessor' is required but was missing", loc);
    } else {
      JsonNode config = processor.get("ProcessorConfig");
      if (config != null && config.has("Mode") && !"INLINE".equals(config.get("Mode").asText())) {
        problem("SCHEMA_VALIDATION_FAILED", "Only the INLINE processing mode is supported by the local engine",
            pl + "/ProcessorConfig/Mode");
      }
      block = block(processor, pl);
    }
    return block;
  }

  Transition transition(JsonNode node, String loc) {
    JsonNode next = node.get("Next");
    JsonNode end = node.get("End");
    boolean isEnd = end != null && end.asBoolean(false);
    if (end != null && !end.isBoolean()) {
      problem("SCHEMA_VALIDATION_FAILED", "'End' must be a boolean", loc + "/End");
    }
    if (next != null && isEnd) {
      problem("SCHEMA_VALIDATION_FAILED", "Only one of 'Next' and 'End' may be set", loc);
    } else if (next == null && !isEnd) {
      problem("SCHEMA_VALIDATION_FAILED", "Either 'Next' or 'End: true' is required", loc);
    }
    if (next != null && !next.isTextual()) {
      problem("SCHEMA_VALIDATION_FAILED", "'Next' must be a string", loc + "/Next");
    }
    return new Transition(next == null ? null : next.asText(), isEnd);
  }

  List<Retrier> retriers(JsonNode node, String loc) {
    JsonNode retry = node.get("Retry");
    if (retry == null) {
      return List.of();
    }
    if (!retry.isArray()) {
      problem("SCHEMA_VALIDATION_FAILED", "'Retry' must be an array", loc + "/Retry");
      return List.of();
    }
    List<Retrier> out = new ArrayList<>();
    for (int i = 0; i < retry.size(); i++) {
      JsonNode r = retry.get(i);
      String rl = loc + "/Retry/" + i;
      List<String> errors = errorEquals(r, rl, i == retry.size() - 1);
      double interval = number(r, "IntervalSeconds", 1, rl, true);
      int attempts = (int) number(r, "MaxAttempts", 3, rl, false);
      double backoff = number(r, "BackoffRate", 2.0, rl, false);
      if (r.has("BackoffRate") && backoff < 1.0) {
        problem("SCHEMA_VALIDATION_FAILED", "'BackoffRate' must be at least 1.0", rl + "/BackoffRate");
      }
      Double maxDelay = r.has("MaxDelaySeconds") ? number(r, "MaxDelaySeconds", 0, rl, true) : null;
      String jitter = r.has("JitterStrategy") ? r.get("JitterStrategy").asText() : "NONE";
      if (!jitter.equals("FULL") && !jitter.equals("NONE")) {
        problem("SCHEMA_VALIDATION_FAILED", "'JitterStrategy' must be FULL or NONE", rl + "/JitterStrategy");
      }
      for (String f : names(r)) {
        if (!Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds",
            "JitterStrategy", "Comment").contains(f)) {
          problem("SCHEMA_VALIDATION_FAILED", "Field '" + f + "' is not supported in a retrier", rl + "/" + f);
        }
      }
      out.add(new Retrier(errors, interval, attempts, backoff, maxDelay, jitter.equals("FULL")));
    }
    return List.copyOf(out);
  }

  List<Catcher> catchers(JsonNode node, boolean jsonata, String loc) {
    JsonNode katch = node.get("Catch");
    if (katch == null) {
      return List.of();
    }
    if (!katch.isArray()) {
      problem("SCHEMA_VALIDATION_FAILED", "'Catch' must be an array", loc + "/Catch");
      return List.of();
    }
    List<Catcher> out = new ArrayList<>();
    for (int i = 0; i < katch.size(); i++) {
      JsonNode c = katch.get(i);
      String cl = loc + "/Catch/" + i;
      List<String> errors = errorEquals(c, cl, i == katch.size() - 1);
      JsonNode next = c.get("Next");
      if (next == null || !next.isTextual()) {
        problem("SCHEMA_VALIDATION_FAILED", "The field 'Next' is required but was missing", cl);
        continue;
      }
      Set<String> allowed = jsonata ? Set.of("ErrorEquals", "Next", "Output", "Assign", "Comment")
          : Set.of("ErrorEquals", "Next", "ResultPath", "Assign", "Comment");
      for (String f : names(c)) {
        if (!allowed.contains(f)) {
          problem("SCHEMA_VALIDATION_FAILED", "Field '" + f + "' is not supported in a catcher", cl + "/" + f);
        }
      }
      out.add(new Catcher(errors, next.textValue(),
          jsonata ? ResultPathSpec.REPLACE : resultPath(c.get("ResultPath"), c.has("ResultPath"), cl + "/ResultPath"),
          assign(c, jsonata, cl), jsonata ? jsonataTemplate(c, "Output", cl) : null));
    }
    return List.copyOf(out);
  }

  private List<String> errorEquals(JsonNode node, String loc, boolean last) {
    JsonNode arr = node.get("ErrorEquals");
    if (arr == null || !arr.isArray() || arr.isEmpty()) {
      problem("SCHEMA_VALIDATION_FAILED", "The field 'ErrorEquals' is required and must be a non-empty array", loc);
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : arr) {
      out.add(e.asText());
    }
    if (out.contains("States.ALL")) {
      if (out.size() != 1) {
        problem("SCHEMA_VALIDATION_FAILED", "States.ALL must appear alone in the ErrorEquals array", loc + "/ErrorEquals");
      }
      if (!last) {
        problem("SCHEMA_VALIDATION_FAILED", "A retrier or catcher with States.ALL must be the last one", loc + "/ErrorEquals");
      }
    }
    return List.copyOf(out);
  }

  private double number(JsonNode node, String field, double dflt, String loc, boolean positive) {
    JsonNode v = node.get(field);
    if (v == null) {
      return dflt;
    }
    if (!v.isNumber() || v.doubleValue() < 0 || (positive && v.doubleValue() == 0 && !field.equals("MaxDelaySeconds"))) {
      problem("SCHEMA_VALIDATION_FAILED", "'" + field + "' must be a " + (positive ? "positive" : "non-negative")
          + " number", loc + "/" + field);
      return dflt;
    }
    return v.doubleValue();
  }

  Integer positiveInt(JsonNode v, String loc) {
    if (!v.isIntegralNumber() || v.longValue() <= 0 || v.longValue() > 99_999_999) {
      problem("SCHEMA_VALIDATION_FAILED", "The value must be a positive integer", loc);
      return null;
    }
    return v.intValue();
  }

  private IoPath ioPath(JsonNode node, String field, String loc) {
    if (!node.has(field)) {
      return IoPath.IDENTITY;
    }
    JsonNode v = node.get(field);
    if (v.isNull()) {
      return IoPath.EMPTY;
    }
    JsonPathExpr p = v.isTextual() ? compilePath(v.textValue(), loc + "/" + field) : null;
    if (!v.isTextual()) {
      problem("SCHEMA_VALIDATION_FAILED", "'" + field + "' must be a path or null", loc + "/" + field);
    }
    return p == null ? IoPath.IDENTITY : IoPath.of(p);
  }

  private ResultPathSpec resultPath(JsonNode v, boolean present, String loc) {
    if (!present) {
      return ResultPathSpec.REPLACE;
    }
    if (v.isNull()) {
      return ResultPathSpec.DISCARD;
    }
    try {
      if (!v.isTextual() || v.textValue().startsWith("$$")) {
        throw new IllegalArgumentException("not a reference path");
      }
      return ResultPathSpec.of(ReferencePath.parse(v.textValue()));
    } catch (IllegalArgumentException e) {
      problem("INVALID_JSON_PATH", "The value for the field 'ResultPath' must be a valid reference path: " + v, loc);
      return ResultPathSpec.REPLACE;
    }
  }

  private JsonPathExpr path(JsonNode node, String field, String loc) {
    JsonNode v = node.get(field);
    if (v == null) {
      return null;
    }
    if (!v.isTextual()) {
      problem("SCHEMA_VALIDATION_FAILED", "'" + field + "' must be a path", loc + "/" + field);
      return null;
    }
    return compilePath(v.textValue(), loc + "/" + field);
  }

  private JsonPathExpr compilePath(String text, String loc) {
    try {
      return JsonPathExpr.compile(text);
    } catch (IllegalArgumentException e) {
      problem("INVALID_JSON_PATH", "Invalid JSONPath: " + text, loc);
      return null;
    }
  }

  private PayloadTemplate template(JsonNode node, String field, String loc) {
    JsonNode v = node.get(field);
    if (v == null) {
      return null;
    }
    try {
      return PayloadTemplate.compile(v);
    } catch (IllegalArgumentException e) {
      problem("SCHEMA_VALIDATION_FAILED", e.getMessage(), loc + "/" + field);
      return null;
    }
  }

  private DynamicValue dynamic(JsonNode node, String field, String loc) {
    JsonNode v = node.get(field);
    if (v == null) {
      return null;
    }
    try {
      if (!v.isTextual()) {
        throw new IllegalArgumentException("'" + field + "' must be a path or an intrinsic function call");
      }
      return DynamicValue.compile(field, v.textValue());
    } catch (IllegalArgumentException e) {
      problem("SCHEMA_VALIDATION_FAILED", e.getMessage(), loc + "/" + field);
      return null;
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null ? null : v.asText();
  }

  /** @return the Assign field of {@code node} compiled, or {@code null} */
  Assignment assign(JsonNode node, boolean jsonata, String loc) {
    JsonNode v = node.get("Assign");
    if (v == null) {
      return null;
    }
    try {
      return Assignment.compile(v, jsonata);
    } catch (IllegalArgumentException e) {
      problem("SCHEMA_VALIDATION_FAILED", e.getMessage(), loc + "/Assign");
      return null;
    }
  }

  /** @return the field as a JSONata template (literal or {@code {% %}}), or {@code null} if absent */
  JsonataTemplate jsonataTemplate(JsonNode node, String field, String loc) {
    JsonNode v = node.get(field);
    if (v == null) {
      return null;
    }
    try {
      return JsonataTemplate.compile(v);
    } catch (IllegalArgumentException e) {
      problem("SCHEMA_VALIDATION_FAILED", e.getMessage(), loc + "/" + field);
      return null;
    }
  }

  static List<String> names(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  void problem(String code, String detail, String location) {
    problems.add(code + ": " + detail + " at " + (location.isEmpty() ? "/" : location));
  }
}
