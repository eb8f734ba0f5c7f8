package dev.agentflow.local.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.local.apigw.HttpApiRoute;
import dev.agentflow.local.apigw.HttpApiRoutes;
import dev.agentflow.local.apigw.ws.WebSocketApiReader;
import dev.agentflow.local.apigw.ws.WebSocketApiSpec;
import dev.agentflow.local.template.EventRuleSpec;
import dev.agentflow.local.template.FunctionSpec;
import dev.agentflow.local.template.KmsAliasSpec;
import dev.agentflow.local.template.KmsKeySpec;
import dev.agentflow.local.template.SamTemplate;
import dev.agentflow.local.template.SamTemplateReader;
import dev.agentflow.local.template.SecretSpec;
import dev.agentflow.local.template.SecurityResources;
import dev.agentflow.local.template.StackSettings;
import dev.agentflow.local.template.TableSpec;
import dev.agentflow.local.template.TemplateYaml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * template.yaml as a flat, ordered deployment plan for tools that create the stack with plain API calls instead
 * of CloudFormation (infra/localstack/deploy.sh, with the AWS CLI): the same resources, resolved by the same
 * reader the embedded local cloud uses, so the two cannot drift apart. One line per resource, fields separated
 * by a tab, JSON fields compact (no tab or newline inside a field); {@code -} for "none":
 * <pre>
 * table     NAME  CREATE_TABLE_JSON (aws dynamodb create-table --cli-input-json)  TTL_ATTRIBUTE
 * key       KEY_ID  DESCRIPTION
 * alias     ALIAS_NAME  TARGET_KEY_ID
 * secret    NAME  SECRET_STRING ({@code -}: GenerateSecretString, the deploy script makes a random one)
 * role      NAME  ASSUME_ROLE_POLICY_JSON
 * role-policy  ROLE_NAME  POLICY_NAME  POLICY_DOCUMENT_JSON
 * function  NAME  HANDLER  RUNTIME  MEMORY_MB  TIMEOUT_S  CODE_URI  ALIAS  ENVIRONMENT_JSON ({"Variables": …})
 * http-api  NAME  JWT_ISSUER  JWT_AUDIENCE
 * http-route  ROUTE_KEY  FUNCTION  AUTHORIZED (true|false)
 * ws-api    NAME  ROUTE_SELECTION_EXPRESSION  STAGE
 * ws-route  ROUTE_KEY  FUNCTION  AUTHORIZER_FUNCTION
 * rule      NAME  EVENT_PATTERN_JSON  FUNCTION
 * </pre>
 * Functions name their published alias ({@code AutoPublishAlias}); callers (routes, rules, the API's node
 * function ARNs) use it. Roles other than functions' own (SAM generates those) are listed: the state machine
 * role. {@code extraEnvironment} is added to every function (e.g. {@code AWS_ENDPOINT_URL} for LocalStack).
 */
public final class DeploymentPlan {

  private static final ObjectMapper JSON = new ObjectMapper();

  private DeploymentPlan() {}

  /**
   * The plan of a template.
   *
   * @param templatePath template.yaml
   * @param settings region, account, stack name, parameter overrides
   * @param extraEnvironment variables added to every function's environment
   * @return the plan lines, in creation order
   * @throws dev.agentflow.local.template.TemplateException when the template cannot be read or resolved
   */
  public static List<String> lines(Path templatePath, StackSettings settings, Map<String, String> extraEnvironment) {
    SamTemplate template = SamTemplateReader.read(templatePath, settings);
    SecurityResources security = SecurityResources.read(templatePath, settings);
    Map<String, JsonNode> resources = SamTemplateReader.resolvedResources(templatePath, settings);
    JsonNode tree = TemplateYaml.read(templatePath);
    List<String> out = new ArrayList<>();
    for (TableSpec table : template.tables()) {
      out.add(line("table", table.tableName(), table.createTableRequest().toString(), dash(table.ttlAttribute())));
    }
    for (KmsKeySpec key : security.keys()) {
      out.add(line("key", key.keyId(), key.description()));
    }
    for (KmsAliasSpec alias : security.aliases()) {
      out.add(line("alias", alias.aliasName(), alias.targetKeyId()));
    }
    for (SecretSpec secret : security.secrets()) {
      out.add(line("secret", secret.name(), secret.generated() ? "-" : secret.secretString()));
    }
    resources.forEach((id, resource) -> {
      if (resource.path("Type").asText().equals("AWS::IAM::Role")) {
        JsonNode p = resource.path("Properties");
        String role = resource.path("PhysicalName").asText();
        out.add(line("role", role, p.path("AssumeRolePolicyDocument").toString()));
        for (JsonNode policy : p.path("Policies")) {
          out.add(line("role-policy", role, policy.path("PolicyName").asText(), policy.path("PolicyDocument").toString()));
        }
      }
    });
    for (FunctionSpec f : template.functions()) {
      ObjectNode env = JSON.createObjectNode();
      ObjectNode variables = env.putObject("Variables");
      f.environment().forEach(variables::put);
      extraEnvironment.forEach(variables::put);
      JsonNode alias = resources.get(f.logicalId()).path("Properties").path("AutoPublishAlias");
      out.add(line("function", f.functionName(), f.handler(), f.runtime(), Integer.toString(f.memorySizeMb()),
          Integer.toString(f.timeoutSeconds()), f.codeUri(), alias.isTextual() ? alias.asText() : "-", env.toString()));
    }
    resources.forEach((id, resource) -> {
      if (resource.path("Type").asText().equals("AWS::Serverless::HttpApi")) {
        JsonNode jwt = firstAuthorizer(resource.path("Properties").path("Auth")).path("JwtConfiguration");
        JsonNode audience = jwt.path("audience");
        out.add(line("http-api", resource.path("PhysicalName").asText(), dash(jwt.path("issuer").asText(null)),
            dash(audience.isArray() && !audience.isEmpty() ? audience.get(0).asText() : null)));
      }
    });
    for (HttpApiRoute route : HttpApiRoutes.fromJson(tree, template)) {
      out.add(line("http-route", route.routeKey(), route.functionName(), Boolean.toString(route.authorized())));
    }
    WebSocketApiReader.fromJson(tree, template).ifPresent(ws -> {
      JsonNode api = resources.get(ws.apiId());
      out.add(line("ws-api", api.path("PhysicalName").asText(), ws.routeSelectionExpression(), ws.stage()));
      ws.routes().values().stream().sorted((a, b) -> a.routeKey().compareTo(b.routeKey()))
          .forEach(r -> out.add(line("ws-route", r.routeKey(), r.functionName(), dash(r.authorizerFunction()))));
    });
    for (EventRuleSpec rule : template.eventRules()) {
      String arn = rule.targets().isEmpty() ? "-" : rule.targets().get(0).arn();
      out.add(line("rule", rule.name(), rule.eventPattern().toString(), arn.substring(arn.lastIndexOf(':') + 1)));
    }
    return out;
  }

  private static JsonNode firstAuthorizer(JsonNode auth) {
    JsonNode authorizers = auth.path("Authorizers");
    String name = auth.path("DefaultAuthorizer").asText(null);
    if (name != null && authorizers.has(name)) {
      return authorizers.get(name);
    }
    return authorizers.isObject() && authorizers.size() > 0 ? authorizers.elements().next() : JSON.createObjectNode();
  }

  private static String line(String kind, String... fields) {
    StringBuilder b = new StringBuilder(kind);
    for (String field : fields) {
      if (field.indexOf('\t') >= 0 || field.indexOf('\n') >= 0) {
        throw new IllegalArgumentException(kind + ": a field holds a tab or newline: " + field);
      }
      b.append('\t').append(field.isEmpty() ? "-" : field);
    }
    return b.toString();
  }

  private static String dash(String value) {
    return value == null || value.isEmpty() ? "-" : value;
  }

}
