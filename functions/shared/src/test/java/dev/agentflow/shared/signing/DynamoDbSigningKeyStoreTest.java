package dev.agentflow.shared.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentflow.shared.keys.SecretValue;
import dev.agentflow.shared.testing.DynamoDbLocal;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The signing-secret item of a workflow: conditional create and rotation, and no secret stored. */
class DynamoDbSigningKeyStoreTest {

    private static final Instant T0 = Instant.parse("2026-02-01T08:00:00Z");
    private final String table = DynamoDbLocal.freshTables().get("WorkflowsTable");
    private final DynamoDbSigningKeyStore store = new DynamoDbSigningKeyStore(DynamoDbLocal.client(), table);
    private final SecretValue master = SecretValue.of("master-key-for-tests-0123456789");

    private SigningKeyRecord record(String nonce, Instant rotatedAt) {
        return new SigningKeyRecord("wf_1", "alice", nonce,
                SigningSecrets.hash(SigningSecrets.derive(master, "wf_1", nonce).reveal()), T0, rotatedAt);
    }

    @Test
    void create_isOncePerWorkflow_andFindReadsItBack() {
        assertTrue(store.create(record("n1", T0)));
        assertFalse(store.create(record("n2", T0)));

        assertEquals(Optional.of(record("n1", T0)), store.find("wf_1"));
        assertEquals(Optional.empty(), store.find("wf_2"));
    }

    @Test
    void rotate_isConditionalOnTheNonceItReplaces() {
        store.create(record("n1", T0));

        assertTrue(store.rotate(record("n2", T0.plusSeconds(60)), "n1"));
        assertFalse(store.rotate(record("n3", T0.plusSeconds(90)), "n1"), "a second rotation based on n1 lost the race");
        assertEquals("n2", store.find("wf_1").orElseThrow().nonce());
        assertFalse(store.rotate(new SigningKeyRecord("wf_9", "alice", "x", "h", T0, T0), "n1"), "nothing to rotate");
    }

    @Test
    void storedItem_shouldNeverHoldTheSecret() {
        String secret = SigningSecrets.derive(master, "wf_1", "n1").reveal();
        store.create(record("n1", T0));

        String items = DynamoDbLocal.scan(table).toString();
        assertFalse(items.contains(secret), items);
        assertFalse(items.contains("whsec_"), items);
        assertTrue(items.contains(SigningSecrets.hash(secret)));
    }

    @Test
    void delete_removesIt() {
        store.create(record("n1", T0));
        store.delete("wf_1");
        store.delete("wf_1");
        assertEquals(Optional.empty(), store.find("wf_1"));
    }
}
