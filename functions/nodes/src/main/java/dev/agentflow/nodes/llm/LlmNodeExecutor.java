package dev.agentflow.nodes.llm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.error.LlmApiError;
import dev.agentflow.core.error.LlmAuthError;
import dev.agentflow.core.error.NodeExecutionFailed;
import dev.agentflow.core.error.NodeTimeout;
import dev.agentflow.core.json.Json;
import dev.agentflow.nodes.runtime.NodeConfig;
import dev.agentflow.nodes.runtime.NodeContext;
import dev.agentflow.nodes.runtime.NodeExecutor;
import dev.agentflow.nodes.runtime.NodeResult;
import dev.agentflow.nodes.runtime.StreamingOutput;
import dev.agentflow.shared.llm.LlmProvider;
import java.time.Duration;

/**
 * The llm node (seed 000 LLMNodeConfig / LLMNodeOutput, seed 001 §7.4): {@code model}, {@code systemPrompt},
 * {@code userPrompt} ({@code {{ }}} rendered), {@code temperature} (0–2), {@code maxTokens},
 * {@code streaming}, {@code provider}, {@code apiKeyId}, {@code baseUrl}. Output {@code {text}}; metadata
 * {@code tokensUsed {prompt, completion, total}}, {@code model}, {@code finishReason}.
 *
 * <p>With streaming on, text is pushed as {@code execution:node_output} events as it arrives. 429, 5xx and
 * network errors are retried with {@link Backoff} while the node's deadline allows; 401/403 are not
 * (LLM_AUTH_ERROR). Other failures are LLM_API_ERROR with the provider's message; the key is registered
 * with the scrubber so no message, output or event can carry it.
 */
public final class LlmNodeExecutor implements NodeExecutor {

    private final LlmCredentialResolver credentials;
    private final ChatClient chat;
    private final Backoff backoff;
    private final Sleeper sleeper;

    /**
     * @param credentials chooses key and endpoint
     * @param chat        the provider client
     * @param backoff     retry schedule
     * @param sleeper     waits between retries
     */
    public LlmNodeExecutor(LlmCredentialResolver credentials, ChatClient chat, Backoff backoff, Sleeper sleeper) {
        this.credentials = credentials;
        this.chat = chat;
        this.backoff = backoff;
        this.sleeper = sleeper;
    }

    @Override
    public NodeResult execute(NodeContext ctx) {
        NodeConfig config = ctx.config();
        String nodeId = ctx.node().id();
        String model = config.requiredString("model");
        LlmProvider provider = config.string("provider")
                .map(p -> LlmProvider.fromWire(p).orElseThrow(() -> config.invalid("provider",
                        "is not a known provider (openai, azure, deepseek, qwen, siliconflow, ollama, openai-compatible)")))
                .orElse(null);
        String systemPrompt = config.string("systemPrompt").map(t -> ctx.render("systemPrompt", t)).orElse(null);
        String userPrompt = ctx.render("userPrompt", config.requiredString("userPrompt"));
        Double temperature = config.number("temperature", 0, 2).orElse(null);
        Long maxTokens = config.whole("maxTokens", 1, 1_000_000).orElse(null);
        boolean streaming = config.bool("streaming", false);

        ObjectNode inputs = Json.object();
        inputs.put("provider", provider == null ? null : provider.wire());
        inputs.put("model", model);
        inputs.put("systemPrompt", systemPrompt);
        inputs.put("userPrompt", userPrompt);
        if (temperature != null) {
            inputs.put("temperature", temperature);
        }
        if (maxTokens != null) {
            inputs.put("maxTokens", maxTokens);
        }
        inputs.put("streaming", streaming);
        ctx.recordInputs(inputs);

        LlmEndpoint endpoint = credentials.resolve(nodeId, ctx.execution().userId(), provider,
                config.string("baseUrl").orElse(null), config.string("apiKeyId").orElse(null));
        ctx.secrets().register(endpoint.apiKey());
        inputs.put("provider", endpoint.provider().wire());

        ChatRequest request = new ChatRequest(model, systemPrompt, userPrompt, temperature, maxTokens, streaming);
        CallOutcome outcome = callWithRetries(ctx, request, endpoint);
        ChatResult result = outcome.result();

        ObjectNode output = Json.object();
        output.put("text", result.text());
        ObjectNode metadata = Json.object();
        ObjectNode tokens = metadata.putObject("tokensUsed");
        tokens.put("prompt", result.promptTokens());
        tokens.put("completion", result.completionTokens());
        tokens.put("total", result.totalTokens());
        metadata.put("model", result.model() == null ? model : result.model());
        metadata.put("finishReason", result.finishReason());
        metadata.put("provider", endpoint.provider().wire());
        metadata.put("attempts", outcome.attempts());
        return new NodeResult(output, metadata);
    }

    private record CallOutcome(ChatResult result, int attempts) {
    }

    private CallOutcome callWithRetries(NodeContext ctx, ChatRequest request, LlmEndpoint endpoint) {
        String nodeId = ctx.node().id();
        for (int attempt = 1; ; attempt++) {
            Duration remaining = ctx.remaining();
            if (remaining.compareTo(Duration.ofMillis(100)) < 0) {
                throw new NodeTimeout("Node " + nodeId + ": the " + endpoint.provider().wire()
                        + " call did not finish before the node's timeout", null);
            }
            StreamingOutput stream = request.stream() ? ctx.openOutputStream() : null;
            try {
                ChatResult result = chat.complete(request, endpoint, remaining, stream == null ? null : stream::append);
                return new CallOutcome(result, attempt);
            } catch (LlmCallException e) {
                String message = ctx.secrets().scrub(e.getMessage());
                switch (e.kind()) {
                    case AUTH -> throw new LlmAuthError("The " + endpoint.provider().wire() + " API refused "
                            + endpoint.keySource() + " (HTTP " + e.status() + "): " + message, e);
                    case TIMEOUT -> throw new NodeTimeout("Node " + nodeId + ": " + endpoint.provider().wire()
                            + " did not answer before the node's timeout: " + message, e);
                    case RETRYABLE -> {
                        Duration wait = backoff.delay(attempt, e.retryAfter());
                        boolean canRetry = attempt < backoff.maxAttempts() && !e.streamed()
                                && ctx.remaining().minus(wait).compareTo(Duration.ofMillis(500)) > 0;
                        if (!canRetry) {
                            throw new LlmApiError("The " + endpoint.provider().wire() + " API failed after " + attempt
                                    + (attempt == 1 ? " attempt" : " attempts") + ": " + message, e);
                        }
                        pause(wait);
                    }
                    default -> throw new LlmApiError("The " + endpoint.provider().wire() + " API failed: " + message, e);
                }
            } finally {
                if (stream != null) {
                    stream.close();
                }
            }
        }
    }

    private void pause(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NodeExecutionFailed("Interrupted while waiting to retry the LLM call", e);
        }
    }
}
