package dev.agentflow.local.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates CloudFormation intrinsic functions (long form) against the local stack: {@code Ref},
 * {@code Fn::GetAtt}, {@code Fn::Sub}, {@code Fn::Join}, {@code Fn::If}, {@code Fn::Select},
 * {@code Fn::FindInMap}, {@code Fn::Split}, {@code Fn::Base64}, {@code Fn::GetAZs}, {@code Fn::Equals} /
 * {@code Not} / {@code And} / {@code Or}, {@code Condition}, {@code Fn::ToJsonString}, {@code Fn::Length};
 * {@code Fn::ImportValue} yields the export name.
 *
 * <p>{@code Ref} of a resource gives what CloudFormation gives for its type (function and table: the name;
 * state machine, topic, secret: the ARN; queue: the URL; API Gateway v2 stage: the stage name); {@code Fn::GetAtt X.Arn} gives the ARN the local
 * cloud uses. A parameter gives its override or {@code Default}. {@code AWS::NoValue} removes the property.
 * Unknown names resolve to themselves rather than failing, so a template with resources the local cloud
 * does not run still loads.
 *
 * <p>Source: AWS CloudFormation User Guide, "Intrinsic function reference" and each resource type's
 * "Return values" section.
 */
final class IntrinsicResolver {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

  private final JsonNode template;
  private final StackSettings settings;
  private final Map<String, Boolean> conditions = new HashMap<>();
  private final Set<String> resolvingConditions = new HashSet<>();
  private final Map<String, String> physicalNames = new HashMap<>();
  private final Set<String> resolvingNames = new HashSet<>();

  IntrinsicResolver(JsonNode template, StackSettings settings) {
    this.template = template;
    this.settings = settings;
  }

  StackSettings settings() {
    return settings;
  }

  /**
   * Resolves every intrinsic in a value.
   *
   * @return the resolved value; {@link MissingNode} when the whole value is {@code AWS::NoValue}
   */
  JsonNode resolve(JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return MissingNode.getInstance();
    }
    if (value.isArray()) {
      ArrayNode out = NODES.arrayNode();
      for (JsonNode item : value) {
        JsonNode resolved = resolve(item);
        if (!resolved.isMissingNode()) {
          out.add(resolved);
        }
      }
      return out;
    }
    if (!value.isObject()) {
      return value;
    }
    if (value.size() == 1) {
      String key = value.fieldNames().next();
      if (key.equals("Ref") || key.startsWith("Fn::") || (key.equals("Condition") && value.get(key).isTextual())) {
        return function(key, value.get(key));
      }
    }
    ObjectNode out = NODES.objectNode();
    value.fields().forEachRemaining(e -> {
      JsonNode resolved = resolve(e.getValue());
      if (!resolved.isMissingNode()) {
        out.set(e.getKey(), resolved);
      }
    });
    return out;
  }

  /** @return the resolved value as text (numbers and booleans as written), or {@code null} when absent */
  String resolveText(JsonNode value) {
    JsonNode resolved = resolve(value);
    if (resolved.isMissingNode() || resolved.isNull()) {
      return null;
    }
    return resolved.isValueNode() ? resolved.asText() : resolved.toString();
  }

  /** @return whether the named condition of the Conditions section is true */
  boolean condition(String name) {
    Boolean known = conditions.get(name);
    if (known != null) {
      return known;
    }
    JsonNode definition = template.path("Conditions").get(name);
    if (definition == null) {
      throw new TemplateException("Unknown condition '" + name + "'");
    }
    if (!resolvingConditions.add(name)) {
      throw new TemplateException("Condition '" + name + "' refers to itself");
    }
    boolean result = truth(resolve(definition), "condition " + name);
    resolvingConditions.remove(name);
    conditions.put(name, result);
    return result;
  }

  /** @return whether a resource is part of the stack (no {@code Condition}, or its condition is true) */
  boolean included(String logicalId) {
    JsonNode resource = template.path("Resources").get(logicalId);
    if (resource == null) {
      return false;
    }
    JsonNode condition = resource.get("Condition");
    return condition == null || condition(condition.asText());
  }

  private JsonNode function(String name, JsonNode argument) {
    return switch (name) {
      case "Ref" -> ref(textArgument(name, argument));
      case "Condition" -> NODES.booleanNode(condition(argument.asText()));
      case "Fn::GetAtt" -> getAtt(argument);
      case "Fn::Sub" -> sub(argument);
      case "Fn::Join" -> join(argument);
      case "Fn::If" -> fnIf(argument);
      case "Fn::Select" -> select(argument);
      case "Fn::FindInMap" -> findInMap(argument);
      case "Fn::Split" -> split(argument);
      case "Fn::Base64" -> NODES.textNode(Base64.getEncoder()
          .encodeToString(resolveText(argument).getBytes(StandardCharsets.UTF_8)));
      case "Fn::GetAZs" -> azs();
      case "Fn::ImportValue" -> NODES.textNode(resolveText(argument));
      case "Fn::Equals" -> equalsFn(argument);
      case "Fn::Not" -> NODES.booleanNode(!truth(resolve(list(name, argument, 1).get(0)), name));
      case "Fn::And" -> andOr(argument, true);
      case "Fn::Or" -> andOr(argument, false);
      case "Fn::ToJsonString" -> NODES.textNode(toJson(resolve(argument)));
      case "Fn::Length" -> NODES.numberNode(resolve(argument).size());
      default -> resolveFields(name, argument);
    };
  }

  private JsonNode resolveFields(String name, JsonNode argument) {
    // Fn::Cidr, Fn::Transform and others the local cloud does not evaluate: keep the shape, resolve inside.
    ObjectNode out = NODES.objectNode();
    JsonNode resolved = resolve(argument);
    if (!resolved.isMissingNode()) {
      out.set(name, resolved);
    }
    return out;
  }

  /** Ref of a parameter, pseudo parameter or resource. */
  JsonNode ref(String name) {
    switch (name) {
      case "AWS::Region":
        return NODES.textNode(settings.region());
      case "AWS::AccountId":
        return NODES.textNode(settings.account());
      case "AWS::StackName":
        return NODES.textNode(settings.stackName());
      case "AWS::StackId":
        return NODES.textNode("arn:aws:cloudformation:" + settings.region() + ":" + settings.account()
            + ":stack/" + settings.stackName() + "/" + uuid(settings.stackName()));
      case "AWS::Partition":
        return NODES.textNode("aws");
      case "AWS::URLSuffix":
        return NODES.textNode("amazonaws.com");
      case "AWS::NotificationARNs":
        return NODES.arrayNode();
      case "AWS::NoValue":
        return MissingNode.getInstance();
      default:
        break;
    }
    JsonNode parameter = template.path("Parameters").get(name);
    if (parameter != null) {
      return parameterValue(name, parameter);
    }
    JsonNode resource = template.path("Resources").get(name);
    if (resource != null) {
      return NODES.textNode(refOfResource(name, resource));
    }
    String samReference = samReference(name);
    return NODES.textNode(samReference != null ? samReference : name);
  }

  /**
   * SAM's referable properties of a function with {@code AutoPublishAlias} (its own or Globals'):
   * {@code X.Alias} is the alias ARN ({@code arn:aws:lambda:…:function:X:live}), {@code X.Version} the
   * published version's ARN (the local cloud runs {@code $LATEST} for every version, so it names version 1).
   * Usable as {@code !Ref X.Alias} and inside {@code !Sub '${X.Alias}'}.
   *
   * <p>Source: AWS SAM Developer Guide, "Referencing AWS CloudFormation resources generated by AWS SAM"
   * ({@code AutoPublishAlias}: {@code FunctionName.Alias}, {@code FunctionName.Version}).
   *
   * @return the ARN, or {@code null} when {@code reference} is not such a property
   */
  String samReference(String reference) {
    int dot = reference.indexOf('.');
    if (dot < 0) {
      return null;
    }
    String logicalId = reference.substring(0, dot);
    String property = reference.substring(dot + 1);
    JsonNode resource = template.path("Resources").get(logicalId);
    if (resource == null || !resource.path("Type").asText().equals("AWS::Serverless::Function")) {
      return null;
    }
    JsonNode alias = resource.path("Properties").path("AutoPublishAlias");
    if (alias.isMissingNode()) {
      alias = template.path("Globals").path("Function").path("AutoPublishAlias");
    }
    String aliasName = alias.isMissingNode() ? null : resolveText(alias);
    if (aliasName == null) {
      return null;
    }
    String arn = settings.functionArn(physicalName(logicalId));
    return switch (property) {
      case "Alias" -> arn + ":" + aliasName;
      case "Version" -> arn + ":1";
      default -> null;
    };
  }

  private JsonNode parameterValue(String name, JsonNode parameter) {
    String value = settings.parameterOverrides().get(name);
    if (value == null) {
      JsonNode defaultValue = parameter.get("Default");
      if (defaultValue == null) {
        throw new TemplateException("Parameter '" + name + "' has no Default and no override");
      }
      value = defaultValue.isValueNode() ? defaultValue.asText() : null;
      if (value == null) {
        return defaultValue;
      }
    }
    String type = parameter.path("Type").asText("String");
    if (type.equals("CommaDelimitedList") || type.startsWith("List<")) {
      ArrayNode list = NODES.arrayNode();
      for (String item : value.split(",", -1)) {
        list.add(item.trim());
      }
      return list;
    }
    return NODES.textNode(value);
  }

  private String refOfResource(String logicalId, JsonNode resource) {
    String type = resource.path("Type").asText();
    String name = physicalName(logicalId);
    String region = settings.region();
    String account = settings.account();
    return switch (type) {
      case "AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine" ->
          "arn:aws:states:" + region + ":" + account + ":stateMachine:" + name;
      case "AWS::SNS::Topic" -> "arn:aws:sns:" + region + ":" + account + ":" + name;
      case "AWS::SQS::Queue" -> "https://sqs." + region + ".amazonaws.com/" + account + "/" + name;
      case "AWS::SecretsManager::Secret" -> secretArn(name);
      case "AWS::KMS::Key" -> uuid(logicalId);
      case "AWS::ApiGatewayV2::Stage" -> {
        String stage = resolveText(resource.path("Properties").path("StageName"));
        yield stage == null ? name : stage;
      }
      case "AWS::KMS::Alias" -> {
        String alias = resolveText(resource.path("Properties").path("AliasName"));
        yield alias == null ? "alias/" + logicalId : alias;
      }
      default -> name;
    };
  }

  private JsonNode getAtt(JsonNode argument) {
    ArrayNode parts = list("Fn::GetAtt", argument, 2);
    String logicalId = resolveText(parts.get(0));
    String attribute = resolveText(parts.get(1));
    JsonNode resource = template.path("Resources").get(logicalId);
    if (resource == null) {
      return NODES.textNode(logicalId + "." + attribute);
    }
    String samReference = samReference(logicalId + "." + attribute);
    if (samReference != null) {
      return NODES.textNode(samReference);
    }
    String type = resource.path("Type").asText();
    String name = physicalName(logicalId);
    String region = settings.region();
    String account = settings.account();
    String value = switch (type + "." + attribute) {
      case "AWS::Serverless::Function.Arn", "AWS::Lambda::Function.Arn" -> settings.functionArn(name);
      case "AWS::DynamoDB::Table.Arn", "AWS::Serverless::SimpleTable.Arn" ->
          "arn:aws:dynamodb:" + region + ":" + account + ":table/" + name;
      case "AWS::DynamoDB::Table.StreamArn" ->
          "arn:aws:dynamodb:" + region + ":" + account + ":table/" + name + "/stream/1970-01-01T00:00:00.000";
      case "AWS::Events::Rule.Arn" -> "arn:aws:events:" + region + ":" + account + ":rule/" + name;
      case "AWS::Serverless::StateMachine.Arn", "AWS::StepFunctions::StateMachine.Arn" ->
          "arn:aws:states:" + region + ":" + account + ":stateMachine:" + name;
      case "AWS::Serverless::StateMachine.Name", "AWS::StepFunctions::StateMachine.Name",
          "AWS::SQS::Queue.QueueName", "AWS::SNS::Topic.TopicName" -> name;
      case "AWS::SQS::Queue.Arn" -> "arn:aws:sqs:" + region + ":" + account + ":" + name;
      case "AWS::SNS::Topic.TopicArn" -> "arn:aws:sns:" + region + ":" + account + ":" + name;
      case "AWS::IAM::Role.Arn" -> "arn:aws:iam::" + account + ":role/" + name;
      case "AWS::IAM::Role.RoleId" -> "AROA" + logicalId.toUpperCase(Locale.ROOT);
      case "AWS::KMS::Key.Arn" -> "arn:aws:kms:" + region + ":" + account + ":key/" + uuid(logicalId);
      case "AWS::KMS::Key.KeyId" -> uuid(logicalId);
      case "AWS::SecretsManager::Secret.Id" -> secretArn(name);
      default -> attribute.equals("Arn")
          ? "arn:aws:" + service(type) + ":" + region + ":" + account + ":" + name
          : name + "." + attribute;
    };
    return NODES.textNode(value);
  }

  /**
   * The physical name the local cloud gives a resource: its name property (FunctionName, TableName, Name,
   * StateMachineName, QueueName, TopicName, RoleName) when set, else the logical id.
   */
  String physicalName(String logicalId) {
    String known = physicalNames.get(logicalId);
    if (known != null) {
      return known;
    }
    JsonNode resource = template.path("Resources").get(logicalId);
    String name = logicalId;
    if (resource != null && resolvingNames.add(logicalId)) {
      JsonNode properties = resource.path("Properties");
      for (String property : new String[] {"FunctionName", "TableName", "Name", "StateMachineName",
          "QueueName", "TopicName", "RoleName", "ScheduleGroupName"}) {
        if (properties.has(property)) {
          String resolved = resolveText(properties.get(property));
          if (resolved != null) {
            name = resolved;
          }
          break;
        }
      }
      resolvingNames.remove(logicalId);
    }
    physicalNames.put(logicalId, name);
    return name;
  }

  private JsonNode sub(JsonNode argument) {
    String text;
    Map<String, JsonNode> variables = new HashMap<>();
    if (argument.isTextual()) {
      text = argument.asText();
    } else {
      ArrayNode parts = list("Fn::Sub", argument, 2);
      text = resolveText(parts.get(0));
      Iterator<Map.Entry<String, JsonNode>> fields = parts.get(1).fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        variables.put(field.getKey(), resolve(field.getValue()));
      }
    }
    Matcher matcher = SUB_VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String variable = matcher.group(1);
      String replacement;
      if (variable.startsWith("!")) {
        replacement = "${" + variable.substring(1) + "}";
      } else if (variables.containsKey(variable)) {
        replacement = variables.get(variable).asText();
      } else if (variable.contains(".") && !variable.startsWith("AWS::")) {
        int dot = variable.indexOf('.');
        ArrayNode getAtt = NODES.arrayNode().add(variable.substring(0, dot)).add(variable.substring(dot + 1));
        replacement = getAtt(getAtt).asText();
      } else {
        JsonNode ref = ref(variable);
        replacement = ref.isArray() ? join(",", ref) : ref.asText();
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return NODES.textNode(out.toString());
  }

  private JsonNode join(JsonNode argument) {
    ArrayNode parts = list("Fn::Join", argument, 2);
    String delimiter = resolveText(parts.get(0));
    return NODES.textNode(join(delimiter == null ? "" : delimiter, resolve(parts.get(1))));
  }

  private static String join(String delimiter, JsonNode values) {
    StringBuilder out = new StringBuilder();
    boolean first = true;
    for (JsonNode value : values) {
      if (!first) {
        out.append(delimiter);
      }
      first = false;
      out.append(value.asText());
    }
    return out.toString();
  }

  private JsonNode fnIf(JsonNode argument) {
    ArrayNode parts = list("Fn::If", argument, 3);
    return condition(parts.get(0).asText()) ? resolve(parts.get(1)) : resolve(parts.get(2));
  }

  private JsonNode select(JsonNode argument) {
    ArrayNode parts = list("Fn::Select", argument, 2);
    int index = Integer.parseInt(resolveText(parts.get(0)));
    JsonNode values = resolve(parts.get(1));
    if (index < 0 || index >= values.size()) {
      throw new TemplateException("Fn::Select index " + index + " out of range for " + values);
    }
    return values.get(index);
  }

  private JsonNode findInMap(JsonNode argument) {
    ArrayNode parts = (ArrayNode) argument;
    if (parts.size() < 3) {
      throw new TemplateException("Fn::FindInMap needs [MapName, TopLevelKey, SecondLevelKey]: " + argument);
    }
    String map = resolveText(parts.get(0));
    String top = resolveText(parts.get(1));
    String second = resolveText(parts.get(2));
    JsonNode value = template.path("Mappings").path(map).path(top).path(second);
    if (value.isMissingNode()) {
      if (parts.size() > 3 && parts.get(3).has("DefaultValue")) {
        return resolve(parts.get(3).get("DefaultValue"));
      }
      throw new TemplateException("Fn::FindInMap: no " + map + "." + top + "." + second + " in Mappings");
    }
    return resolve(value);
  }

  private JsonNode split(JsonNode argument) {
    ArrayNode parts = list("Fn::Split", argument, 2);
    String delimiter = resolveText(parts.get(0));
    String source = resolveText(parts.get(1));
    ArrayNode out = NODES.arrayNode();
    for (String item : source.split(Pattern.quote(delimiter), -1)) {
      out.add(item);
    }
    return out;
  }

  private JsonNode azs() {
    ArrayNode out = NODES.arrayNode();
    for (String suffix : new String[] {"a", "b", "c"}) {
      out.add(settings.region() + suffix);
    }
    return out;
  }

  private JsonNode equalsFn(JsonNode argument) {
    ArrayNode parts = list("Fn::Equals", argument, 2);
    JsonNode left = resolve(parts.get(0));
    JsonNode right = resolve(parts.get(1));
    boolean equal = left.isValueNode() && right.isValueNode()
        ? left.asText().equals(right.asText()) : left.equals(right);
    return NODES.booleanNode(equal);
  }

  private JsonNode andOr(JsonNode argument, boolean and) {
    if (!argument.isArray()) {
      throw new TemplateException((and ? "Fn::And" : "Fn::Or") + " needs a list: " + argument);
    }
    for (JsonNode item : argument) {
      boolean value = truth(resolve(item), and ? "Fn::And" : "Fn::Or");
      if (value != and) {
        return NODES.booleanNode(!and);
      }
    }
    return NODES.booleanNode(and);
  }

  private static boolean truth(JsonNode value, String where) {
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isTextual() && (value.asText().equalsIgnoreCase("true") || value.asText().equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(value.asText());
    }
    throw new TemplateException(where + " is not a boolean: " + value);
  }

  private static String textArgument(String function, JsonNode argument) {
    if (!argument.isTextual()) {
      throw new TemplateException(function + " needs a name: " + argument);
    }
    return argument.asText();
  }

  private static ArrayNode list(String function, JsonNode argument, int size) {
    if (!argument.isArray() || argument.size() < size) {
      throw new TemplateException(function + " needs a list of " + size + ": " + argument);
    }
    return (ArrayNode) argument;
  }

  private String secretArn(String name) {
    return "arn:aws:secretsmanager:" + settings.region() + ":" + settings.account() + ":secret:" + name;
  }

  private static String service(String type) {
    String[] parts = type.split("::");
    return parts.length >= 2 ? parts[1].toLowerCase(Locale.ROOT) : "local";
  }

  private static String uuid(String seed) {
    return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static String toJson(JsonNode value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new TemplateException("Fn::ToJsonString: " + e.getMessage(), e);
    }
  }
}
