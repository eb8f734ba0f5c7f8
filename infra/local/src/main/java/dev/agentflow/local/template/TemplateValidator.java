package dev.agentflow.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Offline {@code sam validate}-class checks of a SAM template, with CloudFormation intrinsics understood
 * (short and long forms, read by {@link TemplateYaml}; evaluated by the same {@link IntrinsicResolver} the
 * local cloud deploys with). Nothing is sent anywhere. Problems, each with a code:
 * <ul>
 *   <li>{@link #UNKNOWN_SECTION}, {@link #UNKNOWN_RESOURCE_TYPE}, {@link #MISSING_PROPERTY},
 *       {@link #UNKNOWN_PROPERTY}: against {@link ResourceSpecs} (SAM functions after the Globals merge);
 *   <li>{@link #UNKNOWN_REFERENCE}, {@link #UNKNOWN_ATTRIBUTE}: every {@code Ref}, {@code Fn::GetAtt},
 *       {@code ${…}} of {@code Fn::Sub}, {@code DependsOn} and condition name points at a parameter, pseudo
 *       parameter, resource (with an attribute its type has), SAM referable property ({@code Fn.Alias}) or
 *       condition; {@link #UNRESOLVABLE}: the resolver cannot evaluate a value with the parameter defaults;
 *   <li>{@link #INVALID_PARAMETER}: a Default outside AllowedValues / AllowedPattern;
 *   <li>{@link #WILDCARD_POLICY}: an Allow statement with action {@code *} on resource {@code *} (least
 *       privilege), in any policy document (roles, managed policies, inline SAM policies, key policies);
 *   <li>functions: {@link #RUNTIME} java21, {@link #ARCHITECTURE} arm64, {@link #HANDLER_FORMAT}
 *       {@code pkg.Class::method}, {@link #TIMEOUT} 1–900 s (and at most 30 s behind the HTTP API, its
 *       integration limit), {@link #MEMORY} 128–10240 MB, {@link #SNAPSTART} on published versions with an
 *       alias for the latency-sensitive ones (behind the HTTP or WebSocket API, or invoked by a state machine
 *       role), {@link #UNQUALIFIED_INVOCATION} an API integration, authorizer or permission naming such a
 *       function without its alias (SnapStart only runs published versions), {@link #LOG_GROUP} a log group
 *       {@code /aws/lambda/<function>} with RetentionInDays.
 * </ul>
 *
 * <p>Sources: AWS CloudFormation User Guide ("Template anatomy", "Intrinsic function reference"); AWS SAM
 * Developer Guide ("Globals", "AWS::Serverless::Function": SnapStart, AutoPublishAlias; "Referencing
 * generated resources"); AWS Lambda Developer Guide ("Improving startup performance with Lambda SnapStart":
 * SnapStart applies to published versions and aliases only; quotas: timeout 900 s, memory 128–10240 MB);
 * Amazon API Gateway Developer Guide (HTTP API quotas: integration timeout 30 s).
 */
public final class TemplateValidator {

  public static final String INVALID_TEMPLATE = "INVALID_TEMPLATE";
  public static final String UNKNOWN_SECTION = "UNKNOWN_SECTION";
  public static final String UNKNOWN_RESOURCE_TYPE = "UNKNOWN_RESOURCE_TYPE";
  public static final String MISSING_PROPERTY = "MISSING_PROPERTY";
  public static final String UNKNOWN_PROPERTY = "UNKNOWN_PROPERTY";
  public static final String UNKNOWN_REFERENCE = "UNKNOWN_REFERENCE";
  public static final String UNKNOWN_ATTRIBUTE = "UNKNOWN_ATTRIBUTE";
  public static final String UNRESOLVABLE = "UNRESOLVABLE";
  public static final String INVALID_PARAMETER = "INVALID_PARAMETER";
  public static final String WILDCARD_POLICY = "WILDCARD_POLICY";
  public static final String RUNTIME = "RUNTIME";
  public static final String ARCHITECTURE = "ARCHITECTURE";
  public static final String HANDLER_FORMAT = "HANDLER_FORMAT";
  public static final String TIMEOUT = "TIMEOUT";
  public static final String MEMORY = "MEMORY";
  public static final String SNAPSTART = "SNAPSTART";
  public static final String UNQUALIFIED_INVOCATION = "UNQUALIFIED_INVOCATION";
  public static final String LOG_GROUP = "LOG_GROUP";

  /** The runtime every function must use. */
  public static final String REQUIRED_RUNTIME = "java21";
  /** The architecture every function must use. */
  public static final String REQUIRED_ARCHITECTURE = "arm64";
  /** Longest integration an HTTP API waits for, seconds. */
  public static final int HTTP_API_MAX_TIMEOUT_SECONDS = 30;

  private static final Set<String> SECTIONS = Set.of("AWSTemplateFormatVersion", "Transform", "Description",
      "Metadata", "Parameters", "Rules", "Mappings", "Conditions", "Globals", "Resources", "Outputs");
  private static final Set<String> RESOURCE_KEYS = Set.of("Type", "Properties", "DependsOn", "Condition",
      "Metadata", "DeletionPolicy", "UpdateReplacePolicy", "UpdatePolicy", "CreationPolicy");
  private static final Set<String> PARAMETER_TYPES = Set.of("String", "Number", "CommaDelimitedList",
      "List<Number>");
  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
  private static final Pattern HANDLER = Pattern.compile(
      "[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*::[A-Za-z_$][\\w$]*");
  private static final String FUNCTION = "AWS::Serverless::Function";

  private final JsonNode template;
  private final IntrinsicResolver resolver;
  private final List<TemplateProblem> problems = new ArrayList<>();

  private TemplateValidator(JsonNode template) {
    this.template = template;
    this.resolver = new IntrinsicResolver(template, StackSettings.defaults());
  }

  /**
   * Validates a template file.
   *
   * @return the problems found, empty when none
   * @throws TemplateException when the file cannot be read or is not YAML
   */
  public static List<TemplateProblem> validate(Path path) {
    return validate(TemplateYaml.read(path));
  }

  /**
   * Validates template text (YAML or JSON).
   *
   * @return the problems found, empty when none
   * @throws TemplateException when the text is not YAML
   */
  public static List<TemplateProblem> validateText(String text) {
    return validate(TemplateYaml.parse(text));
  }

  /** Validates a template tree as {@link TemplateYaml} reads it. */
  static List<TemplateProblem> validate(JsonNode template) {
    TemplateValidator validator = new TemplateValidator(template);
    validator.run();
    return List.copyOf(validator.problems);
  }

  private void run() {
    if (!template.path("Resources").isObject() || template.path("Resources").isEmpty()) {
      problem(INVALID_TEMPLATE, "Resources", "a template needs a Resources section with at least one resource");
      return;
    }
    template.fieldNames().forEachRemaining(section -> {
      if (!SECTIONS.contains(section)) {
        problem(UNKNOWN_SECTION, section, "not a template section: " + section);
      }
    });
    parameters();
    references(template, "");
    policies(template, "");
    each(template.path("Resources"), (id, resource) -> resource(id, resource));
    functions();
  }

  // ----- parameters ------------------------------------------------------------------------------------------

  private void parameters() {
    each(template.path("Parameters"), (name, parameter) -> {
      String where = "Parameters." + name;
      String type = parameter.path("Type").asText("");
      if (!PARAMETER_TYPES.contains(type) && !type.startsWith("AWS::") && !type.startsWith("List<AWS::")) {
        problem(INVALID_PARAMETER, where + ".Type", "unknown parameter type '" + type + "'");
      }
      JsonNode defaultValue = parameter.get("Default");
      if (defaultValue == null || !defaultValue.isValueNode()) {
        return;
      }
      String value = defaultValue.asText();
      JsonNode allowed = parameter.get("AllowedValues");
      if (allowed != null && allowed.isArray()) {
        boolean found = false;
        for (JsonNode option : allowed) {
          found |= option.asText().equals(value);
        }
        if (!found) {
          problem(INVALID_PARAMETER, where + ".Default", "Default '" + value + "' is not one of " + allowed);
        }
      }
      JsonNode pattern = parameter.get("AllowedPattern");
      if (pattern != null && !Pattern.compile(pattern.asText()).matcher(value).matches()) {
        problem(INVALID_PARAMETER, where + ".Default", "Default '" + value + "' does not match " + pattern.asText());
      }
    });
  }

  // ----- resources -------------------------------------------------------------------------------------------

  private void resource(String id, JsonNode resource) {
    String where = "Resources." + id;
    resource.fieldNames().forEachRemaining(key -> {
      if (!RESOURCE_KEYS.contains(key)) {
        problem(UNKNOWN_PROPERTY, where + "." + key, "not a resource attribute: " + key);
      }
    });
    String type = resource.path("Type").asText("");
    ResourceSpecs.Spec spec = ResourceSpecs.of(type).orElse(null);
    if (spec == null) {
      problem(UNKNOWN_RESOURCE_TYPE, where + ".Type", "'" + type + "' is not a resource type this project's "
          + "specification knows (ResourceSpecs); add it with its required properties");
      return;
    }
    JsonNode properties = type.equals(FUNCTION)
        ? SamTemplateReader.merge(template.path("Globals").path("Function"), resource.path("Properties"))
        : resource.path("Properties");
    boolean hasBody = properties.has("Body") || properties.has("BodyS3Location");
    for (String required : spec.required()) {
      boolean imageFunction = type.equals(FUNCTION) && properties.path("PackageType").asText("Zip").equals("Image");
      if (imageFunction && !required.equals("Handler")) {
        continue;
      }
      if (hasBody && type.equals("AWS::ApiGatewayV2::Api")) {
        continue;
      }
      if (!properties.has(required)) {
        problem(MISSING_PROPERTY, where + ".Properties." + required, type + " requires " + required);
      }
    }
    properties.fieldNames().forEachRemaining(name -> {
      if (!spec.allowed().contains(name)) {
        problem(UNKNOWN_PROPERTY, where + ".Properties." + name, type + " has no property " + name);
      }
    });
    if (type.equals(FUNCTION)) {
      each(properties.path("Events"), (event, definition) -> {
        String eventType = definition.path("Type").asText("");
        if (!ResourceSpecs.FUNCTION_EVENT_TYPES.contains(eventType)) {
          problem(UNKNOWN_PROPERTY, where + ".Properties.Events." + event + ".Type", "unknown event type '"
              + eventType + "'");
        }
        if (eventType.equals("HttpApi")) {
          definition.path("Properties").fieldNames().forEachRemaining(name -> {
            if (!ResourceSpecs.HTTP_API_EVENT_PROPERTIES.contains(name)) {
              problem(UNKNOWN_PROPERTY, where + ".Properties.Events." + event + ".Properties." + name,
                  "an HttpApi event has no property " + name);
            }
          });
        }
      });
    }
    try {
      resolver.resolve(properties);
    } catch (TemplateException e) {
      problem(UNRESOLVABLE, where + ".Properties", e.getMessage());
    }
  }

  // ----- references ------------------------------------------------------------------------------------------

  private void references(JsonNode node, String where) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        references(node.get(i), where + "[" + i + "]");
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    if (node.size() == 1) {
      String key = node.fieldNames().next();
      JsonNode argument = node.get(key);
      switch (key) {
        case "Ref" -> {
          checkRef(argument.asText(), where);
          return;
        }
        case "Fn::GetAtt" -> {
          checkGetAtt(argument, where);
          return;
        }
        case "Fn::Sub" -> {
          checkSub(argument, where);
          return;
        }
        case "Fn::If" -> checkCondition(argument.path(0).asText(), where);
        case "Condition" -> {
          // the condition function {"Condition": "Name"} (resource and output Condition keys sit beside Type / Value)
          if (argument.isTextual()) {
            checkCondition(argument.asText(), where);
            return;
          }
        }
        default -> { }
      }
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String path = where.isEmpty() ? field.getKey() : where + "." + field.getKey();
      if (where.equals("Parameters") || where.equals("Mappings")) {
        continue;
      }
      if (where.startsWith("Resources.") && where.indexOf('.', "Resources.".length()) < 0) {
        if (field.getKey().equals("DependsOn")) {
          JsonNode dependsOn = field.getValue();
          for (JsonNode target : dependsOn.isArray() ? dependsOn : List.of(dependsOn)) {
            if (!template.path("Resources").has(target.asText())) {
              problem(UNKNOWN_REFERENCE, path, "DependsOn names no resource: " + target.asText());
            }
          }
          continue;
        }
        if (field.getKey().equals("Condition")) {
          checkCondition(field.getValue().asText(), path);
          continue;
        }
      }
      references(field.getValue(), path);
    }
  }

  private void checkRef(String name, String where) {
    if (name.startsWith("AWS::")) {
      if (!Set.of("AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition", "AWS::Region",
          "AWS::StackId", "AWS::StackName", "AWS::URLSuffix").contains(name)) {
        problem(UNKNOWN_REFERENCE, where, "unknown pseudo parameter " + name);
      }
      return;
    }
    if (template.path("Parameters").has(name) || template.path("Resources").has(name)) {
      return;
    }
    if (name.contains(".") && resolver.samReference(name) != null) {
      return;
    }
    problem(UNKNOWN_REFERENCE, where, "Ref names no parameter or resource: " + name
        + (name.contains(".") ? " (X.Alias / X.Version need a function with AutoPublishAlias)" : ""));
  }

  private void checkGetAtt(JsonNode argument, String where) {
    String logicalId;
    String attribute;
    if (argument.isArray() && argument.size() == 2 && argument.get(0).isTextual()) {
      logicalId = argument.get(0).asText();
      attribute = argument.get(1).isTextual() ? argument.get(1).asText() : null;
    } else {
      problem(UNKNOWN_REFERENCE, where, "Fn::GetAtt needs [LogicalId, Attribute]: " + argument);
      return;
    }
    checkAttribute(logicalId, attribute, where);
  }

  private void checkAttribute(String logicalId, String attribute, String where) {
    JsonNode resource = template.path("Resources").get(logicalId);
    if (resource == null) {
      problem(UNKNOWN_REFERENCE, where, "Fn::GetAtt names no resource: " + logicalId);
      return;
    }
    if (attribute == null || resolver.samReference(logicalId + "." + attribute) != null) {
      return;
    }
    ResourceSpecs.of(resource.path("Type").asText()).ifPresent(spec -> {
      String first = attribute.contains(".") ? attribute.substring(0, attribute.indexOf('.')) : attribute;
      if (!spec.attributes().contains(attribute) && !spec.attributes().contains(first)) {
        problem(UNKNOWN_ATTRIBUTE, where, resource.path("Type").asText() + " " + logicalId + " has no attribute "
            + attribute + " (it has " + spec.attributes() + ")");
      }
    });
  }

  private void checkSub(JsonNode argument, String where) {
    String text;
    Set<String> local = new LinkedHashSet<>();
    if (argument.isTextual()) {
      text = argument.asText();
    } else if (argument.isArray() && argument.size() == 2 && argument.get(0).isTextual()) {
      text = argument.get(0).asText();
      argument.get(1).fieldNames().forEachRemaining(local::add);
      references(argument.get(1), where + "[1]");
    } else {
      problem(UNKNOWN_REFERENCE, where, "Fn::Sub needs a string or [string, {variables}]: " + argument);
      return;
    }
    Matcher matcher = SUB_VARIABLE.matcher(text);
    while (matcher.find()) {
      String variable = matcher.group(1);
      if (variable.startsWith("!") || local.contains(variable)) {
        continue;
      }
      if (variable.contains(".") && !variable.startsWith("AWS::")) {
        int dot = variable.indexOf('.');
        checkAttribute(variable.substring(0, dot), variable.substring(dot + 1), where);
      } else {
        checkRef(variable, where);
      }
    }
  }

  private void checkCondition(String name, String where) {
    if (!template.path("Conditions").has(name)) {
      problem(UNKNOWN_REFERENCE, where, "no condition named " + name);
    }
  }

  // ----- least privilege -------------------------------------------------------------------------------------

  private void policies(JsonNode node, String where) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        policies(node.get(i), where + "[" + i + "]");
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    JsonNode statements = node.get("Statement");
    if (statements != null && (statements.isArray() || statements.isObject())) {
      int i = 0;
      for (JsonNode statement : statements.isArray() ? statements : List.of(statements)) {
        if (statement.path("Effect").asText("").equals("Allow") && wildcard(statement.get("Action"))
            && wildcard(statement.get("Resource"))) {
          problem(WILDCARD_POLICY, where + ".Statement[" + i + "]",
              "Allow of action * on resource *: name the actions and resources");
        }
        i++;
      }
    }
    node.fields().forEachRemaining(e -> policies(e.getValue(), where.isEmpty() ? e.getKey() : where + "." + e.getKey()));
  }

  private static boolean wildcard(JsonNode value) {
    if (value == null) {
      return false;
    }
    if (value.isTextual()) {
      return value.asText().equals("*");
    }
    for (JsonNode item : value) {
      if (item.isTextual() && item.asText().equals("*")) {
        return true;
      }
    }
    return false;
  }

  // ----- functions -------------------------------------------------------------------------------------------

  private void functions() {
    Set<String> latencySensitive = latencySensitiveFunctions();
    each(template.path("Resources"), (id, resource) -> {
      if (!resource.path("Type").asText().equals(FUNCTION)) {
        return;
      }
      String where = "Resources." + id + ".Properties";
      JsonNode p = SamTemplateReader.merge(template.path("Globals").path("Function"), resource.path("Properties"));
      String runtime = text(p.get("Runtime"));
      if (!REQUIRED_RUNTIME.equals(runtime)) {
        problem(RUNTIME, where + ".Runtime", "Runtime is " + runtime + ", must be " + REQUIRED_RUNTIME);
      }
      JsonNode architectures = resolve(p.get("Architectures"));
      if (architectures == null || architectures.size() != 1
          || !REQUIRED_ARCHITECTURE.equals(architectures.get(0).asText())) {
        problem(ARCHITECTURE, where + ".Architectures", "Architectures is " + architectures + ", must be ["
            + REQUIRED_ARCHITECTURE + "]");
      }
      String handler = text(p.get("Handler"));
      if (handler != null && !HANDLER.matcher(handler).matches()) {
        problem(HANDLER_FORMAT, where + ".Handler", "Handler '" + handler + "' is not package.Class::method");
      }
      Integer timeout = number(p.get("Timeout"), where + ".Timeout");
      int seconds = timeout == null ? FunctionSpec.DEFAULT_TIMEOUT_SECONDS : timeout;
      if (seconds < 1 || seconds > 900) {
        problem(TIMEOUT, where + ".Timeout", "Timeout " + seconds + " s is outside 1–900");
      }
      if (hasEvent(p, "HttpApi") && seconds > HTTP_API_MAX_TIMEOUT_SECONDS) {
        problem(TIMEOUT, where + ".Timeout", "Timeout " + seconds + " s exceeds the HTTP API's "
            + HTTP_API_MAX_TIMEOUT_SECONDS + " s integration limit: callers would get 503 while it still runs");
      }
      Integer memory = number(p.get("MemorySize"), where + ".MemorySize");
      if (memory != null && (memory < 128 || memory > 10240)) {
        problem(MEMORY, where + ".MemorySize", "MemorySize " + memory + " MB is outside 128–10240");
      }
      if (latencySensitive.contains(id) && !snapStart(p)) {
        problem(SNAPSTART, where + ".SnapStart", id + " serves callers who wait (API, WebSocket or state machine "
            + "task): it needs SnapStart {ApplyOn: PublishedVersions} and AutoPublishAlias");
      }
      if (!hasLogGroup(id, p)) {
        problem(LOG_GROUP, "Resources." + id, "no AWS::Logs::LogGroup named /aws/lambda/${" + id
            + "} (or LoggingConfig.LogGroup) with RetentionInDays: its logs would be kept forever");
      }
    });
    unqualifiedInvocations();
  }

  /** Functions behind an HTTP API event, an API Gateway integration or authorizer, or a state machine role. */
  private Set<String> latencySensitiveFunctions() {
    Set<String> out = new LinkedHashSet<>();
    each(template.path("Resources"), (id, resource) -> {
      String type = resource.path("Type").asText();
      JsonNode p = resource.path("Properties");
      if (type.equals(FUNCTION) && (hasEvent(p, "HttpApi") || hasEvent(p, "Api"))) {
        out.add(id);
      } else if (type.equals("AWS::ApiGatewayV2::Integration")) {
        out.addAll(functionsReferenced(p.path("IntegrationUri")));
      } else if (type.equals("AWS::ApiGatewayV2::Authorizer")) {
        out.addAll(functionsReferenced(p.path("AuthorizerUri")));
      } else if (type.equals("AWS::IAM::Role") && p.path("AssumeRolePolicyDocument").toString()
          .contains("states.amazonaws.com")) {
        out.addAll(functionsReferenced(p.path("Policies")));
      }
    });
    return out;
  }

  private void unqualifiedInvocations() {
    each(template.path("Resources"), (id, resource) -> {
      String type = resource.path("Type").asText();
      String property = switch (type) {
        case "AWS::ApiGatewayV2::Integration" -> "IntegrationUri";
        case "AWS::ApiGatewayV2::Authorizer" -> "AuthorizerUri";
        case "AWS::Lambda::Permission" -> "FunctionName";
        default -> null;
      };
      if (property == null) {
        return;
      }
      JsonNode value = resource.path("Properties").path(property);
      for (String function : functionsReferencedUnqualified(value)) {
        JsonNode fn = template.path("Resources").path(function);
        JsonNode p = SamTemplateReader.merge(template.path("Globals").path("Function"), fn.path("Properties"));
        if (snapStart(p)) {
          problem(UNQUALIFIED_INVOCATION, "Resources." + id + ".Properties." + property, property + " names "
              + function + " without its alias, so callers run $LATEST and never get SnapStart: use ${"
              + function + ".Alias} (or !Ref " + function + ".Alias)");
        }
      }
    });
  }

  private static boolean hasEvent(JsonNode functionProperties, String eventType) {
    for (JsonNode event : functionProperties.path("Events")) {
      if (event.path("Type").asText().equals(eventType)) {
        return true;
      }
    }
    return false;
  }

  private boolean snapStart(JsonNode p) {
    JsonNode snapStart = resolve(p.get("SnapStart"));
    return snapStart != null && "PublishedVersions".equals(snapStart.path("ApplyOn").asText())
        && text(p.get("AutoPublishAlias")) != null;
  }

  private boolean hasLogGroup(String functionId, JsonNode p) {
    String expected = "/aws/lambda/" + resolver.physicalName(functionId);
    String configured = text(p.path("LoggingConfig").get("LogGroup"));
    boolean[] found = {false};
    each(template.path("Resources"), (id, resource) -> {
      if (!resource.path("Type").asText().equals("AWS::Logs::LogGroup")) {
        return;
      }
      JsonNode lp = resource.path("Properties");
      String name = text(lp.get("LogGroupName"));
      boolean matches = expected.equals(name) || (configured != null && configured.equals(name));
      if (matches && lp.has("RetentionInDays")) {
        found[0] = true;
      }
    });
    return found[0];
  }

  /** Logical ids of functions a value names (Ref, GetAtt, ${X.Arn}, ${X.Alias}…). */
  private Set<String> functionsReferenced(JsonNode value) {
    Set<String> out = new LinkedHashSet<>();
    for (String reference : referencesIn(value)) {
      String id = reference.contains(".") ? reference.substring(0, reference.indexOf('.')) : reference;
      if (template.path("Resources").path(id).path("Type").asText().equals(FUNCTION)) {
        out.add(id);
      }
    }
    return out;
  }

  /** Logical ids of functions a value names other than through their alias or version. */
  private Set<String> functionsReferencedUnqualified(JsonNode value) {
    Set<String> out = new LinkedHashSet<>();
    for (String reference : referencesIn(value)) {
      if (reference.endsWith(".Alias") || reference.endsWith(".Version")) {
        continue;
      }
      String id = reference.contains(".") ? reference.substring(0, reference.indexOf('.')) : reference;
      if (template.path("Resources").path(id).path("Type").asText().equals(FUNCTION)) {
        out.add(id);
      }
    }
    return out;
  }

  /** Every reference in a value: {@code Ref} names, {@code GetAtt} as {@code Id.Attr}, {@code Sub} variables. */
  private static List<String> referencesIn(JsonNode value) {
    List<String> out = new ArrayList<>();
    collectReferences(value, out);
    return out;
  }

  private static void collectReferences(JsonNode node, List<String> out) {
    if (node == null) {
      return;
    }
    if (node.isArray()) {
      node.forEach(item -> collectReferences(item, out));
      return;
    }
    if (!node.isObject()) {
      return;
    }
    if (node.size() == 1) {
      String key = node.fieldNames().next();
      JsonNode argument = node.get(key);
      if (key.equals("Ref")) {
        out.add(argument.asText());
        return;
      }
      if (key.equals("Fn::GetAtt") && argument.isArray() && argument.size() == 2) {
        out.add(argument.get(0).asText() + "." + argument.get(1).asText());
        return;
      }
      if (key.equals("Fn::Sub")) {
        String text = argument.isArray() ? argument.path(0).asText() : argument.asText();
        Matcher matcher = SUB_VARIABLE.matcher(text);
        while (matcher.find()) {
          if (!matcher.group(1).startsWith("!")) {
            out.add(matcher.group(1));
          }
        }
        if (argument.isArray()) {
          collectReferences(argument.path(1), out);
        }
        return;
      }
    }
    node.forEach(item -> collectReferences(item, out));
  }

  // ----- helpers ---------------------------------------------------------------------------------------------

  private JsonNode resolve(JsonNode value) {
    if (value == null) {
      return null;
    }
    try {
      JsonNode resolved = resolver.resolve(value);
      return resolved.isMissingNode() ? null : resolved;
    } catch (TemplateException e) {
      return null;
    }
  }

  private String text(JsonNode value) {
    JsonNode resolved = resolve(value);
    return resolved == null || resolved.isNull() ? null : resolved.isValueNode() ? resolved.asText() : resolved.toString();
  }

  private Integer number(JsonNode value, String where) {
    String text = text(value);
    if (text == null) {
      return null;
    }
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      problem(UNRESOLVABLE, where, "not a whole number: " + text);
      return null;
    }
  }

  private void problem(String code, String where, String message) {
    problems.add(new TemplateProblem(code, where, message));
  }

  private static void each(JsonNode object, java.util.function.BiConsumer<String, JsonNode> action) {
    object.fields().forEachRemaining(e -> action.accept(e.getKey(), e.getValue()));
  }
}
