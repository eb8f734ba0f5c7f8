package dev.agentflow.nodes.llm;

import dev.agentflow.shared.keys.SecretValue;

/**
 * The platform's own key for a provider, used when the user stored none.
 *
 * @param apiKey  the key
 * @param baseUrl an endpoint override (OPENAI_BASE_URL), or null for the provider's default
 */
public record PlatformKey(SecretValue apiKey, String baseUrl) {
}
