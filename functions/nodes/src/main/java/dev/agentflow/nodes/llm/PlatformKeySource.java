package dev.agentflow.nodes.llm;

import dev.agentflow.shared.llm.LlmProvider;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where the platform's LLM keys come from: the environment locally ({@link EnvPlatformKeySource}),
 * Secrets Manager in the cloud ({@link SecretsManagerPlatformKeySource}).
 */
public interface PlatformKeySource {

    /** The platform key for a provider, if configured. */
    Optional<PlatformKey> keyFor(LlmProvider provider);

    /** How an operator provides the key for a provider, for the no-key error message. */
    String howToConfigure(LlmProvider provider);

    /** The first source that has a key, asked in order. */
    static PlatformKeySource firstOf(List<PlatformKeySource> sources) {
        return new PlatformKeySource() {
            @Override
            public Optional<PlatformKey> keyFor(LlmProvider provider) {
                for (PlatformKeySource s : sources) {
                    Optional<PlatformKey> key = s.keyFor(provider);
                    if (key.isPresent()) {
                        return key;
                    }
                }
                return Optional.empty();
            }

            @Override
            public String howToConfigure(LlmProvider provider) {
                return sources.stream().map(s -> s.howToConfigure(provider)).collect(Collectors.joining("; or "));
            }
        };
    }
}
