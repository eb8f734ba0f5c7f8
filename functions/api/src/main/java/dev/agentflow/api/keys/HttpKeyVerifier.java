package dev.agentflow.api.keys;

import dev.agentflow.shared.keys.SecretValue;
import dev.agentflow.shared.llm.LlmProvider;
import dev.agentflow.shared.net.AddressPolicy;
import dev.agentflow.shared.net.HostResolver;
import dev.agentflow.shared.net.UrlGuard;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Verifies a key with {@code GET {baseUrl}/models}, the cheapest authenticated call of the OpenAI API that
 * every OpenAI-compatible provider serves (OpenAI, Azure OpenAI v1, DeepSeek, DashScope compatible mode,
 * SiliconFlow, Ollama, vLLM…), with {@code Authorization: Bearer <key>} ({@code api-key} for Azure as well).
 * The URL passes the same SSRF guard as the http node ({@link UrlGuard}: http(s) only, every resolved address
 * checked against {@link AddressPolicy}, whose allow-list comes from {@code LLM_ALLOWED_NETWORKS}); redirects
 * are not followed. 2xx: valid; 401 / 403: rejected; other 4xx: not an LLM API; 429, 5xx, no answer:
 * unavailable. Neither the key nor the provider's answer (which may quote the key) reaches a message or a log.
 */
public final class HttpKeyVerifier implements KeyVerifier {

    /** Connect and whole-request timeout. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;
    private final UrlGuard guard;

    /**
     * @param client   a JDK client that does not follow redirects ({@link #newClient()}), built once per container
     * @param policy   which addresses may be reached
     * @param resolver DNS for the guard
     */
    public HttpKeyVerifier(HttpClient client, AddressPolicy policy, HostResolver resolver) {
        this.client = client;
        this.guard = new UrlGuard(policy, resolver);
    }

    /** The client this verifier expects: no redirects, 10 s connect timeout. */
    public static HttpClient newClient() {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public Verdict verify(LlmProvider provider, String baseUrl, SecretValue key) {
        String base = baseUrl.trim().replaceAll("/+$", "");
        URI uri;
        try {
            uri = URI.create(base + "/models");
        } catch (IllegalArgumentException e) {
            return new Verdict(Outcome.REFUSED, 0, "'baseUrl' is not a valid URL.");
        }
        try {
            guard.check(uri);
        } catch (UrlGuard.Refused e) {
            return new Verdict(Outcome.REFUSED, 0, e.getMessage() + ".");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET()
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + key.reveal());
        if (provider == LlmProvider.AZURE) {
            request.header("api-key", key.reveal());
        }
        HttpResponse<Void> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (HttpTimeoutException e) {
            return new Verdict(Outcome.UNAVAILABLE, 0, "The provider at " + uri.getHost() + " did not answer within "
                    + TIMEOUT.toSeconds() + " s.");
        } catch (IOException e) {
            return new Verdict(Outcome.UNAVAILABLE, 0, "The provider at " + uri.getHost() + " could not be reached ("
                    + e.getClass().getSimpleName() + ").");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Verdict(Outcome.UNAVAILABLE, 0, "Interrupted while asking the provider.");
        }
        int status = response.statusCode();
        String asked = "GET " + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + uri.getPath();
        if (status >= 200 && status < 300) {
            return new Verdict(Outcome.VALID, status, "The provider accepted the key.");
        }
        if (status == 401 || status == 403) {
            return new Verdict(Outcome.REJECTED, status, "The provider rejected the key: " + asked + " answered " + status + ".");
        }
        if (status == 429 || status >= 500) {
            return new Verdict(Outcome.UNAVAILABLE, status, "The provider could not check the key now: " + asked
                    + " answered " + status + ". Try again later, or store it unchecked with \"verify\": false.");
        }
        return new Verdict(Outcome.NOT_AN_LLM_API, status, asked + " answered " + status
                + ": is 'baseUrl' an OpenAI-compatible base URL (usually ending in /v1)?");
    }
}
