package dev.agentflow.local.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a SAM template into a {@link SamTemplate}: functions (Globals.Function merged as SAM merges them:
 * scalars from the function win, maps merge, lists concatenate), tables (as CreateTable requests) and
 * EventBridge rules (AWS::Events::Rule resources with an EventPattern, and functions' {@code EventBridgeRule}
 * / {@code CloudWatchEvent} event sources). Resources whose {@code Condition} is false are left out.
 *
 * <p>Sources: AWS SAM Developer Guide ("AWS::Serverless::Function", "Globals section of the AWS SAM
 * template", "EventBridgeRule"), AWS CloudFormation User Guide ("AWS::DynamoDB::Table",
 * "AWS::Events::Rule").
 */
public final class SamTemplateReader {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FUNCTION_TYPES = Set.of("AWS::Serverless::Function", "AWS::Lambda::Function");

  private SamTemplateReader() {}

  /**
   * Reads a template file.
   *
   * @throws TemplateException when the file is unreadable, not YAML, or an intrinsic cannot be evaluated
   */
  public static SamTemplate read(Path path, StackSettings settings) {
    return fromTree(TemplateYaml.read(path), settings);
  }

  /**
   * Reads template text (YAML or JSON).
   *
   * @throws TemplateException when the text is not YAML or an intrinsic cannot be evaluated
   */
  public static SamTemplate parse(String text, StackSettings settings) {
    return fromTree(TemplateYaml.parse(text), settings);
  }

  /**
   * Every resource of a template file that is part of the stack (its Condition true), with intrinsics resolved:
   * logical id → {@code {"Type": …, "Properties": …, "PhysicalName": …}} (functions with Globals merged; the
   * physical name as the local cloud names it: the name property, else the logical id). For tools that deploy
   * the template by other means than CloudFormation (infra/localstack's plan).
   *
   * @throws TemplateException when the file is unreadable or an intrinsic cannot be evaluated
   */
  public static Map<String, JsonNode> resolvedResources(Path path, StackSettings settings) {
    JsonNode template = TemplateYaml.read(path);
    IntrinsicResolver resolver = new IntrinsicResolver(template, settings);
    Map<String, JsonNode> out = new LinkedHashMap<>();
    template.path("Resources").fields().forEachRemaining(e -> {
      if (!resolver.included(e.getKey())) {
        return;
      }
      String type = e.getValue().path("Type").asText();
      JsonNode properties = type.equals("AWS::Serverless::Function")
          ? merge(template.path("Globals").path("Function"), e.getValue().path("Properties"))
          : e.getValue().path("Properties");
      ObjectNode resource = NODES.objectNode().put("Type", type);
      try {
        resource.set("Properties", resolver.resolve(properties));
      } catch (TemplateException ex) {
        throw new TemplateException("Resource " + e.getKey() + ": " + ex.getMessage(), ex);
      }
      resource.put("PhysicalName", resolver.physicalName(e.getKey()));
      out.put(e.getKey(), resource);
    });
    return out;
  }

  private static SamTemplate fromTree(JsonNode template, StackSettings settings) {
    IntrinsicResolver resolver = new IntrinsicResolver(template, settings);
    List<FunctionSpec> functions = new ArrayList<>();
    List<TableSpec> tables = new ArrayList<>();
    List<EventRuleSpec> rules = new ArrayList<>();
    JsonNode globals = template.path("Globals").path("Function");
    Iterator<Map.Entry<String, JsonNode>> resources = template.path("Resources").fields();
    while (resources.hasNext()) {
      Map.Entry<String, JsonNode> entry = resources.next();
      String logicalId = entry.getKey();
      JsonNode resource = entry.getValue();
      if (!resolver.included(logicalId)) {
        continue;
      }
      String type = resource.path("Type").asText();
      try {
        switch (type) {
          case "AWS::Serverless::Function" -> {
            JsonNode properties = merge(globals, resource.path("Properties"));
            functions.add(function(logicalId, properties, resolver));
            rules.addAll(functionEventRules(logicalId, properties, resolver));
          }
          case "AWS::Lambda::Function" -> functions.add(function(logicalId, resource.path("Properties"), resolver));
          case "AWS::DynamoDB::Table" -> tables.add(table(logicalId, resource.path("Properties"), resolver));
          case "AWS::Serverless::SimpleTable" ->
              tables.add(simpleTable(logicalId, resource.path("Properties"), resolver));
          case "AWS::Events::Rule" -> {
            EventRuleSpec rule = eventRule(logicalId, resource.path("Properties"), resolver);
            if (rule != null) {
              rules.add(rule);
            }
          }
          default -> { }
        }
      } catch (TemplateException e) {
        throw new TemplateException("Resource " + logicalId + ": " + e.getMessage(), e);
      }
    }
    return new SamTemplate(settings, functions, tables, rules);
  }

  private static FunctionSpec function(String logicalId, JsonNode properties, IntrinsicResolver resolver) {
    String handler = resolver.resolveText(properties.path("Handler"));
    if (handler == null) {
      throw new TemplateException("Function " + logicalId + " has no Handler");
    }
    String name = resolver.physicalName(logicalId);
    Map<String, String> environment = new LinkedHashMap<>();
    JsonNode variables = resolver.resolve(properties.path("Environment").path("Variables"));
    variables.fields().forEachRemaining(e ->
        environment.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
    return new FunctionSpec(
        logicalId,
        name,
        resolver.settings().functionArn(name),
        handler,
        resolver.resolveText(properties.path("Runtime")),
        resolver.resolveText(properties.path("CodeUri")),
        environment,
        intProperty(properties, "Timeout", FunctionSpec.DEFAULT_TIMEOUT_SECONDS, resolver),
        intProperty(properties, "MemorySize", FunctionSpec.DEFAULT_MEMORY_MB, resolver));
  }

  private static List<EventRuleSpec> functionEventRules(String logicalId, JsonNode properties,
      IntrinsicResolver resolver) {
    List<EventRuleSpec> rules = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> events = properties.path("Events").fields();
    while (events.hasNext()) {
      Map.Entry<String, JsonNode> event = events.next();
      String type = event.getValue().path("Type").asText();
      if (!type.equals("EventBridgeRule") && !type.equals("CloudWatchEvent")) {
        continue;
      }
      JsonNode eventProperties = resolver.resolve(event.getValue().path("Properties"));
      String bus = eventProperties.path("EventBusName").asText("default");
      if (!eventProperties.has("Pattern") || !isDefaultBus(bus)) {
        continue;
      }
      String ruleId = logicalId + event.getKey();
      boolean enabled = !eventProperties.path("State").asText("ENABLED").equals("DISABLED")
          && eventProperties.path("Enabled").asBoolean(true);
      EventTargetSpec target = new EventTargetSpec(
          eventProperties.path("Target").path("Id").asText(ruleId + "LambdaTarget"),
          resolver.settings().functionArn(resolver.physicalName(logicalId)),
          textOrNull(eventProperties.get("Input")),
          textOrNull(eventProperties.get("InputPath")),
          eventProperties.get("InputTransformer"));
      rules.add(new EventRuleSpec(ruleId, eventProperties.path("RuleName").asText(ruleId),
          eventProperties.get("Pattern"), enabled, List.of(target)));
    }
    return rules;
  }

  private static EventRuleSpec eventRule(String logicalId, JsonNode rawProperties, IntrinsicResolver resolver) {
    JsonNode properties = resolver.resolve(rawProperties);
    if (!properties.has("EventPattern") || !isDefaultBus(properties.path("EventBusName").asText("default"))) {
      return null;
    }
    JsonNode pattern = properties.get("EventPattern");
    if (pattern.isTextual()) {
      try {
        pattern = JSON.readTree(pattern.asText());
      } catch (JsonProcessingException e) {
        throw new TemplateException("EventPattern is not JSON: " + e.getOriginalMessage(), e);
      }
    }
    List<EventTargetSpec> targets = new ArrayList<>();
    for (JsonNode target : properties.path("Targets")) {
      targets.add(new EventTargetSpec(target.path("Id").asText(), target.path("Arn").asText(),
          textOrNull(target.get("Input")), textOrNull(target.get("InputPath")), target.get("InputTransformer")));
    }
    boolean enabled = properties.path("State").asText("ENABLED").equals("ENABLED");
    return new EventRuleSpec(logicalId, resolver.physicalName(logicalId), pattern, enabled, targets);
  }

  private static boolean isDefaultBus(String bus) {
    return bus.equals("default") || bus.endsWith(":event-bus/default");
  }

  private static TableSpec table(String logicalId, JsonNode rawProperties, IntrinsicResolver resolver) {
    JsonNode properties = resolver.resolve(rawProperties);
    String name = resolver.physicalName(logicalId);
    ObjectNode request = NODES.objectNode();
    request.put("TableName", name);
    copy(properties, request, "AttributeDefinitions");
    copy(properties, request, "KeySchema");
    JsonNode throughput = numbers(properties.get("ProvisionedThroughput"));
    String billing = properties.path("BillingMode").asText(throughput == null ? "PAY_PER_REQUEST" : "PROVISIONED");
    request.put("BillingMode", billing);
    boolean provisioned = billing.equals("PROVISIONED");
    if (provisioned) {
      request.set("ProvisionedThroughput", throughput != null ? throughput : defaultThroughput());
    }
    if (properties.has("GlobalSecondaryIndexes")) {
      ArrayNode indexes = request.putArray("GlobalSecondaryIndexes");
      for (JsonNode index : properties.get("GlobalSecondaryIndexes")) {
        ObjectNode gsi = indexes.addObject();
        copy(index, gsi, "IndexName");
        copy(index, gsi, "KeySchema");
        copy(index, gsi, "Projection");
        if (provisioned) {
          JsonNode indexThroughput = numbers(index.get("ProvisionedThroughput"));
          gsi.set("ProvisionedThroughput", indexThroughput != null ? indexThroughput
              : request.get("ProvisionedThroughput"));
        }
      }
    }
    if (properties.has("LocalSecondaryIndexes")) {
      ArrayNode indexes = request.putArray("LocalSecondaryIndexes");
      for (JsonNode index : properties.get("LocalSecondaryIndexes")) {
        ObjectNode lsi = indexes.addObject();
        copy(index, lsi, "IndexName");
        copy(index, lsi, "KeySchema");
        copy(index, lsi, "Projection");
      }
    }
    JsonNode stream = properties.path("StreamSpecification").path("StreamViewType");
    if (stream.isTextual()) {
      request.putObject("StreamSpecification").put("StreamEnabled", true).put("StreamViewType", stream.asText());
    }
    JsonNode ttl = properties.path("TimeToLiveSpecification");
    String ttlAttribute = ttl.path("Enabled").asBoolean(false) ? textOrNull(ttl.get("AttributeName")) : null;
    return new TableSpec(logicalId, name, request, ttlAttribute);
  }

  private static TableSpec simpleTable(String logicalId, JsonNode rawProperties, IntrinsicResolver resolver) {
    JsonNode properties = resolver.resolve(rawProperties);
    String name = resolver.physicalName(logicalId);
    String keyName = properties.path("PrimaryKey").path("Name").asText("id");
    String keyType = switch (properties.path("PrimaryKey").path("Type").asText("String")) {
      case "Number" -> "N";
      case "Binary" -> "B";
      default -> "S";
    };
    ObjectNode request = NODES.objectNode();
    request.put("TableName", name);
    request.putArray("AttributeDefinitions").addObject().put("AttributeName", keyName).put("AttributeType", keyType);
    request.putArray("KeySchema").addObject().put("AttributeName", keyName).put("KeyType", "HASH");
    JsonNode throughput = numbers(properties.get("ProvisionedThroughput"));
    if (throughput != null) {
      request.put("BillingMode", "PROVISIONED");
      request.set("ProvisionedThroughput", throughput);
    } else {
      request.put("BillingMode", "PAY_PER_REQUEST");
    }
    return new TableSpec(logicalId, name, request, null);
  }

  /** SAM Globals merge: maps merge recursively, lists concatenate (globals first), scalars: resource wins. */
  static JsonNode merge(JsonNode globals, JsonNode resource) {
    if (globals == null || globals.isMissingNode() || globals.isNull()) {
      return resource;
    }
    if (resource == null || resource.isMissingNode() || resource.isNull()) {
      return globals.deepCopy();
    }
    if (globals.isObject() && resource.isObject() && !isIntrinsic(resource)) {
      ObjectNode merged = ((ObjectNode) globals).deepCopy();
      resource.fields().forEachRemaining(e -> merged.set(e.getKey(), merge(globals.get(e.getKey()), e.getValue())));
      return merged;
    }
    if (globals.isArray() && resource.isArray()) {
      ArrayNode merged = ((ArrayNode) globals).deepCopy();
      merged.addAll((ArrayNode) resource);
      return merged;
    }
    return resource;
  }

  private static boolean isIntrinsic(JsonNode node) {
    if (node.size() != 1) {
      return false;
    }
    String key = node.fieldNames().next();
    return key.equals("Ref") || key.startsWith("Fn::");
  }

  private static int intProperty(JsonNode properties, String name, int defaultValue, IntrinsicResolver resolver) {
    String text = resolver.resolveText(properties.path(name));
    if (text == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new TemplateException(name + " is not a whole number: " + text, e);
    }
  }

  private static JsonNode numbers(JsonNode throughput) {
    if (throughput == null || !throughput.isObject()) {
      return null;
    }
    ObjectNode out = NODES.objectNode();
    throughput.fields().forEachRemaining(e -> {
      JsonNode value = e.getValue();
      out.put(e.getKey(), value.isNumber() ? value.longValue() : Long.parseLong(value.asText().trim()));
    });
    return out;
  }

  private static ObjectNode defaultThroughput() {
    return NODES.objectNode().put("ReadCapacityUnits", 5).put("WriteCapacityUnits", 5);
  }

  private static void copy(JsonNode from, ObjectNode to, String field) {
    if (from.has(field)) {
      to.set(field, from.get(field).deepCopy());
    }
  }

  private static String textOrNull(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    return node.isValueNode() ? node.asText() : node.toString();
  }
}
