package dev.agentflow.nodes.llm;

/**
 * A completed chat (seed 000 LLMNodeOutput).
 *
 * @param text             generated text
 * @param model            model that answered
 * @param finishReason     stop, length, content_filter…, or null
 * @param promptTokens     prompt tokens (0 when the provider did not report usage)
 * @param completionTokens completion tokens
 * @param totalTokens      total tokens
 */
public record ChatResult(String text, String model, String finishReason, long promptTokens, long completionTokens,
                         long totalTokens) {
}
