package dev.agentflow.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The IAM statements each function of a SAM template runs with, resolved the way the local cloud resolves the
 * template, and a small evaluator: a request is allowed when an Allow statement matches its action and
 * resource and no Deny does (IAM policy evaluation logic for identity-based policies of one account;
 * conditions are not evaluated, so a statement with a Condition counts as matching — tests must not rely on
 * conditions to deny).
 *
 * <p>A function's statements come from its {@code Policies} (Globals merged): inline
 * {@code {Statement: […]}}, {@code !Ref} of an {@code AWS::IAM::ManagedPolicy} of the template, and SAM policy
 * templates expanded as SAM expands them (AWS SAM Developer Guide, "AWS SAM policy templates"; the
 * expansions below restate {@code policy_templates.json} for the templates this project uses) — and from an
 * {@code AWS::IAM::Role} it names in {@code Role}. Anything else is reported, not guessed.
 */
final class IamPolicies {

  /**
   * One statement.
   *
   * @param allow Allow (true) or Deny
   * @param actions action patterns, e.g. {@code dynamodb:GetItem}, {@code kms:*}
   * @param resources resource ARN patterns
   */
  record Statement(boolean allow, List<String> actions, List<String> resources) {}

  private final JsonNode template;
  private final IntrinsicResolver resolver;
  private final StackSettings settings;
  private final List<String> problems = new ArrayList<>();

  private IamPolicies(JsonNode template, StackSettings settings) {
    this.template = template;
    this.settings = settings;
    this.resolver = new IntrinsicResolver(template, settings);
  }

  /**
   * The statements of every function, by function name.
   *
   * @param problems receives what could not be expanded (unknown policy templates, managed policy names)
   */
  static Map<String, List<Statement>> ofFunctions(JsonNode template, StackSettings settings, List<String> problems) {
    IamPolicies p = new IamPolicies(template, settings);
    Map<String, List<Statement>> out = new LinkedHashMap<>();
    template.path("Resources").fields().forEachRemaining(e -> {
      String type = e.getValue().path("Type").asText();
      if (!type.equals("AWS::Serverless::Function") && !type.equals("AWS::Lambda::Function")) {
        return;
      }
      JsonNode properties = type.equals("AWS::Serverless::Function")
          ? SamTemplateReader.merge(template.path("Globals").path("Function"), e.getValue().path("Properties"))
          : e.getValue().path("Properties");
      out.put(p.resolver.physicalName(e.getKey()), p.statements(e.getKey(), properties));
    });
    problems.addAll(p.problems);
    return out;
  }

  /** Whether the statements allow {@code action} on {@code resource}. */
  static boolean allowed(List<Statement> statements, String action, String resource) {
    boolean allow = false;
    for (Statement s : statements) {
      boolean matches = s.actions().stream().anyMatch(a -> matches(a, action, true))
          && s.resources().stream().anyMatch(r -> matches(r, resource, false));
      if (matches && !s.allow()) {
        return false;
      }
      allow |= matches;
    }
    return allow;
  }

  /** IAM wildcard match: {@code *} any run of characters, {@code ?} one; actions ignore case. */
  static boolean matches(String pattern, String value, boolean ignoreCase) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0).matcher(value).matches();
  }

  private List<Statement> statements(String logicalId, JsonNode properties) {
    List<Statement> out = new ArrayList<>();
    JsonNode policies = properties.path("Policies");
    for (JsonNode policy : policies.isArray() ? policies : List.of(policies)) {
      if (policy.isMissingNode()) {
        continue;
      }
      policy(logicalId, policy, out);
    }
    JsonNode role = properties.get("Role");
    if (role != null) {
      String roleId = role.has("Fn::GetAtt") ? role.get("Fn::GetAtt").path(0).asText() : role.path("Ref").asText(null);
      JsonNode roleResource = roleId == null ? null : template.path("Resources").get(roleId);
      if (roleResource == null) {
        problems.add(logicalId + ": Role " + role + " is not a role of this template");
      } else {
        for (JsonNode inline : roleResource.path("Properties").path("Policies")) {
          document(inline.path("PolicyDocument"), out);
        }
        for (JsonNode managed : roleResource.path("Properties").path("ManagedPolicyArns")) {
          policy(logicalId, managed, out);
        }
      }
    }
    return out;
  }

  private void policy(String logicalId, JsonNode policy, List<Statement> out) {
    if (policy.isTextual()) {
      problems.add(logicalId + ": managed policy '" + policy.asText() + "' cannot be evaluated offline");
      return;
    }
    if (policy.has("Statement")) {
      document(policy, out);
      return;
    }
    if (policy.has("Ref")) {
      JsonNode target = template.path("Resources").get(policy.get("Ref").asText());
      if (target != null && target.path("Type").asText().equals("AWS::IAM::ManagedPolicy")) {
        document(target.path("Properties").path("PolicyDocument"), out);
      } else {
        problems.add(logicalId + ": policy " + policy + " is not a managed policy of this template");
      }
      return;
    }
    if (policy.size() != 1) {
      problems.add(logicalId + ": unreadable policy " + policy);
      return;
    }
    String name = policy.fieldNames().next();
    JsonNode parameters = policy.get(name);
    String arn = ":" + settings.region() + ":" + settings.account() + ":";
    switch (name) {
      case "DynamoDBCrudPolicy" -> table(out, parameters, "GetItem", "DeleteItem", "PutItem", "Scan", "Query",
          "UpdateItem", "BatchWriteItem", "BatchGetItem", "DescribeTable", "ConditionCheckItem");
      case "DynamoDBReadPolicy" -> table(out, parameters, "GetItem", "Scan", "Query", "BatchGetItem", "DescribeTable");
      case "DynamoDBWritePolicy" -> table(out, parameters, "PutItem", "UpdateItem", "BatchWriteItem");
      case "KMSDecryptPolicy" -> out.add(new Statement(true, List.of("kms:Decrypt"),
          List.of("arn:aws:kms" + arn + "key/" + parameter(parameters, "KeyId"))));
      case "KMSEncryptPolicy" -> out.add(new Statement(true, List.of("kms:Encrypt"),
          List.of("arn:aws:kms" + arn + "key/" + parameter(parameters, "KeyId"))));
      case "AWSSecretsManagerGetSecretValuePolicy" -> out.add(new Statement(true,
          List.of("secretsmanager:GetSecretValue"), List.of(parameter(parameters, "SecretArn"))));
      case "StepFunctionsExecutionPolicy" -> out.add(new Statement(true, List.of("states:StartExecution"),
          List.of("arn:aws:states" + arn + "stateMachine:" + parameter(parameters, "StateMachineName"))));
      case "LambdaInvokePolicy" -> out.add(new Statement(true, List.of("lambda:InvokeFunction"),
          List.of("arn:aws:lambda" + arn + "function:" + parameter(parameters, "FunctionName") + "*")));
      default -> problems.add(logicalId + ": SAM policy template " + name + " is not expanded by this check; add "
          + "its expansion (policy_templates.json) to IamPolicies");
    }
  }

  private void table(List<Statement> out, JsonNode parameters, String... actions) {
    String table = "arn:aws:dynamodb:" + settings.region() + ":" + settings.account() + ":table/"
        + parameter(parameters, "TableName");
    List<String> names = new ArrayList<>();
    for (String action : actions) {
      names.add("dynamodb:" + action);
    }
    out.add(new Statement(true, names, List.of(table, table + "/index/*")));
  }

  private String parameter(JsonNode parameters, String name) {
    String value = resolver.resolveText(parameters.path(name));
    if (value == null) {
      problems.add("policy template parameter " + name + " missing in " + parameters);
      return "<missing>";
    }
    return value;
  }

  private void document(JsonNode document, List<Statement> out) {
    JsonNode resolved = resolver.resolve(document);
    JsonNode statements = resolved.path("Statement");
    for (JsonNode s : statements.isArray() ? statements : List.of(statements)) {
      if (s.has("NotAction") || s.has("NotResource")) {
        problems.add("NotAction / NotResource are not evaluated: " + s);
        continue;
      }
      out.add(new Statement(s.path("Effect").asText().toLowerCase(Locale.ROOT).equals("allow"),
          texts(s.get("Action")), texts(s.get("Resource"))));
    }
  }

  private static List<String> texts(JsonNode value) {
    List<String> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    if (value.isArray()) {
      value.forEach(v -> out.add(v.asText()));
    } else {
      out.add(value.asText());
    }
    return out;
  }
}
