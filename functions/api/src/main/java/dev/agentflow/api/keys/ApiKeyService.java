package dev.agentflow.api.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.api.http.ApiErrors;
import dev.agentflow.api.http.ApiException;
import dev.agentflow.api.http.JsonBody;
import dev.agentflow.core.json.Json;
import dev.agentflow.shared.keys.ApiKeyInfo;
import dev.agentflow.shared.keys.KeyVaultException;
import dev.agentflow.shared.keys.SecretValue;
import dev.agentflow.shared.llm.LlmProvider;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Users' LLM API keys (seed 000 REQ-401): {@code POST {provider, name?, key, baseUrl?, verify?}} checks the key
 * with the provider when asked (REQ-401-3: {@code verify: true}, or a {@code baseUrl} given without
 * {@code verify: false}; {@link KeyVerifier}), then encrypts and stores it (only the last four characters are
 * kept readable); {@code GET} lists hints; {@code DELETE} removes. {@code baseUrl} is where the key is checked
 * (default: the provider's public endpoint), not stored: the llm node takes its endpoint from its own config.
 * A key that fails the check is not stored. The plaintext is never stored, logged or returned: it is wrapped in
 * a {@link SecretValue} as soon as it is read.
 */
public final class ApiKeyService {

    /** Providers the llm node speaks to ({@link LlmProvider} wire names). */
    public static final Set<String> PROVIDERS = Arrays.stream(LlmProvider.values()).map(LlmProvider::wire)
            .collect(Collectors.toUnmodifiableSet());
    /** Longest key accepted. */
    public static final int MAX_KEY = 512;
    /** Shortest key accepted. */
    public static final int MIN_KEY = 8;
    /** Longest base URL accepted. */
    public static final int MAX_BASE_URL = 2048;
    private static final Pattern KEY_CHARS = Pattern.compile("[\\x21-\\x7E]+");

    /** A stored key and whether the provider checked it first. */
    public record Added(ApiKeyInfo info, boolean verified) {
    }

    private final ApiKeyStore store;
    private final KeyVerifier verifier;

    /** @param store the vault; keys cannot be verified (a request asking for it gets 503) */
    public ApiKeyService(ApiKeyStore store) {
        this(store, KeyVerifier.unavailable());
    }

    /** @param store the vault; @param verifier checks keys with their provider */
    public ApiKeyService(ApiKeyStore store, KeyVerifier verifier) {
        this.store = store;
        this.verifier = verifier;
    }

    /**
     * Validates, optionally verifies with the provider, and stores a key.
     *
     * @throws ApiException 400 VALIDATION_ERROR naming the field (the message never echoes the key);
     *                      400 API_KEY_INVALID when the provider rejected the key ({@code details.providerStatus});
     *                      503 PROVIDER_UNAVAILABLE when the provider could not check it; 503 when encryption fails
     */
    public Added add(String userId, ObjectNode body) {
        String provider = JsonBody.requiredString(body, "provider", 1, 40);
        if (!PROVIDERS.contains(provider)) {
            throw ApiException.validation("provider", "'provider' must be one of " + String.join(", ", PROVIDERS.stream().sorted().toList()) + ".");
        }
        String name = JsonBody.optionalString(body, "name", 100);
        String baseUrl = JsonBody.optionalString(body, "baseUrl", MAX_BASE_URL);
        JsonNode verifyField = body.get("verify");
        if (verifyField != null && !verifyField.isNull() && !verifyField.isBoolean()) {
            throw ApiException.validation("verify", "'verify' must be true or false.");
        }
        boolean verify = verifyField != null && verifyField.isBoolean() ? verifyField.asBoolean() : baseUrl != null;
        if (!body.path("key").isTextual()) {
            throw ApiException.validation("key", "'key' is required and must be a string.");
        }
        String raw = body.get("key").asText().trim();
        if (raw.length() < MIN_KEY || raw.length() > MAX_KEY || !KEY_CHARS.matcher(raw).matches()) {
            throw ApiException.validation("key", "'key' must be " + MIN_KEY + " to " + MAX_KEY
                    + " printable characters without spaces.");
        }
        SecretValue key = SecretValue.of(raw);
        if (verify) {
            check(LlmProvider.fromWire(provider).orElseThrow(), baseUrl, key);
        }
        try {
            return new Added(store.store(userId, provider, name, key), verify);
        } catch (KeyVaultException e) {
            throw new ApiException(503, ApiErrors.SERVICE_UNAVAILABLE, "The key could not be encrypted; try again.", null);
        }
    }

    private void check(LlmProvider provider, String baseUrl, SecretValue key) {
        String url = baseUrl != null ? baseUrl : provider.defaultBaseUrl();
        if (url == null) {
            throw ApiException.validation("baseUrl", "Provider " + provider.wire() + " has no public endpoint to check the"
                    + " key with: give 'baseUrl', or \"verify\": false to store it unchecked.");
        }
        KeyVerifier.Verdict v = verifier.verify(provider, url, key);
        ObjectNode details = Json.object().put("provider", provider.wire()).put("providerStatus", v.providerStatus());
        switch (v.outcome()) {
            case VALID -> {
            }
            case REJECTED -> throw new ApiException(400, ApiErrors.API_KEY_INVALID, v.message(), details.put("field", "key"));
            case NOT_AN_LLM_API, REFUSED -> throw new ApiException(400, ApiErrors.VALIDATION_ERROR, v.message(),
                    details.put("field", "baseUrl"));
            case UNAVAILABLE -> throw new ApiException(503, ApiErrors.PROVIDER_UNAVAILABLE, v.message(), details);
            default -> throw new IllegalStateException("unknown outcome " + v.outcome());
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

    /** {@code {id, provider, name, keyHint, createdAt, verified}} of a key just added: never the key. */
    public static ObjectNode view(Added added) {
        return view(added.info()).put("verified", added.verified());
    }

    /** {@code {id, provider, name, keyHint, createdAt}}: never the key. */
    public static ObjectNode view(ApiKeyInfo k) {
        return Json.object().put("id", k.keyId()).put("provider", k.provider()).put("name", k.name())
                .put("keyHint", k.keyHint()).put("createdAt", k.createdAt().toString());
    }
}
