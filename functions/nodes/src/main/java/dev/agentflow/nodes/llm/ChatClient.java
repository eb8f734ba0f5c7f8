package dev.agentflow.nodes.llm;

import java.time.Duration;
import java.util.function.Consumer;

/** Calls an OpenAI-compatible Chat Completions endpoint (port; {@link OpenAiChatClient} is the real one). */
public interface ChatClient {

    /**
     * Runs one chat completion, without retrying.
     *
     * @param onDelta receives streamed text as it arrives when {@code request.stream()}; may be null otherwise
     * @throws LlmCallException classified failure
     */
    ChatResult complete(ChatRequest request, LlmEndpoint endpoint, Duration timeout, Consumer<String> onDelta);
}
