package dev.agentflow.shared.llm;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The LLM providers the llm node speaks to; all expose the OpenAI Chat Completions API.
 * {@link #defaultBaseUrl()} is null where the user must give {@code config.baseUrl} (Azure resource,
 * any OpenAI-compatible server).
 */
public enum LlmProvider {
    OPENAI("openai", "https://api.openai.com/v1", "OPENAI", true),
    AZURE("azure", null, "AZURE_OPENAI", true),
    DEEPSEEK("deepseek", "https://api.deepseek.com/v1", "DEEPSEEK", true),
    QWEN("qwen", "https://dashscope.aliyuncs.com/compatible-mode/v1", "DASHSCOPE", true),
    SILICONFLOW("siliconflow", "https://api.siliconflow.cn/v1", "SILICONFLOW", true),
    OLLAMA("ollama", "http://localhost:11434/v1", "OLLAMA", false),
    OPENAI_COMPATIBLE("openai-compatible", null, "OPENAI_COMPATIBLE", true);

    private final String wire;
    private final String defaultBaseUrl;
    private final String envPrefix;
    private final boolean needsKey;

    LlmProvider(String wire, String defaultBaseUrl, String envPrefix, boolean needsKey) {
        this.wire = wire;
        this.defaultBaseUrl = defaultBaseUrl;
        this.envPrefix = envPrefix;
        this.needsKey = needsKey;
    }

    /** The name in {@code config.provider} and in stored keys, e.g. {@code deepseek}. */
    public String wire() {
        return wire;
    }

    /** The provider's public endpoint, or null when the node must name one. */
    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    /** Prefix of the platform-key environment variables, e.g. {@code OPENAI} for OPENAI_API_KEY / OPENAI_BASE_URL. */
    public String envPrefix() {
        return envPrefix;
    }

    /** Whether calls need an API key (a local Ollama does not). */
    public boolean needsKey() {
        return needsKey;
    }

    /** Whether the provider accepts {@code max_completion_tokens} (OpenAI's current name) rather than {@code max_tokens}. */
    public boolean usesMaxCompletionTokens() {
        return this == OPENAI || this == AZURE;
    }

    /** The provider for a name (case-insensitive; {@code dashscope} = qwen, {@code custom} = openai-compatible). */
    public static Optional<LlmProvider> fromWire(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("dashscope")) {
            return Optional.of(QWEN);
        }
        if (n.equals("custom") || n.equals("openai_compatible")) {
            return Optional.of(OPENAI_COMPATIBLE);
        }
        return Arrays.stream(values()).filter(p -> p.wire.equals(n)).findFirst();
    }
}
