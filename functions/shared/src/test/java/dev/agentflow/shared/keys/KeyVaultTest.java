package dev.agentflow.shared.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentflow.shared.store.Attrs;
import dev.agentflow.shared.testing.AesGcmKeyCipher;
import dev.agentflow.shared.testing.DynamoDbLocal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

class KeyVaultTest {

    private static final String KEY = "sk-test-0123456789abcdefWXYZ";
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-29T10:00:00Z"));
    private KeyVault vault;
    private String table;

    @BeforeEach
    void setUp() {
        table = DynamoDbLocal.freshTables().get("ApiKeysTable");
        Clock clock = new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now.get(); }
        };
        vault = new KeyVault(DynamoDbLocal.client(), table, new AesGcmKeyCipher(), clock);
    }

    @Test
    void store_shouldKeepOnlyCiphertextAndHint() {
        ApiKeyInfo info = vault.store("user_1", "openai", "my key", SecretValue.of(KEY));

        assertEquals("WXYZ", info.keyHint());
        List<Map<String, AttributeValue>> items = DynamoDbLocal.scan(table);
        assertEquals(1, items.size());
        String everything = items.get(0).toString() + new String(Attrs.bin(items.get(0), "ciphertext"), StandardCharsets.ISO_8859_1);
        assertFalse(everything.contains(KEY));
        assertFalse(everything.contains("0123456789abcdef"));
    }

    @Test
    void decrypt_byIdOrProvider_shouldReturnThePlaintext() {
        ApiKeyInfo info = vault.store("user_1", "openai", null, SecretValue.of(KEY));

        assertEquals(KEY, vault.decrypt("user_1", info.keyId()).orElseThrow().key().reveal());
        assertEquals(KEY, vault.decryptForProvider("user_1", "openai").orElseThrow().key().reveal());
        assertTrue(vault.decryptForProvider("user_1", "deepseek").isEmpty());
    }

    @Test
    void decrypt_whenAnotherUsersKeyId_shouldFindNothing() {
        ApiKeyInfo info = vault.store("user_1", "openai", null, SecretValue.of(KEY));

        assertTrue(vault.decrypt("user_2", info.keyId()).isEmpty());
    }

    @Test
    void decrypt_whenCiphertextMovedToAnotherUser_shouldFailBecauseOfTheEncryptionContext() {
        ApiKeyInfo info = vault.store("user_1", "openai", null, SecretValue.of(KEY));
        Map<String, AttributeValue> item = new java.util.HashMap<>(DynamoDbLocal.scan(table).get(0));
        item.put("userId", Attrs.s("user_2"));
        DynamoDbLocal.client().putItem(PutItemRequest.builder().tableName(table).item(item).build());

        assertThrows(KeyVaultException.class, () -> vault.decrypt("user_2", info.keyId()));
    }

    @Test
    void decryptForProvider_shouldPickTheNewestKey() {
        vault.store("user_1", "openai", "old", SecretValue.of("sk-old-000000000000000"));
        now.set(now.get().plusSeconds(60));
        vault.store("user_1", "openai", "new", SecretValue.of(KEY));

        assertEquals(KEY, vault.decryptForProvider("user_1", "openai").orElseThrow().key().reveal());
        assertEquals("new", vault.list("user_1").get(0).name());
    }

    @Test
    void delete_shouldRemoveTheKey() {
        ApiKeyInfo info = vault.store("user_1", "openai", null, SecretValue.of(KEY));

        assertTrue(vault.delete("user_1", info.keyId()));
        assertFalse(vault.delete("user_1", info.keyId()));
        assertTrue(vault.list("user_1").isEmpty());
    }

    @Test
    void secretValue_toString_shouldBeMasked() {
        assertFalse(SecretValue.of(KEY).toString().contains("WXYZ"));
        assertFalse(new KeyVault.DecryptedKey(null, SecretValue.of(KEY)).toString().contains(KEY));
    }
}
