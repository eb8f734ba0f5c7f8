package dev.agentflow.local.kms;

import dev.agentflow.local.AwsClients;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentflow.local.LocalCloud;
import dev.agentflow.local.LocalCloudOptions;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AlreadyExistsException;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.EncryptRequest;
import software.amazon.awssdk.services.kms.model.EncryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/**
 * The local KMS through the real AWS SDK v2 KmsClient (and /usr/bin/aws when installed) against a started
 * local cloud running the repository's template.yaml: its ApiKeysKey and alias exist under the ids the
 * functions' environment names; Encrypt/Decrypt is real AES-GCM bound to the encryption context.
 */
class KmsServiceTest {

  private static final Map<String, String> CONTEXT = Map.of("userId", "user_a", "provider", "openai");
  private static LocalCloud cloud;
  private static KmsClient kms;

  @BeforeAll
  static void start() throws Exception {
    cloud = LocalCloud.start(LocalCloudOptions.inMemory(Path.of("../../template.yaml"))
        .withLog(new PrintStream(OutputStream.nullOutputStream())));
    kms = AwsClients.kms(cloud.edgeEndpoint());
  }

  @AfterAll
  static void stop() throws Exception {
    kms.close();
    cloud.close();
  }

  private static String templateKeyArn() {
    return cloud.template().function("ApiFunction").orElseThrow().environment().get("API_KEYS_KMS_KEY_ID");
  }

  @Test
  void templateKey_whenCloudStarts_shouldExistUnderTheArnAndAliasTheFunctionsSee() {
    String arn = templateKeyArn();
    assertTrue(arn.startsWith("arn:aws:kms:us-east-1:000000000000:key/"), arn);
    KeyMetadata byArn = kms.describeKey(b -> b.keyId(arn)).keyMetadata();
    assertEquals(arn, byArn.arn());
    assertEquals("ENCRYPT_DECRYPT", byArn.keyUsageAsString());
    assertTrue(byArn.enabled());
    assertEquals(byArn.keyId(), kms.describeKey(b -> b.keyId("alias/agentflow-local-api-keys")).keyMetadata().keyId());
    assertTrue(kms.listAliases().aliases().stream().anyMatch(a -> a.aliasName().equals("alias/agentflow-local-api-keys")
        && a.targetKeyId().equals(byArn.keyId())));
  }

  @Test
  void encryptDecrypt_withSameContext_shouldRoundTrip_andAnotherContextShouldFail() {
    byte[] secret = "sk-test-0123456789".getBytes(StandardCharsets.UTF_8);
    EncryptResponse sealed = kms.encrypt(EncryptRequest.builder().keyId(templateKeyArn())
        .plaintext(SdkBytes.fromByteArray(secret)).encryptionContext(CONTEXT).build());
    assertFalse(new String(sealed.ciphertextBlob().asByteArray(), StandardCharsets.ISO_8859_1).contains("sk-test"));
    assertEquals(templateKeyArn(), sealed.keyId());

    byte[] opened = kms.decrypt(DecryptRequest.builder().ciphertextBlob(sealed.ciphertextBlob())
        .encryptionContext(Map.of("provider", "openai", "userId", "user_a")).build()).plaintext().asByteArray();
    assertArrayEquals(secret, opened);

    assertThrows(InvalidCiphertextException.class, () -> kms.decrypt(DecryptRequest.builder()
        .ciphertextBlob(sealed.ciphertextBlob()).encryptionContext(Map.of("userId", "user_b", "provider", "openai"))
        .build()));
    assertThrows(InvalidCiphertextException.class, () -> kms.decrypt(DecryptRequest.builder()
        .ciphertextBlob(sealed.ciphertextBlob()).build()));
    byte[] tampered = sealed.ciphertextBlob().asByteArray();
    tampered[tampered.length - 1] ^= 1;
    assertThrows(InvalidCiphertextException.class, () -> kms.decrypt(DecryptRequest.builder()
        .ciphertextBlob(SdkBytes.fromByteArray(tampered)).encryptionContext(CONTEXT).build()));
  }

  @Test
  void decrypt_withAnotherKeyId_shouldBeIncorrectKey() {
    String other = kms.createKey(b -> b.description("other")).keyMetadata().keyId();
    SdkBytes blob = kms.encrypt(b -> b.keyId(templateKeyArn()).plaintext(SdkBytes.fromUtf8String("x")))
        .ciphertextBlob();
    assertThrows(IncorrectKeyException.class, () -> kms.decrypt(b -> b.keyId(other).ciphertextBlob(blob)));
  }

  @Test
  void createKeyAndAlias_shouldBeUsableByAliasAndRejectDuplicates() {
    KeyMetadata key = kms.createKey(b -> b.description("test key")).keyMetadata();
    kms.createAlias(b -> b.aliasName("alias/test-created").targetKeyId(key.keyId()));
    assertThrows(AlreadyExistsException.class,
        () -> kms.createAlias(b -> b.aliasName("alias/test-created").targetKeyId(key.keyId())));
    SdkBytes blob = kms.encrypt(b -> b.keyId("alias/test-created").plaintext(SdkBytes.fromUtf8String("hello")))
        .ciphertextBlob();
    assertEquals("hello", kms.decrypt(b -> b.ciphertextBlob(blob)).plaintext().asUtf8String());
    assertEquals(key.arn(), kms.decrypt(b -> b.ciphertextBlob(blob)).keyId());
    assertTrue(kms.listKeys().keys().stream().anyMatch(k -> k.keyId().equals(key.keyId())));
  }

  @Test
  void generateDataKey_shouldReturnAKeyItsCiphertextDecryptsTo() {
    GenerateDataKeyResponse dataKey = kms.generateDataKey(b -> b.keyId(templateKeyArn()).keySpec(DataKeySpec.AES_256)
        .encryptionContext(CONTEXT));
    assertEquals(32, dataKey.plaintext().asByteArray().length);
    assertArrayEquals(dataKey.plaintext().asByteArray(), kms.decrypt(b -> b.ciphertextBlob(dataKey.ciphertextBlob())
        .encryptionContext(CONTEXT)).plaintext().asByteArray());
    assertEquals(16, kms.generateDataKey(b -> b.keyId(templateKeyArn()).numberOfBytes(16)).plaintext()
        .asByteArray().length);
  }

  @Test
  void unknownKey_shouldBeNotFound() {
    assertThrows(NotFoundException.class, () -> kms.describeKey(b -> b.keyId("alias/nope")));
    assertThrows(NotFoundException.class, () -> kms.encrypt(b -> b.keyId("00000000-0000-0000-0000-000000000000")
        .plaintext(SdkBytes.fromUtf8String("x"))));
  }

  @Test
  void keys_inFileMode_shouldSurviveARestart(@TempDir Path dir) throws Exception {
    KmsService first = new KmsService("us-east-1", "000000000000", dir, Clock.systemUTC());
    first.ensureKey("6a0c2b2e-1111-4222-8333-444455556666", "persisted");
    first.ensureAlias("alias/persisted", "6a0c2b2e-1111-4222-8333-444455556666");
    ObjectMapper json = new ObjectMapper();
    JsonNode sealed = first.handle("Encrypt", json.createObjectNode().put("KeyId", "alias/persisted")
        .put("Plaintext", Base64.getEncoder().encodeToString("kept".getBytes(StandardCharsets.UTF_8))));

    KmsService second = new KmsService("us-east-1", "000000000000", dir, Clock.systemUTC());
    assertFalse(second.ensureKey("6a0c2b2e-1111-4222-8333-444455556666", "persisted"));
    JsonNode opened = second.handle("Decrypt", json.createObjectNode()
        .put("CiphertextBlob", sealed.get("CiphertextBlob").asText()));
    assertEquals("kept", new String(Base64.getDecoder().decode(opened.get("Plaintext").asText()), StandardCharsets.UTF_8));
    if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
          Files.getPosixFilePermissions(dir.resolve("keys.json"))));
    }
  }

  @Test
  void awsCli_encryptDecrypt_shouldRoundTripWithContext(@TempDir Path work) throws Exception {
    Path aws = Path.of("/usr/bin/aws");
    assumeTrue(Files.isExecutable(aws), "the AWS CLI is not installed at /usr/bin/aws (apt-get install awscli)");
    Files.writeString(work.resolve("plain.txt"), "cli-secret");
    JsonNode sealed = aws(work, "kms", "encrypt", "--key-id", "alias/agentflow-local-api-keys",
        "--plaintext", "fileb://plain.txt", "--encryption-context", "userId=u1,provider=openai");
    Files.write(work.resolve("blob.bin"), Base64.getDecoder().decode(sealed.get("CiphertextBlob").asText()));
    JsonNode opened = aws(work, "kms", "decrypt", "--ciphertext-blob", "fileb://blob.bin",
        "--encryption-context", "userId=u1,provider=openai");
    assertEquals("cli-secret", new String(Base64.getDecoder().decode(opened.get("Plaintext").asText()),
        StandardCharsets.UTF_8));
    assertEquals(templateKeyArn(), aws(work, "kms", "describe-key", "--key-id", templateKeyArn())
        .at("/KeyMetadata/Arn").asText());
  }

  /** Runs /usr/bin/aws against the cloud and returns its JSON output (fails on a non-zero exit). */
  static JsonNode aws(Path work, String... args) throws Exception {
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
      throw new AssertionError("aws " + String.join(" ", args) + " did not finish");
    }
    assertEquals(0, process.exitValue(), () -> "aws " + String.join(" ", args) + ": " + read(err));
    String text = read(out);
    return text.isBlank() ? new ObjectMapper().createObjectNode() : new ObjectMapper().readTree(text);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }
}
