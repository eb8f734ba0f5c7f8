package dev.agentflow.triggers.callback;

import dev.agentflow.shared.net.UrlGuard;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * One POST of a result callback through the SSRF guard (the http node's: http/https only, every address the host
 * resolves to checked, private / loopback / link-local / metadata refused unless allow-listed). Redirects are not
 * followed (a 3xx is a failed attempt), so a callback cannot be bounced to an internal address.
 */
public final class CallbackSender {

    /**
     * One attempt's outcome.
     *
     * @param statusCode the receiver's HTTP status, or 0 when none came back
     * @param error      why it failed (safe to store and show), or null when delivered
     * @param retryable  whether another attempt may succeed (network errors, timeouts, 408, 429, 5xx)
     */
    public record Attempt(int statusCode, String error, boolean retryable) {
        /** Whether the receiver accepted it (2xx). */
        public boolean delivered() {
            return error == null;
        }
    }

    private final HttpClient client;
    private final UrlGuard guard;
    private final Duration timeout;

    /**
     * @param client  built once per container ({@link #newClient()})
     * @param guard   the SSRF guard
     * @param timeout one attempt's limit
     */
    public CallbackSender(HttpClient client, UrlGuard guard, Duration timeout) {
        this.client = client;
        this.guard = guard;
        this.timeout = timeout;
    }

    /** The client this sender expects: no redirects, HTTP/1.1, 5 s to connect. */
    public static HttpClient newClient() {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** POSTs {@code body} to {@code url} with {@code headers}. Never throws for the receiver's or network's failures. */
    public Attempt post(URI url, byte[] body, Map<String, String> headers) {
        try {
            guard.check(url);
        } catch (UrlGuard.Refused e) {
            return new Attempt(0, e.getMessage(), false);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new Attempt(status, null, false);
            }
            if (status >= 300 && status < 400) {
                return new Attempt(status, "The receiver answered " + status + "; redirects are not followed.", false);
            }
            boolean retry = status == 408 || status == 429 || status >= 500;
            return new Attempt(status, "The receiver answered " + status + ".", retry);
        } catch (IOException e) {
            return new Attempt(0, "The receiver could not be reached: " + e.getClass().getSimpleName() + ".", true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(0, "Interrupted while calling the receiver.", false);
        } catch (IllegalArgumentException e) {
            return new Attempt(0, "The callback URL cannot be called: " + e.getMessage(), false);
        }
    }
}
