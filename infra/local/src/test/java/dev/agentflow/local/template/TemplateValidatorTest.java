package dev.agentflow.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentflow.local.cli.AgentflowCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offline {@code sam validate}-class checks: the repository's template.yaml passes, and each kind of mistake,
 * made by editing the YAML text, is reported with its code and place.
 */
class TemplateValidatorTest {

  private static String yaml;

  @BeforeAll
  static void read() throws IOException {
    yaml = Files.readString(root().resolve("template.yaml"));
  }

  static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("functions"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
  }

  /** The template with {@code from} replaced by {@code to}; fails when {@code from} is not in it. */
  private static String mutate(String from, String to) {
    assertTrue(yaml.contains(from), () -> "template.yaml no longer contains: " + from);
    return yaml.replace(from, to);
  }

  private static List<TemplateProblem> problems(String text) {
    return TemplateValidator.validateText(text);
  }

  private static void assertProblem(List<TemplateProblem> problems, String code, String whereContains) {
    assertTrue(problems.stream().anyMatch(p -> p.code().equals(code) && p.where().contains(whereContains)),
        () -> "expected " + code + " at " + whereContains + ", got " + problems);
  }

  @Test
  void repositoryTemplate_shouldHaveNoProblems() {
    assertEquals(List.of(), TemplateValidator.validate(root().resolve("template.yaml")));
  }

  @Test
  void unknownType_missingRequiredAndMisspelledProperty_shouldBeReported() {
    assertProblem(problems(mutate("Type: AWS::ApiGatewayV2::Deployment", "Type: AWS::ApiGatewayV2::Deploymnet")),
        TemplateValidator.UNKNOWN_RESOURCE_TYPE, "Resources.WebSocketDeployment.Type");
    assertProblem(problems(mutate("      RouteKey: $connect\n", "")),
        TemplateValidator.MISSING_PROPERTY, "Resources.WebSocketConnectRoute.Properties.RouteKey");
    assertProblem(problems(mutate("      TargetKeyId: !Ref ApiKeysKey", "      TargetKeyID: !Ref ApiKeysKey")),
        TemplateValidator.UNKNOWN_PROPERTY, "Resources.ApiKeysKeyAlias.Properties.TargetKeyID");
    // Globals count: a function without its own Runtime still has one
    List<TemplateProblem> noGlobalRuntime = problems(mutate("    Runtime: java21\n", ""));
    assertProblem(noGlobalRuntime, TemplateValidator.MISSING_PROPERTY, "Resources.ApiFunction.Properties.Runtime");
  }

  @Test
  void danglingRefGetAttAndSubVariables_shouldBeReported() {
    assertProblem(problems(mutate("TableName: !Ref ApiKeysTable", "TableName: !Ref ApiKeyTable")),
        TemplateValidator.UNKNOWN_REFERENCE, "Resources.NodeLlmFunction.Properties.Policies");
    assertProblem(problems(mutate("!GetAtt ApiKeysKey.Arn", "!GetAtt ApiKeysKey.Name")),
        TemplateValidator.UNKNOWN_ATTRIBUTE, "Environment.Variables.API_KEYS_KMS_KEY_ID");
    assertProblem(problems(mutate("'/aws/lambda/${ApiFunction}'", "'/aws/lambda/${ApiFunctio}'")),
        TemplateValidator.UNKNOWN_REFERENCE, "Resources.ApiFunctionLogGroup.Properties.LogGroupName");
    assertProblem(problems(mutate("FunctionName: !Ref RealtimeFunction.Alias", "FunctionName: !Ref RealtimeFunction.Alais")),
        TemplateValidator.UNKNOWN_REFERENCE, "Resources.RealtimeFunctionPermission.Properties.FunctionName");
  }

  @Test
  void wildcardActionOnWildcardResource_shouldBeReported() {
    String invoke = "              - Effect: Allow\n                Action: lambda:InvokeFunction\n";
    String text = mutate(invoke, "              - Effect: Allow\n                Action: '*'\n                Resource: '*'\n" + invoke);
    assertProblem(problems(text), TemplateValidator.WILDCARD_POLICY, "Resources.WorkflowStateMachineRole.Properties.Policies");
    // a service wildcard (kms:* in the key policy) is not "* on *"
    assertTrue(problems(yaml).isEmpty());
  }

  @Test
  void runtimeArchitectureAndHandlerFormat_shouldBeReported() {
    assertProblem(problems(mutate("    Runtime: java21", "    Runtime: java17")),
        TemplateValidator.RUNTIME, "Resources.NodeLlmFunction.Properties.Runtime");
    assertProblem(problems(mutate("      - arm64", "      - x86_64")),
        TemplateValidator.ARCHITECTURE, "Resources.ApiFunction.Properties.Architectures");
    assertProblem(problems(mutate("Handler: dev.agentflow.api.ApiHandler::handleRequest", "Handler: dev.agentflow.api.ApiHandler:handleRequest")),
        TemplateValidator.HANDLER_FORMAT, "Resources.ApiFunction.Properties.Handler");
  }

  @Test
  void snapStart_shouldBeRequiredOnLatencySensitiveFunctionsAndReachedThroughTheAlias() {
    List<TemplateProblem> withoutSnapStart = problems(mutate("    SnapStart:\n      ApplyOn: PublishedVersions\n", ""));
    assertProblem(withoutSnapStart, TemplateValidator.SNAPSTART, "Resources.ApiFunction");
    assertProblem(withoutSnapStart, TemplateValidator.SNAPSTART, "Resources.NodeHttpFunction");
    assertProblem(withoutSnapStart, TemplateValidator.SNAPSTART, "Resources.RealtimeAuthorizerFunction");
    assertTrue(withoutSnapStart.stream().noneMatch(p -> p.where().contains("ExecutionStatusFunction")),
        "an EventBridge target waits for nobody: " + withoutSnapStart);

    List<TemplateProblem> latest = problems(mutate("functions/${RealtimeFunction.Alias}/invocations",
        "functions/${RealtimeFunction.Arn}/invocations"));
    assertProblem(latest, TemplateValidator.UNQUALIFIED_INVOCATION, "Resources.WebSocketIntegration.Properties.IntegrationUri");
  }

  @Test
  void timeoutsMemoryAndLogGroups_shouldBeChecked() {
    String handler = "      Handler: dev.agentflow.api.ApiHandler::handleRequest\n";
    assertProblem(problems(mutate(handler + "      Timeout: 29\n", handler + "      Timeout: 60\n")),
        TemplateValidator.TIMEOUT, "Resources.ApiFunction.Properties.Timeout");
    assertProblem(problems(mutate("    MemorySize: 1024", "    MemorySize: 64")),
        TemplateValidator.MEMORY, "Resources.NodeLlmFunction.Properties.MemorySize");
    assertProblem(problems(mutate("Properties: {LogGroupName: !Sub '/aws/lambda/${ApiFunction}', RetentionInDays: !Ref LogRetentionDays}",
        "Properties: {LogGroupName: !Sub '/aws/lambda/${ApiFunction}'}")), TemplateValidator.LOG_GROUP, "Resources.ApiFunction");
  }

  @Test
  void parameterDefaultsOutsideTheirConstraints_shouldBeReported() {
    assertProblem(problems(mutate("    Default: dev\n", "    Default: qa\n")),
        TemplateValidator.INVALID_PARAMETER, "Parameters.Stage.Default");
    assertProblem(problems(mutate("    Default: agentflow\n    AllowedPattern", "    Default: agent flow!\n    AllowedPattern")),
        TemplateValidator.INVALID_PARAMETER, "Parameters.StateMachineNamePrefix.Default");
  }

  @Test
  void validateCommand_shouldExit0OnTheTemplateAnd1WithOneLinePerProblem(@TempDir Path dir) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertEquals(0, new AgentflowCli().run(new String[] {"validate", root().resolve("template.yaml").toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), err));
    assertEquals("", out.toString(StandardCharsets.UTF_8));

    Path broken = dir.resolve("template.yaml");
    Files.writeString(broken, mutate("    Runtime: java21", "    Runtime: java17"));
    assertEquals(1, new AgentflowCli().run(new String[] {"validate", broken.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), err));
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    long functions = yaml.lines().filter(l -> l.trim().equals("Type: AWS::Serverless::Function")).count();
    assertEquals(functions, lines.size(), lines::toString); // one RUNTIME problem per function
    assertTrue(lines.stream().allMatch(l -> l.startsWith("RUNTIME at Resources.")), lines::toString);
  }
}
