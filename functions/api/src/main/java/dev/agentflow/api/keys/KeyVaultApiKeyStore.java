package dev.agentflow.api.keys;

import dev.agentflow.shared.keys.ApiKeyInfo;
import dev.agentflow.shared.keys.KeyVault;
import dev.agentflow.shared.keys.SecretValue;
import java.util.List;

/** {@link ApiKeyStore} on the shared {@link KeyVault} (KMS encryption context {userId, provider}). */
public final class KeyVaultApiKeyStore implements ApiKeyStore {

    private final KeyVault vault;

    /** @param vault the vault, built once per container */
    public KeyVaultApiKeyStore(KeyVault vault) {
        this.vault = vault;
    }

    @Override
    public ApiKeyInfo store(String userId, String provider, String name, SecretValue key) {
        return vault.store(userId, provider, name, key);
    }

    @Override
    public List<ApiKeyInfo> list(String userId) {
        return vault.list(userId);
    }

    @Override
    public boolean delete(String userId, String keyId) {
        return vault.delete(userId, keyId);
    }
}
