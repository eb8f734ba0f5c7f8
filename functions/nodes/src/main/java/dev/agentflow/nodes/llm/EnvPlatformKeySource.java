package dev.agentflow.nodes.llm;

import dev.agentflow.shared.keys.SecretValue;
import dev.agentflow.shared.llm.LlmProvider;
import java.util.Map;
import java.util.Optional;

/**
 * Platform keys from environment variables, read once: {@code <PREFIX>_API_KEY} and optionally
 * {@code <PREFIX>_BASE_URL}, where the prefix is {@link LlmProvider#envPrefix()} ({@code OPENAI_API_KEY} /
 * {@code OPENAI_BASE_URL}, {@code DEEPSEEK_API_KEY}, {@code DASHSCOPE_API_KEY}…). This is how a local run
 * points the llm node at OpenAI, a compatible server or a mock.
 */
public final class EnvPlatformKeySource implements PlatformKeySource {

    private final Map<String, String> env;

    /** @param env the environment (System.getenv() at the edge) */
    public EnvPlatformKeySource(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public Optional<PlatformKey> keyFor(LlmProvider provider) {
        String key = env.get(provider.envPrefix() + "_API_KEY");
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        String baseUrl = env.get(provider.envPrefix() + "_BASE_URL");
        return Optional.of(new PlatformKey(SecretValue.of(key), baseUrl == null || baseUrl.isBlank() ? null : baseUrl.trim()));
    }

    @Override
    public String howToConfigure(LlmProvider provider) {
        return "set " + provider.envPrefix() + "_API_KEY (and " + provider.envPrefix()
                + "_BASE_URL for any OpenAI-compatible server, e.g. http://127.0.0.1:11434/v1 for Ollama) in the"
                + " environment of the local cloud (the shell that runs ./agentflow up, or ./agentflow run without up)";
    }
}
