package dev.agentflow.api.keys;

import dev.agentflow.shared.keys.SecretValue;
import dev.agentflow.shared.llm.LlmProvider;

/**
 * Checks an API key against its provider before it is stored (seed 000 REQ-401-3 "Key 验证: 添加时验证 Key
 * 有效性"). {@link HttpKeyVerifier} asks the provider's cheapest authenticated endpoint.
 */
public interface KeyVerifier {

    /** How a check went. */
    enum Outcome {
        /** The provider accepted the key. */
        VALID,
        /** The provider refused the key (401 / 403). */
        REJECTED,
        /** The endpoint answered, but not as an OpenAI-compatible API does (e.g. 404 for /models). */
        NOT_AN_LLM_API,
        /** The SSRF guard refused the endpoint's address, or it is not an http(s) URL. */
        REFUSED,
        /** No answer (DNS, connection, timeout) or the provider failed (429, 5xx). */
        UNAVAILABLE
    }

    /**
     * A verdict.
     *
     * @param outcome        what happened
     * @param providerStatus the provider's HTTP status, 0 when none answered
     * @param message        a sentence for the user; never contains the key
     */
    record Verdict(Outcome outcome, int providerStatus, String message) {
    }

    /**
     * Checks a key.
     *
     * @param provider the provider
     * @param baseUrl  the OpenAI-compatible base URL to ask (e.g. {@code https://api.openai.com/v1})
     * @param key      the key (never logged)
     * @return the verdict; never throws for the provider's or the network's failures
     */
    Verdict verify(LlmProvider provider, String baseUrl, SecretValue key);

    /** A verifier for configurations that cannot reach providers: every check is UNAVAILABLE. */
    static KeyVerifier unavailable() {
        return (provider, baseUrl, key) -> new Verdict(Outcome.UNAVAILABLE, 0, "Key verification is not configured.");
    }
}
