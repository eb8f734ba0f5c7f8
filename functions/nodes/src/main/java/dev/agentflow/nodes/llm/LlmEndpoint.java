package dev.agentflow.nodes.llm;

import dev.agentflow.shared.keys.SecretValue;
import dev.agentflow.shared.llm.LlmProvider;

/**
 * Where and with what key an LLM call goes.
 *
 * @param provider  the provider
 * @param baseUrl   the OpenAI-compatible base URL, e.g. {@code https://api.deepseek.com/v1}
 * @param apiKey    the key (masked when printed)
 * @param keySource where the key came from, for messages: {@code "your stored key key_…"} or {@code "the platform key"}
 */
public record LlmEndpoint(LlmProvider provider, String baseUrl, SecretValue apiKey, String keySource) {
}
