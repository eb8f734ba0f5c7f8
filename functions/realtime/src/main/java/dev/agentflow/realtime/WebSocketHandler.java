package dev.agentflow.realtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.core.json.Json;
import dev.agentflow.shared.log.JsonLog;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The WebSocket API's integration (template.yaml {@code RealtimeFunction}): routes {@code $connect},
 * {@code $disconnect}, {@code subscribe}, {@code unsubscribe}, {@code ping} and {@code $default} (API Gateway
 * v2 WebSocket event; the route is {@code requestContext.routeKey}, selected by {@code $request.body.type})
 * to {@link RealtimeService}. Answers {@code {"statusCode": 200}} (400 for a body that is not JSON); replies
 * to the client go through @connections. AWS failures are thrown (API Gateway answers them as errors).
 */
public final class WebSocketHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final RealtimeService service;
    private final JsonLog log;

    /** Lambda's constructor: configuration from the environment, real AWS clients, built once. */
    public WebSocketHandler() {
        this(RealtimeWiring.fromEnvironment(System.getenv()).service(), JsonLog.stdout());
    }

    /**
     * @param service the routes' logic
     * @param log     structured log
     */
    public WebSocketHandler(RealtimeService service, JsonLog log) {
        this.service = service;
        this.log = log;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String route = String.valueOf(Events.routeKey(event));
        String connectionId = Events.connectionId(event);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("route", route);
        fields.put("connectionId", connectionId);
        switch (route) {
            case "$connect" -> service.connect(connectionId, Events.userId(event));
            case "$disconnect" -> service.disconnect(connectionId);
            case "ping" -> service.ping(connectionId);
            case "subscribe", "unsubscribe" -> {
                JsonNode message;
                try {
                    message = Json.parse(Events.body(event));
                } catch (IllegalArgumentException e) {
                    service.unknown(connectionId);
                    return Map.of("statusCode", 400);
                }
                if (route.equals("subscribe")) {
                    fields.put("executionId", message.path("executionId").asText(""));
                    fields.put("replayed", service.subscribe(connectionId, Events.userId(event), message));
                } else {
                    service.unsubscribe(connectionId, message);
                }
            }
            default -> service.unknown(connectionId);
        }
        log.info("websocket route", fields);
        return Map.of("statusCode", 200);
    }
}
