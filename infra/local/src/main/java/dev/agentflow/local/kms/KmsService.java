package dev.agentflow.local.kms;

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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The local KMS: symmetric keys ({@code SYMMETRIC_DEFAULT}, real AES-256-GCM, see {@link KmsCiphertext}) and
 * aliases, with the operations AgentFlow and its tools use: CreateKey, DescribeKey, ListKeys, CreateAlias,
 * ListAliases, Encrypt, Decrypt, GenerateDataKey, GenerateDataKeyWithoutPlaintext. Requests and results are the
 * JSON of the AWS KMS API Reference (blobs base64, timestamps epoch seconds); errors are {@link AwsServiceError}s
 * named as AWS names them (NotFoundException, InvalidCiphertextException, IncorrectKeyException,
 * AlreadyExistsException, ValidationException). Keys and aliases are kept in {@code <dir>/keys.json} (owner-only)
 * in file mode, so ciphertexts stored in DynamoDB still decrypt after a restart. Thread-safe.
 */
public final class KmsService {

  /** Largest Encrypt plaintext, as AWS KMS allows. */
  public static final int MAX_PLAINTEXT = 4096;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String region;
  private final String account;
  private final Clock clock;
  private final JsonFileStore store;
  private final Map<String, KmsKey> keys = new LinkedHashMap<>();
  private final Map<String, Alias> aliases = new LinkedHashMap<>();

  private record Alias(String name, String targetKeyId, Instant created) {}

  /**
   * @param region the local region, e.g. us-east-1
   * @param account the local account, e.g. 000000000000
   * @param directory where keys are kept, or {@code null} in memory
   * @param clock for creation dates
   * @throws IOException when the keys file exists but cannot be read
   */
  public KmsService(String region, String account, Path directory, Clock clock) throws IOException {
    this.region = region;
    this.account = account;
    this.clock = clock;
    this.store = new JsonFileStore(directory == null ? null : directory.resolve("keys.json"));
    load();
  }

  /**
   * Creates a key with a given id unless it exists (template.yaml's {@code AWS::KMS::Key}, whose id the
   * template reader derives from the logical id, so {@code !Ref} and {@code !GetAtt .Arn} name it).
   *
   * @return whether it was created
   */
  public synchronized boolean ensureKey(String keyId, String description) {
    if (keys.containsKey(keyId)) {
      return false;
    }
    UUID.fromString(keyId);
    keys.put(keyId, newKey(keyId, description));
    save();
    return true;
  }

  /**
   * Points an alias at a key, creating or updating it (template.yaml's {@code AWS::KMS::Alias}).
   *
   * @throws AwsServiceError NotFoundException when the key does not exist, ValidationException for a bad name
   */
  public synchronized void ensureAlias(String aliasName, String targetKey) {
    checkAliasName(aliasName);
    KmsKey key = resolve(targetKey);
    Alias old = aliases.get(aliasName);
    if (old == null || !old.targetKeyId().equals(key.keyId())) {
      aliases.put(aliasName, new Alias(aliasName, key.keyId(), old == null ? clock.instant() : old.created()));
      save();
    }
  }

  /**
   * Runs one operation.
   *
   * @param operation e.g. {@code Encrypt}
   * @param request the request JSON
   * @return the response JSON
   * @throws AwsServiceError for what AWS answers with an error (UnsupportedOperationException for operations the
   *     local KMS does not have)
   */
  public synchronized JsonNode handle(String operation, JsonNode request) {
    return switch (operation) {
      case "CreateKey" -> createKey(request);
      case "DescribeKey" -> NODES.objectNode().set("KeyMetadata", metadata(resolve(text(request, "KeyId", true))));
      case "ListKeys" -> listKeys();
      case "CreateAlias" -> createAlias(request);
      case "ListAliases" -> listAliases(request);
      case "Encrypt" -> encrypt(request);
      case "Decrypt" -> decrypt(request);
      case "GenerateDataKey" -> generateDataKey(request, true);
      case "GenerateDataKeyWithoutPlaintext" -> generateDataKey(request, false);
      default -> throw AwsServiceError.client("UnsupportedOperationException",
          "The local KMS does not implement " + operation + ".");
    };
  }

  private JsonNode createKey(JsonNode request) {
    String spec = request.path("KeySpec").asText(request.path("CustomerMasterKeySpec").asText("SYMMETRIC_DEFAULT"));
    String usage = request.path("KeyUsage").asText("ENCRYPT_DECRYPT");
    if (!spec.equals("SYMMETRIC_DEFAULT") || !usage.equals("ENCRYPT_DECRYPT")) {
      throw AwsServiceError.client("UnsupportedOperationException",
          "The local KMS has symmetric ENCRYPT_DECRYPT keys only (KeySpec SYMMETRIC_DEFAULT).");
    }
    KmsKey key = newKey(UUID.randomUUID().toString(), request.path("Description").asText(""));
    keys.put(key.keyId(), key);
    save();
    return NODES.objectNode().set("KeyMetadata", metadata(key));
  }

  private JsonNode listKeys() {
    ObjectNode out = NODES.objectNode();
    ArrayNode list = out.putArray("Keys");
    keys.values().forEach(k -> list.addObject().put("KeyId", k.keyId()).put("KeyArn", k.arn()));
    out.put("Truncated", false);
    return out;
  }

  private JsonNode createAlias(JsonNode request) {
    String name = text(request, "AliasName", true);
    checkAliasName(name);
    if (aliases.containsKey(name)) {
      throw AwsServiceError.client("AlreadyExistsException", "An alias with the name " + aliasArn(name)
          + " already exists");
    }
    KmsKey key = resolve(text(request, "TargetKeyId", true));
    aliases.put(name, new Alias(name, key.keyId(), clock.instant()));
    save();
    return NODES.objectNode();
  }

  private JsonNode listAliases(JsonNode request) {
    String keyFilter = request.hasNonNull("KeyId") ? resolve(request.get("KeyId").asText()).keyId() : null;
    ObjectNode out = NODES.objectNode();
    ArrayNode list = out.putArray("Aliases");
    aliases.values().stream().filter(a -> keyFilter == null || a.targetKeyId().equals(keyFilter)).forEach(a ->
        list.addObject().put("AliasName", a.name()).put("AliasArn", aliasArn(a.name()))
            .put("TargetKeyId", a.targetKeyId()).put("CreationDate", seconds(a.created()))
            .put("LastUpdatedDate", seconds(a.created())));
    out.put("Truncated", false);
    return out;
  }

  private JsonNode encrypt(JsonNode request) {
    KmsKey key = resolve(text(request, "KeyId", true));
    byte[] plaintext = blob(request, "Plaintext");
    if (plaintext.length < 1 || plaintext.length > MAX_PLAINTEXT) {
      throw AwsServiceError.client("ValidationException",
          "Plaintext must be 1 to " + MAX_PLAINTEXT + " bytes, got " + plaintext.length + ".");
    }
    checkAlgorithm(request);
    byte[] sealed = KmsCiphertext.seal(key, plaintext, context(request));
    return NODES.objectNode().put("CiphertextBlob", base64(sealed)).put("KeyId", key.arn())
        .put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
  }

  private JsonNode decrypt(JsonNode request) {
    byte[] blob = blob(request, "CiphertextBlob");
    checkAlgorithm(request);
    KmsKey key = keys.get(KmsCiphertext.keyId(blob));
    if (key == null) {
      throw AwsServiceError.client("InvalidCiphertextException", "The ciphertext names a key this KMS does not have.");
    }
    if (request.hasNonNull("KeyId") && !resolve(request.get("KeyId").asText()).keyId().equals(key.keyId())) {
      throw AwsServiceError.client("IncorrectKeyException",
          "The key ID in the request does not identify the KMS key that was used to encrypt the ciphertext.");
    }
    byte[] plaintext = KmsCiphertext.open(key, blob, context(request));
    return NODES.objectNode().put("KeyId", key.arn()).put("Plaintext", base64(plaintext))
        .put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
  }

  private JsonNode generateDataKey(JsonNode request, boolean withPlaintext) {
    KmsKey key = resolve(text(request, "KeyId", true));
    int bytes;
    if (request.hasNonNull("NumberOfBytes") && request.hasNonNull("KeySpec")) {
      throw AwsServiceError.client("ValidationException", "Specify KeySpec or NumberOfBytes, not both.");
    } else if (request.hasNonNull("NumberOfBytes")) {
      bytes = request.get("NumberOfBytes").asInt(-1);
      if (bytes < 1 || bytes > 1024) {
        throw AwsServiceError.client("ValidationException", "NumberOfBytes must be 1 to 1024.");
      }
    } else {
      bytes = switch (request.path("KeySpec").asText("")) {
        case "AES_256" -> 32;
        case "AES_128" -> 16;
        default -> throw AwsServiceError.client("ValidationException",
            "KeySpec must be AES_256 or AES_128 (or give NumberOfBytes).");
      };
    }
    byte[] dataKey = new byte[bytes];
    RANDOM.nextBytes(dataKey);
    ObjectNode out = NODES.objectNode()
        .put("CiphertextBlob", base64(KmsCiphertext.seal(key, dataKey, context(request))));
    if (withPlaintext) {
      out.put("Plaintext", base64(dataKey));
    }
    return out.put("KeyId", key.arn());
  }

  /** Finds a key by key id, key ARN, alias name or alias ARN. */
  private KmsKey resolve(String reference) {
    String id = reference;
    String aliasPrefix = "arn:aws:kms:" + region + ":" + account + ":alias/";
    String keyPrefix = "arn:aws:kms:" + region + ":" + account + ":key/";
    if (id.startsWith(aliasPrefix)) {
      id = "alias/" + id.substring(aliasPrefix.length());
    }
    if (id.startsWith("alias/")) {
      Alias alias = aliases.get(id);
      if (alias == null) {
        throw AwsServiceError.client("NotFoundException", "Alias " + aliasArn(id) + " is not found.");
      }
      id = alias.targetKeyId();
    } else if (id.startsWith(keyPrefix)) {
      id = id.substring(keyPrefix.length());
    }
    KmsKey key = keys.get(id);
    if (key == null) {
      throw AwsServiceError.client("NotFoundException", "Key '" + keyPrefix + id + "' does not exist");
    }
    return key;
  }

  private ObjectNode metadata(KmsKey k) {
    ObjectNode m = NODES.objectNode()
        .put("AWSAccountId", account).put("KeyId", k.keyId()).put("Arn", k.arn())
        .put("CreationDate", seconds(k.created())).put("Enabled", true).put("Description", k.description())
        .put("KeyUsage", "ENCRYPT_DECRYPT").put("KeyState", "Enabled").put("Origin", "AWS_KMS")
        .put("KeyManager", "CUSTOMER").put("CustomerMasterKeySpec", "SYMMETRIC_DEFAULT")
        .put("KeySpec", "SYMMETRIC_DEFAULT").put("MultiRegion", false);
    m.putArray("EncryptionAlgorithms").add("SYMMETRIC_DEFAULT");
    return m;
  }

  private KmsKey newKey(String keyId, String description) {
    byte[] material = new byte[32];
    RANDOM.nextBytes(material);
    return new KmsKey(keyId, "arn:aws:kms:" + region + ":" + account + ":key/" + keyId,
        description == null ? "" : description, clock.instant(), material);
  }

  private String aliasArn(String name) {
    return "arn:aws:kms:" + region + ":" + account + ":" + name;
  }

  private static void checkAliasName(String name) {
    if (!name.matches("alias/[a-zA-Z0-9/_-]{1,250}") || name.startsWith("alias/aws/")) {
      throw AwsServiceError.client("ValidationException",
          "Alias must start with 'alias/' followed by letters, digits, '/', '_' or '-' (not 'alias/aws/').");
    }
  }

  private static void checkAlgorithm(JsonNode request) {
    String algorithm = request.path("EncryptionAlgorithm").asText("SYMMETRIC_DEFAULT");
    if (!algorithm.equals("SYMMETRIC_DEFAULT")) {
      throw AwsServiceError.client("InvalidKeyUsageException",
          "The local KMS keys are symmetric: EncryptionAlgorithm must be SYMMETRIC_DEFAULT.");
    }
  }

  private static Map<String, String> context(JsonNode request) {
    JsonNode context = request.path("EncryptionContext");
    Map<String, String> out = new LinkedHashMap<>();
    if (context.isObject()) {
      context.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    } else if (!context.isMissingNode() && !context.isNull()) {
      throw AwsServiceError.client("ValidationException", "EncryptionContext must be a map of strings.");
    }
    return out;
  }

  private static String text(JsonNode request, String field, boolean required) {
    JsonNode value = request.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      if (required) {
        throw AwsServiceError.client("ValidationException", "1 validation error detected: Value at '"
            + field + "' failed to satisfy constraint: Member must not be null");
      }
      return null;
    }
    return value.asText();
  }

  private static byte[] blob(JsonNode request, String field) {
    String text = text(request, field, true);
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw AwsServiceError.client("SerializationException", field + " is not base64.");
    }
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static double seconds(Instant instant) {
    return instant.toEpochMilli() / 1000.0;
  }

  private void load() throws IOException {
    JsonNode document = store.load();
    if (document == null) {
      return;
    }
    for (JsonNode k : document.path("keys")) {
      KmsKey key = new KmsKey(k.get("keyId").asText(), k.get("arn").asText(), k.path("description").asText(""),
          Instant.parse(k.get("created").asText()), Base64.getDecoder().decode(k.get("material").asText()));
      keys.put(key.keyId(), key);
    }
    for (JsonNode a : document.path("aliases")) {
      aliases.put(a.get("name").asText(), new Alias(a.get("name").asText(), a.get("targetKeyId").asText(),
          Instant.parse(a.get("created").asText())));
    }
  }

  private void save() {
    ObjectNode document = NODES.objectNode();
    ArrayNode k = document.putArray("keys");
    keys.values().forEach(key -> k.addObject().put("keyId", key.keyId()).put("arn", key.arn())
        .put("description", key.description()).put("created", key.created().toString())
        .put("material", base64(key.material())));
    ArrayNode a = document.putArray("aliases");
    aliases.values().forEach(alias -> a.addObject().put("name", alias.name())
        .put("targetKeyId", alias.targetKeyId()).put("created", alias.created().toString()));
    store.save(document);
  }
}
