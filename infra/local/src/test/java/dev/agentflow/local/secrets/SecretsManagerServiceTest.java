package dev.agentflow.local.secrets;

import dev.agentflow.local.AwsClients;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentflow.local.LocalCloud;
import dev.agentflow.local.LocalCloudOptions;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * The local Secrets Manager through the real AWS SDK v2 SecretsManagerClient (and /usr/bin/aws when installed)
 * against a started local cloud.
 */
class SecretsManagerServiceTest {

  private static LocalCloud cloud;
  private static SecretsManagerClient secrets;

  @BeforeAll
  static void start() throws Exception {
    cloud = LocalCloud.start(LocalCloudOptions.inMemory(Path.of("../../template.yaml"))
        .withLog(new PrintStream(OutputStream.nullOutputStream())));
    secrets = AwsClients.secretsManager(cloud.edgeEndpoint());
  }

  @AfterAll
  static void stop() throws Exception {
    secrets.close();
    cloud.close();
  }

  @Test
  void createPutGet_shouldServeTheCurrentValueByNameAndArn() {
    CreateSecretResponse created = secrets.createSecret(b -> b.name("agentflow/test-secret").secretString("v1"));
    assertTrue(created.arn().matches("arn:aws:secretsmanager:us-east-1:000000000000:secret:agentflow/test-secret-\\w{6}"),
        created.arn());
    assertEquals("v1", secrets.getSecretValue(b -> b.secretId("agentflow/test-secret")).secretString());

    String v2 = secrets.putSecretValue(b -> b.secretId(created.arn()).secretString("{\"apiKey\":\"k2\"}")).versionId();
    GetSecretValueResponse current = secrets.getSecretValue(b -> b.secretId(created.arn()));
    assertEquals("{\"apiKey\":\"k2\"}", current.secretString());
    assertEquals(v2, current.versionId());
    assertEquals(List.of("AWSCURRENT"), current.versionStages());
    assertTrue(current.createdDate() != null);
    assertEquals("v1", secrets.getSecretValue(b -> b.secretId("agentflow/test-secret").versionStage("AWSPREVIOUS"))
        .secretString());
    assertEquals("v1", secrets.getSecretValue(b -> b.secretId(
        "arn:aws:secretsmanager:us-east-1:000000000000:secret:agentflow/test-secret").versionId(created.versionId()))
        .secretString());
  }

  @Test
  void binarySecret_shouldRoundTrip() {
    secrets.createSecret(b -> b.name("binary-secret").secretBinary(SdkBytes.fromByteArray(new byte[] {1, 2, 3})));
    assertEquals(3, secrets.getSecretValue(b -> b.secretId("binary-secret")).secretBinary().asByteArray()[2]);
  }

  @Test
  void unknownSecret_shouldBeResourceNotFound_andDuplicateNameResourceExists() {
    assertThrows(ResourceNotFoundException.class, () -> secrets.getSecretValue(b -> b.secretId("no/such/secret")));
    assertThrows(ResourceNotFoundException.class,
        () -> secrets.putSecretValue(b -> b.secretId("no/such/secret").secretString("x")));
    secrets.createSecret(b -> b.name("twice").secretString("a"));
    assertThrows(ResourceExistsException.class, () -> secrets.createSecret(b -> b.name("twice").secretString("b")));
  }

  @Test
  void secrets_inFileMode_shouldSurviveARestart(@TempDir Path dir) throws Exception {
    new SecretsManagerService("us-east-1", "000000000000", dir, Clock.systemUTC()).ensureSecret("kept", "", "value");
    JsonNode got = new SecretsManagerService("us-east-1", "000000000000", dir, Clock.systemUTC())
        .handle("GetSecretValue", new ObjectMapper().createObjectNode().put("SecretId", "kept"));
    assertEquals("value", got.get("SecretString").asText());
  }

  @Test
  void awsCli_createAndGet_shouldWork(@TempDir Path work) throws Exception {
    Path aws = Path.of("/usr/bin/aws");
    assumeTrue(Files.isExecutable(aws), "the AWS CLI is not installed at /usr/bin/aws (apt-get install awscli)");
    aws(work, "secretsmanager", "create-secret", "--name", "cli/secret", "--secret-string", "from-cli");
    assertEquals("from-cli", aws(work, "secretsmanager", "get-secret-value", "--secret-id", "cli/secret")
        .get("SecretString").asText());
  }

  private static JsonNode aws(Path work, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("/usr/bin/aws", "--endpoint-url", cloud.edgeEndpoint().toString(),
        "--output", "json", "--region", "us-east-1"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
    builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test", "AWS_PAGER", "",
        "AWS_CONFIG_FILE", work.resolve("no-config").toString(),
        "AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-credentials").toString()));
    Path out = work.resolve("out.json");
    Path err = work.resolve("err.txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("aws did not finish");
    }
    String errors = Files.readString(err);
    assertEquals(0, process.exitValue(), () -> "aws " + String.join(" ", args) + ": " + errors);
    String text = Files.readString(out);
    return text.isBlank() ? new ObjectMapper().createObjectNode() : new ObjectMapper().readTree(text);
  }
}
