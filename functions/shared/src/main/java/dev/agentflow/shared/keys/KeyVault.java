package dev.agentflow.shared.keys;

import static dev.agentflow.shared.store.Attrs.b;
import static dev.agentflow.shared.store.Attrs.s;

import dev.agentflow.shared.store.Attrs;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Users' LLM API keys (seed 000 §2.4 REQ-401, seed 001 §9.2), encrypted with a {@link KeyCipher} (KMS in
 * the cloud) under the encryption context {@code {userId, provider}}. The api-keys table
 * ({@code pk = userId}, {@code sk = keyId}) holds only the ciphertext and the last-four hint; the
 * plaintext exists only in the memory of the function that decrypts it (IAM lets only the LLM node
 * decrypt). A ciphertext moved to another user or provider no longer decrypts.
 */
public final class KeyVault {

    private final DynamoDbClient dynamo;
    private final String table;
    private final KeyCipher cipher;
    private final Clock clock;

    /**
     * @param dynamo client, built once per container
     * @param table  api-keys table name
     * @param cipher KMS (or a local stand-in)
     * @param clock  clock for createdAt
     */
    public KeyVault(DynamoDbClient dynamo, String table, KeyCipher cipher, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * A decrypted key with its description.
     *
     * @param info the key's description
     * @param key  the plaintext, masked when printed
     */
    public record DecryptedKey(ApiKeyInfo info, SecretValue key) {
    }

    /**
     * Encrypts and stores a user's key.
     *
     * @param provider e.g. {@code openai}
     * @param name     a label, or null
     * @return the stored key's description (no secret)
     * @throws KeyVaultException when encryption fails
     */
    public ApiKeyInfo store(String userId, String provider, String name, SecretValue key) {
        String keyId = "key_" + UUID.randomUUID();
        Instant now = clock.instant();
        byte[] ciphertext = cipher.encrypt(key.reveal().getBytes(StandardCharsets.UTF_8), context(userId, provider));
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("userId", s(userId));
        item.put("keyId", s(keyId));
        item.put("provider", s(provider));
        if (name != null && !name.isBlank()) {
            item.put("name", s(name));
        }
        item.put("keyHint", s(key.hint()));
        item.put("ciphertext", b(ciphertext));
        item.put("createdAt", s(now.toString()));
        item.put("updatedAt", s(now.toString()));
        dynamo.putItem(PutItemRequest.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(keyId)").build());
        return new ApiKeyInfo(userId, keyId, provider, name, key.hint(), now);
    }

    /** A user's keys, newest first, without secrets. */
    public List<ApiKeyInfo> list(String userId) {
        List<ApiKeyInfo> keys = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            QueryResponse page = dynamo.query(QueryRequest.builder()
                    .tableName(table)
                    .keyConditionExpression("userId = :u")
                    .expressionAttributeValues(Map.of(":u", s(userId)))
                    .projectionExpression("userId, keyId, provider, #n, keyHint, createdAt")
                    .expressionAttributeNames(Map.of("#n", "name"))
                    .exclusiveStartKey(startKey)
                    .build());
            page.items().forEach(item -> keys.add(info(item)));
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        keys.sort(Comparator.comparing(ApiKeyInfo::createdAt).reversed());
        return keys;
    }

    /** Deletes a user's key. @return whether it existed */
    public boolean delete(String userId, String keyId) {
        var response = dynamo.deleteItem(DeleteItemRequest.builder()
                .tableName(table)
                .key(Map.of("userId", s(userId), "keyId", s(keyId)))
                .returnValues(ReturnValue.ALL_OLD)
                .build());
        return response.hasAttributes() && !response.attributes().isEmpty();
    }

    /**
     * Decrypts one of a user's keys by id (another user's id is simply not found).
     *
     * @throws KeyVaultException when decryption fails
     */
    public Optional<DecryptedKey> decrypt(String userId, String keyId) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder()
                .tableName(table)
                .key(Map.of("userId", s(userId), "keyId", s(keyId)))
                .consistentRead(true)
                .build()).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(decryptItem(item));
    }

    /**
     * Decrypts the user's newest key for a provider.
     *
     * @throws KeyVaultException when decryption fails
     */
    public Optional<DecryptedKey> decryptForProvider(String userId, String provider) {
        Map<String, AttributeValue> newest = null;
        Map<String, AttributeValue> startKey = null;
        do {
            QueryResponse page = dynamo.query(QueryRequest.builder()
                    .tableName(table)
                    .keyConditionExpression("userId = :u")
                    .filterExpression("provider = :p")
                    .expressionAttributeValues(Map.of(":u", s(userId), ":p", s(provider)))
                    .consistentRead(true)
                    .exclusiveStartKey(startKey)
                    .build());
            for (Map<String, AttributeValue> item : page.items()) {
                if (newest == null || Attrs.str(item, "createdAt").compareTo(Attrs.str(newest, "createdAt")) > 0) {
                    newest = item;
                }
            }
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return newest == null ? Optional.empty() : Optional.of(decryptItem(newest));
    }

    private DecryptedKey decryptItem(Map<String, AttributeValue> item) {
        ApiKeyInfo info = info(item);
        byte[] plaintext = cipher.decrypt(Attrs.bin(item, "ciphertext"), context(info.userId(), info.provider()));
        return new DecryptedKey(info, SecretValue.of(new String(plaintext, StandardCharsets.UTF_8)));
    }

    private static ApiKeyInfo info(Map<String, AttributeValue> item) {
        String createdAt = Attrs.str(item, "createdAt");
        return new ApiKeyInfo(Attrs.str(item, "userId"), Attrs.str(item, "keyId"), Attrs.str(item, "provider"),
                Attrs.str(item, "name"), Attrs.str(item, "keyHint"),
                createdAt == null ? Instant.EPOCH : Instant.parse(createdAt));
    }

    /** The KMS encryption context binding a ciphertext to its owner and provider. */
    static Map<String, String> context(String userId, String provider) {
        return Map.of("userId", userId, "provider", provider);
    }
}
