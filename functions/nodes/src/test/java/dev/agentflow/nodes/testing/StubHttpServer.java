package dev.agentflow.nodes.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A scripted local HTTP server on the JDK's built-in {@code HttpServer} (loopback, random port): queue
 * responses per path, then inspect what was received. Plays the OpenAI-compatible API (JSON and SSE) and
 * arbitrary web servers. Used instead of MockWebServer because openai-java's OkHttp 4 and
 * mockwebserver3's OkHttp 5 cannot share one test classpath.
 */
public final class StubHttpServer implements AutoCloseable {

    /** A received request. */
    public record Recorded(String method, String path, String query, Map<String, List<String>> headers, String body) {
        /** The first value of a header (case-insensitive), or null. */
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst().map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    /** Writes one response. */
    @FunctionalInterface
    public interface Responder {
        void respond(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final Map<String, Deque<Responder>> scripts = new ConcurrentHashMap<>();
    private final List<Recorded> requests = new ArrayList<>();
    private final Map<String, Responder> lastUsed = new ConcurrentHashMap<>();

    private StubHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    /** Starts a server. */
    public static StubHttpServer start() {
        try {
            return new StubHttpServer();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start stub server", e);
        }
    }

    /** {@code http://127.0.0.1:<port>} + path. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Queues responses for a path, used in order; once all are used, the last one used repeats. */
    public StubHttpServer enqueue(String path, Responder... responders) {
        scripts.computeIfAbsent(path, k -> new ArrayDeque<>()).addAll(List.of(responders));
        return this;
    }

    /** Every request received, in order. */
    public synchronized List<Recorded> requests() {
        return List.copyOf(requests);
    }

    /** Requests received for a path. */
    public synchronized List<Recorded> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        synchronized (this) {
            requests.add(new Recorded(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
        }
        Deque<Responder> script = scripts.get(path);
        Responder responder;
        synchronized (this) {
            responder = script == null ? null : script.poll();
            if (responder == null) {
                responder = lastUsed.get(path);
            } else {
                lastUsed.put(path, responder);
            }
        }
        try {
            if (responder == null) {
                text(404, "no stub for " + path).respond(exchange);
            } else {
                responder.respond(exchange);
            }
        } catch (IOException e) {
            // the client went away (e.g. it refused an oversized body): nothing more to send
            exchange.close();
            return;
        }
        exchange.close();
    }

    /** A JSON response. */
    public static Responder json(int status, String json) {
        return body(status, "application/json", json, Map.of());
    }

    /** A JSON response with extra headers. */
    public static Responder json(int status, String json, Map<String, String> headers) {
        return body(status, "application/json", json, headers);
    }

    /** A text response. */
    public static Responder text(int status, String text) {
        return body(status, "text/plain; charset=utf-8", text, Map.of());
    }

    /** A response with a body. */
    public static Responder body(int status, String contentType, String text, Map<String, String> headers) {
        return exchange -> {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        };
    }

    /** A redirect. */
    public static Responder redirect(int status, String location) {
        return exchange -> {
            exchange.getResponseHeaders().set("Location", location);
            exchange.sendResponseHeaders(status, -1);
        };
    }

    /** Waits, then responds. */
    public static Responder slow(Duration delay, Responder then) {
        return exchange -> {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            then.respond(exchange);
        };
    }

    /** A body of {@code size} bytes of 'x', chunked (no Content-Length) when {@code declareLength} is false. */
    public static Responder bigBody(long size, boolean declareLength) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, declareLength ? size : 0);
            byte[] block = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            try (OutputStream out = exchange.getResponseBody()) {
                long sent = 0;
                while (sent < size) {
                    int n = (int) Math.min(block.length, size - sent);
                    out.write(block, 0, n);
                    sent += n;
                }
            }
        };
    }

    /** A server-sent-events stream: each item is sent as {@code data: <item>\n\n}, then {@code data: [DONE]}. */
    public static Responder sse(List<String> dataItems, Duration gap) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (String item : dataItems) {
                    out.write(("data: " + item + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    if (!gap.isZero()) {
                        try {
                            Thread.sleep(gap.toMillis());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }
                out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
