package dev.agentflow.nodes.llm;

/**
 * One chat completion request (seed 000 LLMNodeConfig after rendering).
 *
 * @param model        model name
 * @param systemPrompt system prompt, or null
 * @param userPrompt   user prompt
 * @param temperature  0–2, or null for the provider default
 * @param maxTokens    output token cap, or null
 * @param stream       whether to stream (SSE)
 */
public record ChatRequest(String model, String systemPrompt, String userPrompt, Double temperature, Long maxTokens,
                          boolean stream) {
}
