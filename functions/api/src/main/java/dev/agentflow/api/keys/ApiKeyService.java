package dev.agentflow.api.keys;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.api.http.ApiErrors;
import dev.agentflow.api.http.ApiException;
import dev.agentflow.api.http.JsonBody;
import dev.agentflow.core.json.Json;
import dev.agentflow.shared.keys.ApiKeyInfo;
import dev.agentflow.shared.keys.KeyVaultException;
import dev.agentflow.shared.keys.SecretValue;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Users' LLM API keys (seed 000 REQ-401): {@code POST {provider, name?, key}} encrypts and stores (only the
 * last four characters are kept readable); {@code GET} lists hints; {@code DELETE} removes. The plaintext
 * is never stored, logged or returned: it is wrapped in a {@link SecretValue} as soon as it is read.
 */
public final class ApiKeyService {

    /** Providers the llm node speaks to (functions/nodes LlmProvider wire names). */
    public static final Set<String> PROVIDERS =
            Set.of("openai", "azure", "deepseek", "qwen", "siliconflow", "ollama", "openai-compatible");
    /** Longest key accepted. */
    public static final int MAX_KEY = 512;
    /** Shortest key accepted. */
    public static final int MIN_KEY = 8;
    private static final Pattern KEY_CHARS = Pattern.compile("[\\x21-\\x7E]+");

    private final ApiKeyStore store;

    /** @param store the vault */
    public ApiKeyService(ApiKeyStore store) {
        this.store = store;
    }

    /**
     * Validates and stores a key.
     *
     * @throws ApiException 400 VALIDATION_ERROR naming the field (the message never echoes the key);
     *                      503 when encryption fails
     */
    public ApiKeyInfo add(String userId, ObjectNode body) {
        String provider = JsonBody.requiredString(body, "provider", 1, 40);
        if (!PROVIDERS.contains(provider)) {
            throw ApiException.validation("provider", "'provider' must be one of " + String.join(", ", PROVIDERS.stream().sorted().toList()) + ".");
        }
        String name = JsonBody.optionalString(body, "name", 100);
        if (body.has("baseUrl") && !body.get("baseUrl").isNull()) {
            throw ApiException.validation("baseUrl",
                    "'baseUrl' is not stored with keys; set it on the llm node's config (config.baseUrl).");
        }
        if (!body.path("key").isTextual()) {
            throw ApiException.validation("key", "'key' is required and must be a string.");
        }
        String raw = body.get("key").asText().trim();
        if (raw.length() < MIN_KEY || raw.length() > MAX_KEY || !KEY_CHARS.matcher(raw).matches()) {
            throw ApiException.validation("key", "'key' must be " + MIN_KEY + " to " + MAX_KEY
                    + " printable characters without spaces.");
        }
        SecretValue key = SecretValue.of(raw);
        try {
            return store.store(userId, provider, name, key);
        } catch (KeyVaultException e) {
            throw new ApiException(503, ApiErrors.SERVICE_UNAVAILABLE, "The key could not be encrypted; try again.", null);
        }
    }

    /** The caller's keys, newest first. */
    public List<ApiKeyInfo> list(String userId) {
        return store.list(userId);
    }

    /** Deletes one of the caller's keys. @throws ApiException 404 API_KEY_NOT_FOUND */
    public void delete(String userId, String keyId) {
        if (!store.delete(userId, keyId)) {
            throw ApiException.notFound(ApiErrors.API_KEY_NOT_FOUND, "API key " + keyId + " not found.");
        }
    }

    /** {@code {id, provider, name, keyHint, createdAt}}: never the key. */
    public static ObjectNode view(ApiKeyInfo k) {
        return Json.object().put("id", k.keyId()).put("provider", k.provider()).put("name", k.name())
                .put("keyHint", k.keyHint()).put("createdAt", k.createdAt().toString());
    }
}
