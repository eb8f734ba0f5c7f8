package dev.agentflow.shared.keys;

import java.time.Instant;

/**
 * A stored API key as the API may show it: never the key, only its last four characters.
 *
 * @param userId    owner (JWT {@code sub})
 * @param keyId     the key's id, {@code key_<uuid>}
 * @param provider  LLM provider, e.g. {@code openai}
 * @param name      user's label, or null
 * @param keyHint   last four characters, or empty
 * @param createdAt when stored
 */
public record ApiKeyInfo(String userId, String keyId, String provider, String name, String keyHint, Instant createdAt) {
}
