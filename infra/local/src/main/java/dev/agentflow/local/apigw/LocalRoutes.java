package dev.agentflow.local.apigw;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Routes the local cloud serves on its HTTP API port besides template.yaml's: no token, no Lambda — local
 * conveniences such as the sample data of {@code /sample-data/} and {@code GET /_local/endpoints}. Matched
 * by path prefix before the template's routes; the deployed API has none of them.
 */
public final class LocalRoutes {

    /** A request to a local route. */
    public record Request(String method, String path, Map<String, String> query, byte[] body) {
    }

    /** An answer. */
    public record Reply(int status, String contentType, byte[] body) {

        /** A JSON answer. */
        public static Reply json(int status, String json) {
            return new Reply(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Handles the requests under one prefix. */
    @FunctionalInterface
    public interface Handler {
        /** @return the answer (never null) */
        Reply handle(Request request);
    }

    private final Map<String, Handler> byPrefix = new LinkedHashMap<>();

    /** No local routes. */
    public static LocalRoutes none() {
        return new LocalRoutes();
    }

    /**
     * Serves every path that starts with {@code prefix} (e.g. {@code "/sample-data/"}, or an exact path).
     *
     * @return this
     */
    public LocalRoutes add(String prefix, Handler handler) {
        byPrefix.put(prefix, handler);
        return this;
    }

    /** The handler for a path, if a local route serves it. */
    public Optional<Handler> find(String path) {
        for (Map.Entry<String, Handler> e : byPrefix.entrySet()) {
            String prefix = e.getKey();
            if (prefix.endsWith("/") ? path.startsWith(prefix) : path.equals(prefix)) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }
}
