package dev.agentflow.local.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * A small client of AgentFlow's HTTP API (functions/api README; seed 000 §4) for the command line: bearer
 * token, the {@code {"success", "data" | "error"}} envelope unwrapped, errors as {@link ApiException}.
 * Thread-safe; one {@link HttpClient} per client.
 */
public final class ApiClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final URI endpoint;
    private final String token;
    private final HttpClient http;

    /**
     * @param endpoint the API's base URL, e.g. {@code http://127.0.0.1:3000} (routes are under /api/v1)
     * @param token    bearer token
     */
    public ApiClient(URI endpoint, String token) {
        this(endpoint, token, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    /** @param http the JDK client to use (shared by benchmarks) */
    public ApiClient(URI endpoint, String token, HttpClient http) {
        String base = endpoint.toString();
        this.endpoint = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.token = token;
        this.http = http;
    }

    /** @return the base URL */
    public URI endpoint() {
        return endpoint;
    }

    /** @return the bearer token (for the WebSocket handshake) */
    public String token() {
        return token;
    }

    /** {@code GET path}: the envelope's {@code data}. @throws ApiException on an error answer or no answer */
    public JsonNode get(String path) {
        return send("GET", path, null);
    }

    /**
     * Calls the API.
     *
     * @param method HTTP method
     * @param path   path and query, e.g. {@code /api/v1/workflows?limit=100}
     * @param body   JSON body, or null for none
     * @return the envelope's {@code data} ({@code null} node when absent)
     * @throws ApiException the error envelope, a non-JSON answer, or {@link ApiException#UNREACHABLE}
     */
    public JsonNode send(String method, String path, JsonNode body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint + path)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Json.write(body)));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ApiException(0, ApiException.UNREACHABLE, "Cannot reach " + endpoint + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(0, ApiException.UNREACHABLE, "Interrupted while calling " + endpoint, null);
        }
        JsonNode json;
        try {
            json = r.body().isBlank() ? Json.object() : Json.parse(r.body());
        } catch (IllegalArgumentException e) {
            throw new ApiException(r.statusCode(), "NOT_JSON", method + " " + path + " answered " + r.statusCode()
                    + " with a body that is not JSON", null);
        }
        if (r.statusCode() >= 200 && r.statusCode() < 300 && json.path("success").asBoolean(false)) {
            return json.path("data");
        }
        JsonNode error = json.path("error");
        if (error.isObject()) {
            throw new ApiException(r.statusCode(), error.path("code").asText("ERROR"), error.path("message").asText(""),
                    error.get("details"));
        }
        // API Gateway's own answers: {"message": "Unauthorized"} / {"message": "Not Found"}
        String message = json.path("message").asText(method + " " + path + " answered " + r.statusCode());
        String code = r.statusCode() == 401 ? "UNAUTHORIZED" : r.statusCode() == 404 ? "NOT_FOUND" : "HTTP_" + r.statusCode();
        throw new ApiException(r.statusCode(), code, message, null);
    }

    /** {@code POST /api/v1/workflows}: 201 summary {@code {id, name, version, …}}. */
    public JsonNode createWorkflow(JsonNode workflow) {
        return send("POST", "/api/v1/workflows", workflow);
    }

    /** {@code GET /api/v1/workflows/{id}}: summary with definition and triggers. */
    public JsonNode workflow(String id) {
        return get("/api/v1/workflows/" + encode(id));
    }

    /** {@code PUT /api/v1/workflows/{id}} with optimistic concurrency on {@code version}. */
    public JsonNode updateWorkflow(String id, ObjectNode changes) {
        return send("PUT", "/api/v1/workflows/" + encode(id), changes);
    }

    /**
     * The caller's newest-updated workflow with exactly this name, walking the list's pages.
     *
     * @return its summary, or empty when none has the name
     */
    public Optional<JsonNode> findWorkflowByName(String name) {
        String cursor = null;
        do {
            JsonNode page = get("/api/v1/workflows?limit=100" + (cursor == null ? "" : "&cursor=" + encode(cursor)));
            for (JsonNode item : page.path("items")) {
                if (name.equals(item.path("name").asText(null))) {
                    return Optional.of(item);
                }
            }
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return Optional.empty();
    }

    /** {@code POST /api/v1/workflows/{id}/execute} {@code {inputs}}: {@code {executionId, status, startedAt}}. */
    public JsonNode execute(String workflowId, JsonNode inputs) {
        ObjectNode body = Json.object();
        body.set("inputs", inputs == null ? Json.object() : inputs);
        return send("POST", "/api/v1/workflows/" + encode(workflowId) + "/execute", body);
    }

    /** {@code GET /api/v1/executions/{id}}: the execution detail (seed 000 §4.1). */
    public JsonNode execution(String executionId) {
        return get("/api/v1/executions/" + encode(executionId));
    }

    /** {@code POST /api/v1/executions/{id}/cancel}. */
    public JsonNode cancel(String executionId) {
        return send("POST", "/api/v1/executions/" + encode(executionId) + "/cancel", Json.object());
    }

    /** {@code GET /api/v1/executions/{id}/events?afterSeq=}: {@code {items, lastSeq, hasMore}}. */
    public JsonNode events(String executionId, long afterSeq) {
        return get("/api/v1/executions/" + encode(executionId) + "/events?afterSeq=" + afterSeq + "&limit=1000");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
