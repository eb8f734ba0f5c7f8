package dev.agentflow.local.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;
import dev.agentflow.local.apigw.LocalRoutes;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The local routes of the HTTP API port ({@link LocalRoutes}): {@code /sample-data/…} ({@link SampleData}) and
 * {@code GET /_local/endpoints}, which tells a client such as {@code agentflow run} where the WebSocket API and
 * the edge are: {@code {"httpApi": "http://127.0.0.1:3000", "webSocket": "ws://127.0.0.1:3001", "edge": …}}.
 */
public final class LocalRoutesFactory {

    /** Path of the endpoint discovery document. */
    public static final String ENDPOINTS_PATH = "/_local/endpoints";

    private LocalRoutesFactory() {
    }

    /**
     * @param endpoints the cloud's endpoints by name (read at request time, so services started later appear)
     * @return the routes
     */
    public static LocalRoutes routes(Supplier<Map<String, String>> endpoints) {
        return LocalRoutes.none()
                .add(SampleData.PREFIX, LocalRoutesFactory::sampleData)
                .add(ENDPOINTS_PATH, request -> {
                    ObjectNode out = Json.object();
                    endpoints.get().forEach((name, url) -> {
                        if (url != null) {
                            out.put(name, url);
                        }
                    });
                    return LocalRoutes.Reply.json(200, Json.write(out));
                });
    }

    private static LocalRoutes.Reply sampleData(LocalRoutes.Request request) {
        JsonNode body = null;
        if (request.body() != null && request.body().length > 0) {
            try {
                body = Json.parse(new String(request.body(), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                return LocalRoutes.Reply.json(400, Json.write(Json.object().put("error", "VALIDATION_ERROR")
                        .put("message", "The body is not JSON")));
            }
        }
        SampleData.Response r = SampleData.handle(request.method(), request.path(), request.query(), body);
        return LocalRoutes.Reply.json(r.status(), Json.write(r.body()));
    }
}
