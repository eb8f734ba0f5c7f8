package dev.agentflow.nodes.llm;

import dev.agentflow.core.error.LlmAuthError;
import dev.agentflow.core.error.NodeConfigInvalid;
import dev.agentflow.core.error.NodeExecutionFailed;
import dev.agentflow.shared.net.UrlGuard;
import dev.agentflow.shared.keys.KeyVault;
import dev.agentflow.shared.keys.KeyVaultException;
import dev.agentflow.shared.keys.SecretValue;
import java.net.URI;
import java.util.Optional;

/**
 * Chooses the key and endpoint of an LLM call: the user's stored key ({@code config.apiKeyId}, else the
 * newest one stored for the provider), else the platform key. A custom {@code config.baseUrl} is used
 * only with the user's own key (the platform key is never sent to an endpoint a workflow names) and is
 * checked by the SSRF guard. With no key at all: LLM_AUTH_ERROR saying how to provide one.
 */
public final class LlmCredentialResolver {

    private final KeyVault vault;
    private final PlatformKeySource platform;
    private final UrlGuard baseUrlGuard;

    /**
     * @param vault        users' stored keys, or null when the function has no access to them
     * @param platform     the platform keys
     * @param baseUrlGuard checks user-supplied base URLs
     */
    public LlmCredentialResolver(KeyVault vault, PlatformKeySource platform, UrlGuard baseUrlGuard) {
        this.vault = vault;
        this.platform = platform;
        this.baseUrlGuard = baseUrlGuard;
    }

    /**
     * Resolves the endpoint.
     *
     * @param nodeId     for messages
     * @param userId     the execution's user, or null
     * @param provider   the configured provider, or null (then the stored key's, else openai)
     * @param baseUrl    {@code config.baseUrl}, or null
     * @param apiKeyId   {@code config.apiKeyId}, or null
     * @throws LlmAuthError        when there is no usable key
     * @throws NodeConfigInvalid   when provider, key and base URL do not fit together
     */
    public LlmEndpoint resolve(String nodeId, String userId, LlmProvider provider, String baseUrl, String apiKeyId) {
        Optional<KeyVault.DecryptedKey> userKey = userKey(nodeId, userId, provider, apiKeyId);
        LlmProvider effective = provider != null ? provider
                : userKey.flatMap(k -> LlmProvider.fromWire(k.info().provider())).orElse(LlmProvider.OPENAI);
        if (userKey.isPresent()) {
            String url = baseUrl != null ? checkedBaseUrl(nodeId, baseUrl) : requireDefault(nodeId, effective);
            return new LlmEndpoint(effective, url, userKey.get().key(),
                    "your stored " + effective.wire() + " key " + userKey.get().info().keyId());
        }
        if (!effective.needsKey()) {
            String url = baseUrl != null ? checkedBaseUrl(nodeId, baseUrl) : requireDefault(nodeId, effective);
            return new LlmEndpoint(effective, url, SecretValue.of("ollama"), "no key (" + effective.wire() + ")");
        }
        Optional<PlatformKey> platformKey = platformKey(effective);
        if (platformKey.isPresent() && baseUrl == null) {
            String url = platformKey.get().baseUrl() != null ? platformKey.get().baseUrl() : requireDefault(nodeId, effective);
            return new LlmEndpoint(effective, url, platformKey.get().apiKey(), "the platform key");
        }
        if (platformKey.isPresent()) {
            throw new LlmAuthError("Node " + nodeId + " sets config.baseUrl, which needs your own API key: the platform"
                    + " key is only sent to the platform's endpoint. Store a " + effective.wire()
                    + " key with POST /api/v1/api-keys, or remove config.baseUrl.", null);
        }
        throw new LlmAuthError("No API key for provider '" + effective.wire() + "' (node " + nodeId + "). Store one with"
                + " POST /api/v1/api-keys {\"provider\": \"" + effective.wire() + "\", \"key\": \"…\"}"
                + (userId == null ? " (this execution has no user, so stored keys cannot be used)" : "")
                + ", or provide the platform key: " + platform.howToConfigure(effective) + ".", null);
    }

    private Optional<KeyVault.DecryptedKey> userKey(String nodeId, String userId, LlmProvider provider, String apiKeyId) {
        if (vault == null || userId == null) {
            if (apiKeyId != null) {
                throw new LlmAuthError("Node " + nodeId + " names API key " + apiKeyId
                        + " but this execution has no user whose keys could be read", null);
            }
            return Optional.empty();
        }
        try {
            if (apiKeyId != null) {
                KeyVault.DecryptedKey key = vault.decrypt(userId, apiKeyId).orElseThrow(() -> new LlmAuthError(
                        "API key " + apiKeyId + " (node " + nodeId + ") was not found among your stored keys", null));
                if (provider != null && !provider.wire().equals(key.info().provider())) {
                    throw new NodeConfigInvalid("Node " + nodeId + ": config.apiKeyId " + apiKeyId + " is a "
                            + key.info().provider() + " key but config.provider is " + provider.wire(), null);
                }
                return Optional.of(key);
            }
            return vault.decryptForProvider(userId, (provider == null ? LlmProvider.OPENAI : provider).wire());
        } catch (KeyVaultException e) {
            throw new NodeExecutionFailed("Your stored API key could not be decrypted: " + e.getMessage(), null);
        }
    }

    private Optional<PlatformKey> platformKey(LlmProvider provider) {
        try {
            return platform.keyFor(provider);
        } catch (RuntimeException e) {
            throw new NodeExecutionFailed("The platform LLM key could not be read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), null);
        }
    }

    private String checkedBaseUrl(String nodeId, String baseUrl) {
        URI uri;
        try {
            uri = URI.create(baseUrl.trim());
        } catch (IllegalArgumentException e) {
            throw new NodeConfigInvalid("Node " + nodeId + ": config.baseUrl is not a valid URL", null);
        }
        try {
            baseUrlGuard.check(uri);
        } catch (UrlGuard.Refused e) {
            throw new NodeConfigInvalid("Node " + nodeId + ": config.baseUrl refused: " + e.getMessage(), null);
        }
        return baseUrl.trim();
    }

    private static String requireDefault(String nodeId, LlmProvider provider) {
        if (provider.defaultBaseUrl() == null) {
            throw new NodeConfigInvalid("Node " + nodeId + ": provider " + provider.wire()
                    + " needs config.baseUrl (e.g. https://<resource>.openai.azure.com/openai/v1 for azure)", null);
        }
        return provider.defaultBaseUrl();
    }
}
