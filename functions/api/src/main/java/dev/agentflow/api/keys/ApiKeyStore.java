package dev.agentflow.api.keys;

import dev.agentflow.shared.keys.ApiKeyInfo;
import dev.agentflow.shared.keys.SecretValue;
import java.util.List;

/**
 * What the API needs of the key vault (seed 000 REQ-401): store encrypted, list without secrets,
 * delete. {@link KeyVaultApiKeyStore} adapts {@link dev.agentflow.shared.keys.KeyVault} (KMS).
 */
public interface ApiKeyStore {

    /** Encrypts and stores a key. @throws dev.agentflow.shared.keys.KeyVaultException when encryption fails */
    ApiKeyInfo store(String userId, String provider, String name, SecretValue key);

    /** The user's keys, newest first, without secrets. */
    List<ApiKeyInfo> list(String userId);

    /** Deletes one of the user's keys. @return whether it existed */
    boolean delete(String userId, String keyId);
}
