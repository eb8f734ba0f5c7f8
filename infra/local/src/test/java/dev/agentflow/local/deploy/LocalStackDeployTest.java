package dev.agentflow.local.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentflow.local.apigw.HttpApiRoute;
import dev.agentflow.local.apigw.HttpApiRoutes;
import dev.agentflow.local.apigw.ws.WebSocketApiReader;
import dev.agentflow.local.apigw.ws.WebSocketApiSpec;
import dev.agentflow.local.template.FunctionSpec;
import dev.agentflow.local.template.SamTemplate;
import dev.agentflow.local.template.SamTemplateReader;
import dev.agentflow.local.template.StackSettings;
import dev.agentflow.local.template.TableSpec;
import dev.agentflow.local.template.TemplateYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What can be checked of infra/localstack without Docker: the deployment plan that deploy.sh reads holds every
 * resource of template.yaml, and deploy.sh, run dry (DRY_RUN=1 prints each AWS CLI call instead of making it),
 * turns each into the calls that create it, in an order where every reference exists, and prints the endpoints.
 * Whether LocalStack accepts those calls is for {@code LocalStackScenariosTest}, where Docker exists.
 */
class LocalStackDeployTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final StackSettings LOCALSTACK = new StackSettings("us-east-1", "000000000000", "agentflow-localstack",
      Map.of("JwtIssuer", "https://issuer.example", "JwtAudience", "client-1"));

  private static Path root;
  private static Path templatePath;
  private static SamTemplate template;
  private static List<String[]> plan;

  @BeforeAll
  static void readPlan() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("infra/localstack/deploy.sh"))) {
        root = dir;
        break;
      }
    }
    templatePath = root.resolve("template.yaml");
    template = SamTemplateReader.read(templatePath, LOCALSTACK);
    plan = DeploymentPlan.lines(templatePath, LOCALSTACK, Map.of("AWS_ENDPOINT_URL", "http://localhost.localstack.cloud:4566"))
        .stream().map(l -> l.split("\t", -1)).toList();
  }

  private static List<String[]> kind(String kind) {
    return plan.stream().filter(l -> l[0].equals(kind)).toList();
  }

  @Test
  void plan_shouldHoldEveryResourceOfTheTemplate() throws IOException {
    assertEquals(template.tables().stream().map(TableSpec::tableName).sorted().toList(),
        kind("table").stream().map(l -> l[1]).sorted().toList());
    for (String[] table : kind("table")) {
      assertEquals(table[1], JSON.readTree(table[2]).path("TableName").asText());
    }
    assertEquals(template.functions().stream().map(FunctionSpec::functionName).toList(),
        kind("function").stream().map(l -> l[1]).toList());
    for (String[] f : kind("function")) {
      FunctionSpec spec = template.function(f[1]).orElseThrow();
      assertEquals(List.of(spec.handler(), "java21", spec.codeUri(), "live"), List.of(f[2], f[3], f[6], f[7]));
      JsonNode env = JSON.readTree(f[8]).path("Variables");
      assertEquals("http://localhost.localstack.cloud:4566", env.path("AWS_ENDPOINT_URL").asText(), f[1]);
      spec.environment().forEach((k, v) -> assertEquals(v, env.path(k).asText(), f[1] + " " + k));
    }
    JsonNode tree = TemplateYaml.read(templatePath);
    assertEquals(HttpApiRoutes.fromJson(tree, template).stream().map(HttpApiRoute::routeKey).sorted().toList(),
        kind("http-route").stream().map(l -> l[1]).sorted().toList());
    WebSocketApiSpec ws = WebSocketApiReader.fromJson(tree, template).orElseThrow();
    assertEquals(ws.routes().keySet().stream().sorted().toList(), kind("ws-route").stream().map(l -> l[1]).toList());
    assertEquals(List.of("ws-api", "agentflow-localstack-realtime", "$request.body.type", "v1"), List.of(kind("ws-api").get(0)));
    assertEquals(List.of("http-api", "HttpApi", "https://issuer.example", "client-1"), List.of(kind("http-api").get(0)));
    assertEquals(template.eventRules().size(), kind("rule").size());
    assertEquals("ExecutionStatusFunction", kind("rule").get(0)[3]);
    assertEquals(List.of("WorkflowStateMachineRole", "WorkflowSchedulerRole"), kind("role").stream().map(l -> l[1]).toList());
    assertTrue(kind("role-policy").get(0)[3].contains("NodeLlmFunction"), "the state machine role may invoke the nodes");
    assertEquals(1, kind("key").size());
    assertEquals("alias/agentflow-localstack-api-keys", kind("alias").get(0)[1]);
    assertEquals(kind("key").get(0)[1], kind("alias").get(0)[2]);
    assertEquals("agentflow/platform-llm-key", kind("secret").get(0)[1]);
    // a GenerateSecretString secret is generated by the script, so the plan stays the same from run to run
    assertEquals(List.of("WebhookSigningKey", "-"), List.of(kind("secret").get(1)[1], kind("secret").get(1)[2]));
  }

  @Test
  void deployScript_dryRun_shouldCreateEveryPlannedResourceAndPrintTheEndpoints(@TempDir Path dir) throws Exception {
    Path planFile = dir.resolve("plan.tsv");
    Files.write(planFile, plan.stream().map(l -> String.join("\t", l)).toList(), StandardCharsets.UTF_8);
    ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("infra/localstack/deploy.sh").toString()).directory(root.toFile());
    pb.environment().put("DRY_RUN", "1");
    pb.environment().put("PLAN_FILE", planFile.toString());
    Process process = pb.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), err);
    // the calls, shell quoting removed
    List<String> calls = err.lines().filter(l -> l.startsWith("aws ")).map(l -> l.replace("\\", "")).toList();

    assertEquals(template.tables().size(), count(calls, "aws dynamodb create-table "));
    assertEquals(template.tables().stream().filter(t -> t.ttlAttribute() != null).count(),
        count(calls, "aws dynamodb update-time-to-live "));
    for (FunctionSpec f : template.functions()) {
      assertTrue(calls.stream().anyMatch(c -> c.startsWith("aws lambda create-function --function-name " + f.functionName() + " ")
          && c.contains("--zip-file fileb://" + root.resolve(f.codeUri())) && c.contains("--handler " + f.handler())),
          () -> f.functionName() + " not created from its jar: " + calls);
      assertTrue(calls.stream().anyMatch(c -> c.startsWith("aws lambda create-alias --function-name " + f.functionName()
          + " --name live ")), f.functionName());
    }
    long routes = kind("http-route").size() + kind("ws-route").size();
    assertEquals(routes, count(calls, "aws apigatewayv2 create-route "));
    for (String[] route : kind("http-route")) {
      // authorized routes carry the JWT authorizer; the webhook route (Auth: NONE) none
      boolean authorized = Boolean.parseBoolean(route[3]);
      assertTrue(calls.stream().anyMatch(c -> c.contains("--route-key " + route[1] + " ")
          && c.contains("--authorization-type JWT") == authorized), () -> route[1] + ": " + calls);
    }
    assertTrue(kind("http-route").stream().anyMatch(r -> r[1].equals("POST /hooks/{workflowId}") && r[3].equals("false")));
    assertTrue(calls.stream().anyMatch(c -> c.contains("--route-key $connect ") && c.contains("--authorization-type CUSTOM")));
    assertEquals(2, count(calls, "aws apigatewayv2 create-authorizer "), "JWT for HTTP, REQUEST for $connect");
    assertEquals(template.eventRules().size(), count(calls, "aws events put-rule "));
    assertTrue(calls.stream().anyMatch(c -> c.startsWith("aws events put-targets ")
        && c.contains("function:ExecutionStatusFunction:live")), calls::toString);
    assertTrue(calls.stream().anyMatch(c -> c.startsWith("aws kms create-key ") && c.contains("TagValue=" + kind("key").get(0)[1])));
    assertEquals(List.of("AGENTFLOW_HTTP_API_URL", "AGENTFLOW_WEBSOCKET_URL", "AGENTFLOW_USER_POOL_ID", "AGENTFLOW_CLIENT_ID",
        "AGENTFLOW_USER", "AGENTFLOW_PASSWORD", "AGENTFLOW_TOKEN"),
        out.lines().map(l -> l.substring(0, l.indexOf('='))).toList());
    assertTrue(out.contains("AGENTFLOW_WEBSOCKET_URL=dry-") && out.lines().anyMatch(l -> l.matches("AGENTFLOW_WEBSOCKET_URL=.*/v1")), out);
    // every function exists before anything refers to it
    int lastFunction = lastIndex(calls, "aws lambda create-function ");
    assertTrue(lastFunction < firstIndex(calls, "aws apigatewayv2 create-integration "), "functions first");
    assertTrue(lastFunction < firstIndex(calls, "aws events put-targets "), "functions first");
  }

  @Test
  void deployPlanCommand_shouldPrintThePlan() {
    var out = new java.io.ByteArrayOutputStream();
    int code = new dev.agentflow.local.cli.AgentflowCli().run(new String[] {"deploy-plan", "--template",
        templatePath.toString(), "--stack-name", "agentflow-localstack", "--parameter", "JwtIssuer=https://issuer.example",
        "--parameter", "JwtAudience=client-1", "--env", "AWS_ENDPOINT_URL=http://localhost.localstack.cloud:4566"},
        new java.io.PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    assertEquals(0, code);
    assertEquals(plan.stream().map(l -> String.join("\t", l)).collect(Collectors.joining("\n")) + "\n",
        out.toString(StandardCharsets.UTF_8).replace("\r", ""));
  }

  private static long count(List<String> calls, String prefix) {
    return calls.stream().filter(c -> c.startsWith(prefix)).count();
  }

  private static int firstIndex(List<String> calls, String prefix) {
    for (int i = 0; i < calls.size(); i++) {
      if (calls.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return Integer.MAX_VALUE;
  }

  private static int lastIndex(List<String> calls, String prefix) {
    int last = -1;
    for (int i = 0; i < calls.size(); i++) {
      if (calls.get(i).startsWith(prefix)) {
        last = i;
      }
    }
    return last;
  }
}
