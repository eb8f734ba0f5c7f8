package dev.agentflow.local.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.local.edge.AwsServiceError;
import dev.agentflow.local.edge.JsonFileStore;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The local Secrets Manager: CreateSecret, PutSecretValue, GetSecretValue and DescribeSecret, with the JSON of
 * the AWS Secrets Manager API Reference (ARN {@code arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6
 * random characters>}; a secret is found by name, full ARN or ARN without the suffix; versions carry the
 * staging labels AWSCURRENT / AWSPREVIOUS; timestamps epoch seconds). Unknown secrets and versions are
 * {@code ResourceNotFoundException}, an existing name on create {@code ResourceExistsException}. Values are kept
 * in {@code <dir>/secrets.json} (owner-only) in file mode. Thread-safe. Messages never hold a secret value.
 */
public final class SecretsManagerService {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String SUFFIX_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final String region;
  private final String account;
  private final Clock clock;
  private final JsonFileStore store;
  private final Map<String, Secret> secrets = new LinkedHashMap<>();

  /** A secret value version: exactly one of {@code string} / {@code binary} is set. */
  private record Version(String id, String string, byte[] binary, List<String> stages, Instant created) {}

  private record Secret(String name, String arn, String description, Instant created, List<Version> versions) {}

  /**
   * @param region the local region
   * @param account the local account
   * @param directory where secrets are kept, or {@code null} in memory
   * @param clock for dates
   * @throws IOException when the secrets file exists but cannot be read
   */
  public SecretsManagerService(String region, String account, Path directory, Clock clock) throws IOException {
    this.region = region;
    this.account = account;
    this.clock = clock;
    this.store = new JsonFileStore(directory == null ? null : directory.resolve("secrets.json"));
    load();
  }

  /**
   * Creates a secret with a string value unless one of that name exists (template.yaml's
   * {@code AWS::SecretsManager::Secret}).
   *
   * @return whether it was created
   */
  public synchronized boolean ensureSecret(String name, String description, String value) {
    if (secrets.containsKey(name)) {
      return false;
    }
    create(name, description, value, null, null);
    return true;
  }

  /**
   * Runs one operation.
   *
   * @param operation e.g. {@code GetSecretValue}
   * @param request the request JSON
   * @return the response JSON
   * @throws AwsServiceError ResourceNotFoundException, ResourceExistsException, InvalidParameterException,
   *     InvalidRequestException, or UnsupportedOperationException for operations the local one does not have
   */
  public synchronized JsonNode handle(String operation, JsonNode request) {
    return switch (operation) {
      case "CreateSecret" -> createSecret(request);
      case "PutSecretValue" -> putSecretValue(request);
      case "GetSecretValue" -> getSecretValue(request);
      case "DescribeSecret" -> describeSecret(request);
      default -> throw AwsServiceError.client("UnsupportedOperationException",
          "The local Secrets Manager does not implement " + operation + ".");
    };
  }

  private JsonNode createSecret(JsonNode request) {
    String name = required(request, "Name");
    if (!name.matches("[A-Za-z0-9/_+=.@-]{1,512}")) {
      throw AwsServiceError.client("InvalidParameterException",
          "Name may hold letters, digits and /_+=.@- only (1 to 512 characters).");
    }
    if (secrets.containsKey(name)) {
      throw AwsServiceError.client("ResourceExistsException",
          "The operation failed because the secret " + name + " already exists.");
    }
    Value value = value(request, false);
    Secret secret = create(name, request.path("Description").asText(""), value == null ? null : value.string(),
        value == null ? null : value.binary(), request.path("ClientRequestToken").asText(null));
    ObjectNode out = NODES.objectNode().put("ARN", secret.arn()).put("Name", name);
    if (!secret.versions().isEmpty()) {
      out.put("VersionId", secret.versions().get(0).id());
    }
    return out;
  }

  private JsonNode putSecretValue(JsonNode request) {
    Secret secret = find(required(request, "SecretId"));
    Value value = value(request, true);
    String versionId = request.path("ClientRequestToken").asText(UUID.randomUUID().toString());
    for (Version v : secret.versions()) {
      if (v.id().equals(versionId)) {
        throw AwsServiceError.client("ResourceExistsException",
            "A version with the ClientRequestToken " + versionId + " already exists.");
      }
    }
    List<String> stages = new ArrayList<>();
    request.path("VersionStages").forEach(s -> stages.add(s.asText()));
    if (stages.isEmpty()) {
      stages.add("AWSCURRENT");
    }
    List<Version> versions = new ArrayList<>();
    for (Version v : secret.versions()) {
      List<String> kept = new ArrayList<>(v.stages());
      kept.remove("AWSPREVIOUS");
      if (stages.contains("AWSCURRENT") && kept.remove("AWSCURRENT")) {
        kept.add("AWSPREVIOUS");
      }
      kept.removeIf(s -> !s.equals("AWSPREVIOUS") && stages.contains(s));
      versions.add(new Version(v.id(), v.string(), v.binary(), List.copyOf(kept), v.created()));
    }
    versions.add(0, new Version(versionId, value.string(), value.binary(), List.copyOf(stages), clock.instant()));
    versions.removeIf(v -> v.stages().isEmpty());
    secrets.put(secret.name(), new Secret(secret.name(), secret.arn(), secret.description(), secret.created(),
        versions));
    save();
    ObjectNode out = NODES.objectNode().put("ARN", secret.arn()).put("Name", secret.name())
        .put("VersionId", versionId);
    ArrayNode labels = out.putArray("VersionStages");
    stages.forEach(labels::add);
    return out;
  }

  private JsonNode getSecretValue(JsonNode request) {
    Secret secret = find(required(request, "SecretId"));
    String versionId = request.path("VersionId").asText(null);
    String stage = request.path("VersionStage").asText(versionId == null ? "AWSCURRENT" : null);
    Version version = secret.versions().stream()
        .filter(v -> (versionId == null || v.id().equals(versionId)) && (stage == null || v.stages().contains(stage)))
        .findFirst()
        .orElseThrow(() -> AwsServiceError.client("ResourceNotFoundException",
            "Secrets Manager can't find the specified secret value for "
                + (versionId != null ? "VersionId: " + versionId : "staging label: " + stage)));
    ObjectNode out = NODES.objectNode().put("ARN", secret.arn()).put("Name", secret.name())
        .put("VersionId", version.id());
    if (version.string() != null) {
      out.put("SecretString", version.string());
    } else {
      out.put("SecretBinary", Base64.getEncoder().encodeToString(version.binary()));
    }
    ArrayNode labels = out.putArray("VersionStages");
    version.stages().forEach(labels::add);
    return out.put("CreatedDate", seconds(version.created()));
  }

  private JsonNode describeSecret(JsonNode request) {
    Secret secret = find(required(request, "SecretId"));
    ObjectNode out = NODES.objectNode().put("ARN", secret.arn()).put("Name", secret.name())
        .put("Description", secret.description()).put("CreatedDate", seconds(secret.created()));
    ObjectNode versions = out.putObject("VersionIdsToStages");
    secret.versions().stream().filter(v -> !v.stages().isEmpty()).forEach(v -> {
      ArrayNode labels = versions.putArray(v.id());
      v.stages().forEach(labels::add);
    });
    return out;
  }

  private Secret create(String name, String description, String string, byte[] binary, String token) {
    StringBuilder suffix = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      suffix.append(SUFFIX_CHARS.charAt(RANDOM.nextInt(SUFFIX_CHARS.length())));
    }
    Instant now = clock.instant();
    List<Version> versions = new ArrayList<>();
    if (string != null || binary != null) {
      versions.add(new Version(token == null ? UUID.randomUUID().toString() : token, string, binary,
          List.of("AWSCURRENT"), now));
    }
    Secret secret = new Secret(name, "arn:aws:secretsmanager:" + region + ":" + account + ":secret:" + name + "-"
        + suffix, description, now, versions);
    secrets.put(name, secret);
    save();
    return secret;
  }

  /** By name, by ARN, or by ARN without the random suffix (a partial ARN). */
  private Secret find(String id) {
    String prefix = "arn:aws:secretsmanager:" + region + ":" + account + ":secret:";
    for (Secret s : secrets.values()) {
      if (s.name().equals(id) || s.arn().equals(id) || (prefix + s.name()).equals(id)) {
        return s;
      }
    }
    throw AwsServiceError.client("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
  }

  private record Value(String string, byte[] binary) {}

  private static Value value(JsonNode request, boolean required) {
    boolean hasString = request.hasNonNull("SecretString");
    boolean hasBinary = request.hasNonNull("SecretBinary");
    if (hasString && hasBinary) {
      throw AwsServiceError.client("InvalidParameterException", "Give SecretString or SecretBinary, not both.");
    }
    if (hasString) {
      return new Value(request.get("SecretString").asText(), null);
    }
    if (hasBinary) {
      try {
        return new Value(null, Base64.getDecoder().decode(request.get("SecretBinary").asText()));
      } catch (IllegalArgumentException e) {
        throw AwsServiceError.client("InvalidParameterException", "SecretBinary is not base64.");
      }
    }
    if (required) {
      throw AwsServiceError.client("InvalidRequestException", "You must provide either SecretString or SecretBinary.");
    }
    return null;
  }

  private static String required(JsonNode request, String field) {
    JsonNode value = request.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw AwsServiceError.client("InvalidParameterException", "You must provide " + field + ".");
    }
    return value.asText();
  }

  private static double seconds(Instant instant) {
    return instant.toEpochMilli() / 1000.0;
  }

  private void load() throws IOException {
    JsonNode document = store.load();
    if (document == null) {
      return;
    }
    for (JsonNode s : document.path("secrets")) {
      List<Version> versions = new ArrayList<>();
      for (JsonNode v : s.path("versions")) {
        List<String> stages = new ArrayList<>();
        v.path("stages").forEach(x -> stages.add(x.asText()));
        versions.add(new Version(v.get("id").asText(), v.hasNonNull("string") ? v.get("string").asText() : null,
            v.hasNonNull("binary") ? Base64.getDecoder().decode(v.get("binary").asText()) : null,
            List.copyOf(stages), Instant.parse(v.get("created").asText())));
      }
      secrets.put(s.get("name").asText(), new Secret(s.get("name").asText(), s.get("arn").asText(),
          s.path("description").asText(""), Instant.parse(s.get("created").asText()), versions));
    }
  }

  private void save() {
    ObjectNode document = NODES.objectNode();
    ArrayNode list = document.putArray("secrets");
    for (Secret s : secrets.values()) {
      ObjectNode o = list.addObject().put("name", s.name()).put("arn", s.arn()).put("description", s.description())
          .put("created", s.created().toString());
      ArrayNode versions = o.putArray("versions");
      for (Version v : s.versions()) {
        ObjectNode vo = versions.addObject().put("id", v.id()).put("created", v.created().toString());
        if (v.string() != null) {
          vo.put("string", v.string());
        } else {
          vo.put("binary", Base64.getEncoder().encodeToString(v.binary()));
        }
        ArrayNode stages = vo.putArray("stages");
        v.stages().forEach(stages::add);
      }
    }
    store.save(document);
  }
}
