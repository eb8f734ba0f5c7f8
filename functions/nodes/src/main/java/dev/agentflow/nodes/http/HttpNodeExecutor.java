package dev.agentflow.nodes.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.error.HttpRequestFailed;
import dev.agentflow.core.error.NodeExecutionFailed;
import dev.agentflow.core.error.NodeTimeout;
import dev.agentflow.core.json.Json;
import dev.agentflow.shared.net.HostResolver;
import dev.agentflow.shared.net.UrlGuard;
import dev.agentflow.nodes.runtime.NodeConfig;
import dev.agentflow.nodes.runtime.NodeContext;
import dev.agentflow.nodes.runtime.NodeExecutor;
import dev.agentflow.nodes.runtime.NodeResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The http node (seed 000 HTTPNodeConfig): {@code method}, {@code url}, {@code headers}, {@code body}
 * (string or JSON), {@code timeout} (seconds), {@code failOnError}; {@code {{ }}} rendered in url,
 * headers and body. Output {@code {statusCode, headers, body (parsed when JSON), durationMs}}.
 *
 * <p>Guards: every URL, the first and each redirect target (followed here, at most
 * {@link HttpNodeSettings#maxRedirects()}), goes through the {@link UrlGuard} after DNS resolution;
 * bodies over {@link HttpNodeSettings#maxBodyBytes()} are refused while streaming. Failures:
 * HTTP_REQUEST_FAILED (refused, unreachable, too large, non-2xx with failOnError), TIMEOUT (the node's
 * timeout), NODE_CONFIG_INVALID, TEMPLATE_RENDER_ERROR.
 */
public final class HttpNodeExecutor implements NodeExecutor {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "cookie");
    private static final Pattern SENSITIVE = Pattern.compile("(?i)auth|cookie|token|secret|password|api[-_]?key|signature");
    private static final Pattern CHARSET = Pattern.compile("(?i)charset=\"?([^;\"\\s]+)");
    private static final int ERROR_SNIPPET_CHARS = 300;

    private final HttpClient client;
    private final HttpNodeSettings settings;
    private final UrlGuard guard;

    /**
     * @param client   JDK client built once per container ({@link #newClient()})
     * @param settings limits and the address policy
     * @param resolver DNS used by the guard
     */
    public HttpNodeExecutor(HttpClient client, HttpNodeSettings settings, HostResolver resolver) {
        this.client = client;
        this.settings = settings;
        this.guard = new UrlGuard(settings.addressPolicy(), resolver);
    }

    /** The JDK client this executor expects: no automatic redirects (they are checked here), HTTP/1.1. */
    public static HttpClient newClient() {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public NodeResult execute(NodeContext ctx) {
        NodeConfig config = ctx.config();
        String method = config.string("method").orElse("GET").toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw config.invalid("method", "must be one of " + METHODS);
        }
        String renderedUrl = ctx.render("url", config.requiredString("url"));
        Map<String, String> headers = headers(ctx, config);
        byte[] body = body(ctx, config, headers);
        Duration timeout = config.number("timeout", 0.001, 900).map(s -> Duration.ofMillis((long) (s * 1000)))
                .orElse(settings.defaultTimeout());
        boolean failOnError = config.bool("failOnError", false);
        ctx.recordInputs(recordedInputs(method, renderedUrl, headers, body));

        URI uri;
        try {
            uri = Urls.parse(renderedUrl);
        } catch (IllegalArgumentException e) {
            throw config.invalid("url", "is not a valid URL after rendering: " + e.getMessage());
        }
        Instant started = ctx.clock().instant();
        Instant deadline = min(started.plus(timeout), ctx.deadline());
        HttpResponse<byte[]> response = exchange(ctx, method, uri, headers, body, deadline, timeout);
        long durationMs = Duration.between(started, ctx.clock().instant()).toMillis();

        ObjectNode output = Json.object();
        output.put("statusCode", response.statusCode());
        output.set("headers", responseHeaders(response));
        output.set("body", parseBody(response));
        output.put("durationMs", durationMs);
        if (failOnError && (response.statusCode() < 200 || response.statusCode() > 299)) {
            throw new HttpRequestFailed("HTTP " + response.statusCode() + " from " + response.uri().getHost() + ": "
                    + snippet(response), null);
        }
        ObjectNode metadata = Json.object();
        metadata.put("url", response.uri().toString());
        return new NodeResult(output, metadata);
    }

    private HttpResponse<byte[]> exchange(NodeContext ctx, String method, URI first, Map<String, String> headers,
                                          byte[] body, Instant deadline, Duration timeout) {
        URI uri = first;
        String currentMethod = method;
        byte[] currentBody = body;
        Map<String, String> currentHeaders = new LinkedHashMap<>(headers);
        for (int redirects = 0; ; redirects++) {
            try {
                guard.check(uri);
            } catch (UrlGuard.Refused e) {
                throw new HttpRequestFailed(e.getMessage() + (redirects > 0 ? " (reached by a redirect)" : ""), null);
            }
            HttpResponse<byte[]> response = send(ctx, currentMethod, uri, currentHeaders, currentBody, deadline, timeout);
            int status = response.statusCode();
            var location = response.headers().firstValue("location");
            if (!isRedirect(status) || location.isEmpty()) {
                return response;
            }
            if (redirects >= settings.maxRedirects()) {
                throw new HttpRequestFailed("Too many redirects: stopped after " + settings.maxRedirects()
                        + " (last at " + uri.getHost() + ")", null);
            }
            URI next;
            try {
                next = Urls.parse(uri.resolve(location.get().trim()).toString());
            } catch (IllegalArgumentException e) {
                throw new HttpRequestFailed("Redirect from " + uri.getHost() + " to an invalid URL", e);
            }
            if (status == 303 || (status == 301 || status == 302) && currentMethod.equals("POST")) {
                currentMethod = currentMethod.equals("HEAD") ? "HEAD" : "GET";
                currentBody = null;
                currentHeaders.keySet().removeIf(h -> h.equalsIgnoreCase("content-type"));
            }
            if (!sameOrigin(uri, next)) {
                currentHeaders.keySet().removeIf(h -> CREDENTIAL_HEADERS.contains(h.toLowerCase(Locale.ROOT)));
            }
            uri = next;
        }
    }

    private HttpResponse<byte[]> send(NodeContext ctx, String method, URI uri, Map<String, String> headers,
                                      byte[] body, Instant deadline, Duration timeout) {
        Duration remaining = Duration.between(ctx.clock().instant(), deadline);
        if (remaining.isNegative() || remaining.isZero()) {
            throw timedOut(uri, timeout);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(remaining)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        CompletableFuture<HttpResponse<byte[]>> future =
                client.sendAsync(request.build(), LimitedBodySubscriber.handler(settings.maxBodyBytes()));
        try {
            return future.get(Math.max(1, remaining.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw timedOut(uri, timeout);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new NodeExecutionFailed("HTTP request to " + uri.getHost() + " was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LimitedBodySubscriber.BodyTooLargeException tooLarge) {
                throw new HttpRequestFailed("Response body from " + uri.getHost() + " exceeds the limit of "
                        + tooLarge.limit + " bytes (" + (tooLarge.limit / (1024 * 1024)) + " MiB); it was not read", null);
            }
            if (cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException)) {
                throw timedOut(uri, timeout);
            }
            String why = cause == null ? e.getMessage() : cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
            throw new HttpRequestFailed("HTTP request to " + uri.getHost() + " failed: " + why, cause);
        }
    }

    private static NodeTimeout timedOut(URI uri, Duration timeout) {
        return new NodeTimeout("HTTP request to " + uri.getHost() + " timed out after "
                + (timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms"), null);
    }

    private Map<String, String> headers(NodeContext ctx, NodeConfig config) {
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode raw = config.raw("headers");
        if (raw == null) {
            return headers;
        }
        if (!raw.isObject()) {
            throw config.invalid("headers", "must be an object of header names to values");
        }
        var fields = raw.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            String name = ctx.render("headers", e.getKey()).trim();
            if (name.isEmpty()) {
                continue;
            }
            if (RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                throw config.invalid("headers", "may not set '" + name + "' (the HTTP client sets it)");
            }
            JsonNode value = e.getValue();
            String text = value.isValueNode() ? value.asText() : Json.write(value);
            headers.put(name, ctx.render("headers." + name, text));
        }
        return headers;
    }

    private static byte[] body(NodeContext ctx, NodeConfig config, Map<String, String> headers) {
        JsonNode raw = config.raw("body");
        if (raw == null || raw.isTextual() && raw.asText().isEmpty()) {
            return null;
        }
        String text;
        boolean json;
        if (raw.isTextual()) {
            text = ctx.render("body", raw.asText());
            json = looksLikeJson(text);
        } else {
            text = Json.write(ctx.renderValue("body", raw));
            json = true;
        }
        boolean hasType = headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("content-type"));
        if (!hasType) {
            headers.put("Content-Type", json ? "application/json" : "text/plain; charset=utf-8");
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean looksLikeJson(String text) {
        String t = text.trim();
        if (!(t.startsWith("{") && t.endsWith("}") || t.startsWith("[") && t.endsWith("]"))) {
            return false;
        }
        try {
            Json.parse(t);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static JsonNode recordedInputs(String method, String url, Map<String, String> headers, byte[] body) {
        ObjectNode inputs = Json.object();
        inputs.put("method", method);
        inputs.put("url", url);
        ObjectNode h = inputs.putObject("headers");
        headers.forEach((k, v) -> h.put(k, SENSITIVE.matcher(k).find() ? "[REDACTED]" : v));
        if (body != null) {
            String text = new String(body, StandardCharsets.UTF_8);
            inputs.set("body", looksLikeJson(text) ? Json.parse(text) : Json.MAPPER.getNodeFactory().textNode(text));
        }
        return inputs;
    }

    private static ObjectNode responseHeaders(HttpResponse<?> response) {
        ObjectNode headers = Json.object();
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values));
            }
        });
        return headers;
    }

    private static JsonNode parseBody(HttpResponse<byte[]> response) {
        String contentType = response.headers().firstValue("content-type").orElse("");
        String text = new String(response.body(), charset(contentType));
        boolean jsonType = contentType.toLowerCase(Locale.ROOT).contains("json");
        if (jsonType || looksLikeJson(text)) {
            try {
                return Json.parse(text);
            } catch (IllegalArgumentException e) {
                return Json.MAPPER.getNodeFactory().textNode(text);
            }
        }
        return Json.MAPPER.getNodeFactory().textNode(text);
    }

    private static Charset charset(String contentType) {
        Matcher m = CHARSET.matcher(contentType);
        if (m.find()) {
            try {
                return Charset.forName(m.group(1));
            } catch (RuntimeException e) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static String snippet(HttpResponse<byte[]> response) {
        String text = new String(response.body(), charset(response.headers().firstValue("content-type").orElse(""))).strip();
        if (text.isEmpty()) {
            return "(empty body)";
        }
        return text.length() <= ERROR_SNIPPET_CHARS ? text : text.substring(0, ERROR_SNIPPET_CHARS) + "…";
    }

    private static boolean isRedirect(int status) {
        return List.of(301, 302, 303, 307, 308).contains(status);
    }

    private static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(a.getScheme(), b.getScheme()) && Objects.equals(a.getHost(), b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
