package dev.agentflow.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real AWS CLI v2 (Debian's awscli, /usr/bin/aws) against the local cloud. Skipped where it is not
 * installed ({@code apt-get install awscli}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsCliTest {

  private static final Path AWS = Path.of("/usr/bin/aws");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path work;
  private LocalCloud cloud;

  @BeforeAll
  void start() throws Exception {
    assumeTrue(Files.isExecutable(AWS), "the AWS CLI is not installed at /usr/bin/aws (apt-get install awscli)");
    Path template = Path.of(getClass().getResource("/local-cloud/template.yaml").toURI());
    cloud = LocalCloud.start(LocalCloudOptions.inMemory(template)
        .withLog(new PrintStream(OutputStream.nullOutputStream())));
  }

  @AfterAll
  void stop() throws Exception {
    if (cloud != null) {
      cloud.close();
    }
  }

  private JsonNode aws(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(AWS.toString(), "--endpoint-url", cloud.edgeEndpoint().toString(),
        "--output", "json"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
    Map<String, String> env = builder.environment();
    env.put("AWS_ACCESS_KEY_ID", "test");
    env.put("AWS_SECRET_ACCESS_KEY", "test");
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_PAGER", "");
    env.put("AWS_CONFIG_FILE", work.resolve("no-config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-credentials").toString());
    Path stdout = work.resolve("stdout.txt");
    Path stderr = work.resolve("stderr.txt");
    Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("aws " + String.join(" ", args) + " did not finish");
    }
    String out = Files.readString(stdout);
    assertEquals(0, process.exitValue(), "aws " + String.join(" ", args) + ": " + Files.readString(stderr));
    return out.isBlank() ? JSON.createObjectNode() : JSON.readTree(out);
  }

  @Test
  void awsCli_whenPointedAtEdge_shouldRunStateMachinesAndScanTables() throws Exception {
    String definition = """
        {"StartAt": "Echo", "States": {"Echo": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"FunctionName": "EchoFunction", "Payload.$": "$"},
          "ResultSelector": {"city.$": "$.Payload.input.city", "greeting.$": "$.Payload.greeting"}, "End": true}}}
        """;
    String waiting = "{\"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Wait\", \"Seconds\": 60, \"End\": true}}}";

    String sm = aws("stepfunctions", "create-state-machine", "--name", "cli-echo", "--definition", definition,
        "--role-arn", "arn:aws:iam::000000000000:role/local").get("stateMachineArn").asText();
    String execution = aws("stepfunctions", "start-execution", "--state-machine-arn", sm, "--name", "run-1",
        "--input", "{\"city\": \"Lyon\"}").get("executionArn").asText();
    JsonNode described = awaitEnd(execution);
    JsonNode listed = aws("stepfunctions", "list-executions", "--state-machine-arn", sm);

    String waitSm = aws("stepfunctions", "create-state-machine", "--name", "cli-wait", "--definition", waiting,
        "--role-arn", "arn:aws:iam::000000000000:role/local").get("stateMachineArn").asText();
    String running = aws("stepfunctions", "start-execution", "--state-machine-arn", waitSm).get("executionArn")
        .asText();
    aws("stepfunctions", "stop-execution", "--execution-arn", running, "--error", "Cancelled");
    JsonNode stopped = awaitEnd(running);

    aws("dynamodb", "put-item", "--table-name", "agentflow-test-items", "--item",
        "{\"pk\": {\"S\": \"cli\"}, \"sk\": {\"S\": \"1\"}}");
    JsonNode scanned = aws("dynamodb", "scan", "--table-name", "agentflow-test-items");

    assertEquals("SUCCEEDED", described.get("status").asText());
    assertEquals(JSON.readTree("{\"city\": \"Lyon\", \"greeting\": \"hello-from-echo\"}"),
        JSON.readTree(described.get("output").asText()));
    assertEquals(execution, listed.at("/executions/0/executionArn").asText());
    assertEquals("SUCCEEDED", listed.at("/executions/0/status").asText());
    assertEquals("ABORTED", stopped.get("status").asText());
    assertTrue(scanned.get("Count").asInt() >= 1, scanned.toString());
  }

  @Test
  void awsCli_whenLambdaInvoke_shouldReturnPayloadAndFunctionError() throws Exception {
    Path ok = work.resolve("ok.json");
    Path failed = work.resolve("failed.json");

    JsonNode okMeta = aws("lambda", "invoke", "--function-name", "EchoFunction", "--cli-binary-format",
        "raw-in-base64-out", "--payload", "{\"via\": \"cli\"}", ok.toString());
    JsonNode failedMeta = aws("lambda", "invoke", "--function-name", "EchoFunction", "--cli-binary-format",
        "raw-in-base64-out", "--payload", "{\"fail\": \"cli\"}", failed.toString());

    assertEquals(200, okMeta.get("StatusCode").asInt());
    assertEquals("cli", JSON.readTree(ok.toFile()).at("/input/via").asText());
    assertEquals("Unhandled", failedMeta.get("FunctionError").asText());
    assertEquals("dev.agentflow.local.testhandlers.NodeFailedException", JSON.readTree(failed.toFile()).get("errorType").asText());
  }

  private JsonNode awaitEnd(String executionArn) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      JsonNode execution = aws("stepfunctions", "describe-execution", "--execution-arn", executionArn);
      if (!execution.get("status").asText().equals("RUNNING")) {
        return execution;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("still RUNNING: " + executionArn);
  }
}
