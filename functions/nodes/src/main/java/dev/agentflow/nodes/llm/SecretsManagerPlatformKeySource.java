package dev.agentflow.nodes.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.core.json.Json;
import dev.agentflow.shared.keys.SecretValue;
import dev.agentflow.shared.llm.LlmProvider;
import dev.agentflow.shared.secrets.SecretReader;
import java.util.Optional;

/**
 * Platform keys from one Secrets Manager secret ({@code PLATFORM_LLM_SECRET_ID}). The secret string is
 * either a bare key (for openai), {@code {"apiKey": "…", "baseUrl": "…"}} (for openai), or one entry per
 * provider: {@code {"openai": {"apiKey": "…"}, "deepseek": {"apiKey": "…"}}}.
 */
public final class SecretsManagerPlatformKeySource implements PlatformKeySource {

    private final SecretReader reader;
    private final String secretId;

    /** @param reader Secrets Manager (cached); @param secretId the secret's name or ARN */
    public SecretsManagerPlatformKeySource(SecretReader reader, String secretId) {
        this.reader = reader;
        this.secretId = secretId;
    }

    @Override
    public Optional<PlatformKey> keyFor(LlmProvider provider) {
        Optional<SecretValue> secret = reader.read(secretId);
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        String text = secret.get().reveal().trim();
        if (!text.startsWith("{")) {
            return provider == LlmProvider.OPENAI ? Optional.of(new PlatformKey(SecretValue.of(text), null)) : Optional.empty();
        }
        JsonNode json;
        try {
            json = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The platform LLM secret " + secretId + " is not valid JSON", null);
        }
        JsonNode entry = json.has("apiKey") ? (provider == LlmProvider.OPENAI ? json : null) : json.get(provider.wire());
        if (entry == null || !entry.path("apiKey").isTextual() || entry.path("apiKey").asText().isBlank()) {
            return Optional.empty();
        }
        String baseUrl = entry.path("baseUrl").isTextual() ? entry.path("baseUrl").asText() : null;
        return Optional.of(new PlatformKey(SecretValue.of(entry.path("apiKey").asText()), baseUrl));
    }

    @Override
    public String howToConfigure(LlmProvider provider) {
        return "in the cloud, put it in the Secrets Manager secret '" + secretId + "' as {\"" + provider.wire()
                + "\": {\"apiKey\": \"…\"}}";
    }
}
