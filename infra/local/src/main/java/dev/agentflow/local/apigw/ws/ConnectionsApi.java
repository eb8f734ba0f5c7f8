package dev.agentflow.local.apigw.ws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;
import dev.agentflow.local.edge.EdgeRequest;
import dev.agentflow.local.edge.EdgeResponse;
import dev.agentflow.local.edge.EdgeRoutes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * The API Gateway management API ({@code apigatewaymanagementapi} 2018-11-29, REST-JSON, SigV4 service
 * {@code execute-api}) over the local WebSocket API's open connections, on the edge port:
 * {@code POST /@connections/{connectionId}} (the body is sent as one text frame; 200),
 * {@code GET} (200 {@code {ConnectedAt, Identity: {SourceIp, UserAgent}, LastActiveAt}}) and {@code DELETE}
 * (204, closes the connection, whose $disconnect follows). A connection that is not open answers 410
 * {@code GoneException}; a body over 128 KB 413 {@code PayloadTooLargeException}. The same paths under a stage
 * ({@code /v1/@connections/…}) are served too, for clients whose endpoint is the callback URL.
 */
public final class ConnectionsApi {

    /** API Gateway's largest WebSocket message, bytes. */
    public static final int MAX_MESSAGE_BYTES = 128 * 1024;

    private final LiveConnections connections;
    private final Clock clock;

    /**
     * @param connections the open connections
     * @param clock       clock
     */
    public ConnectionsApi(LiveConnections connections, Clock clock) {
        this.connections = connections;
        this.clock = clock;
    }

    /** Registers the routes on the edge. */
    public void register(EdgeRoutes routes) {
        for (String prefix : new String[] {"", "/{stage}"}) {
            routes.path("POST", prefix + "/@connections/{connectionId}", "execute-api", this::post);
            routes.path("GET", prefix + "/@connections/{connectionId}", "execute-api", this::get);
            routes.path("DELETE", prefix + "/@connections/{connectionId}", "execute-api", this::delete);
        }
    }

    private EdgeResponse post(EdgeRequest request) throws Exception {
        String id = request.pathParameter("connectionId");
        byte[] body = request.body();
        if (body.length > MAX_MESSAGE_BYTES) {
            return error(413, "PayloadTooLargeException", "Message too long");
        }
        if (!connections.send(id, new String(body, StandardCharsets.UTF_8), clock.instant())) {
            return gone();
        }
        return EdgeResponse.of(200, "application/json", new byte[0]);
    }

    private EdgeResponse get(EdgeRequest request) {
        return connections.get(request.pathParameter("connectionId")).map(live -> {
            ObjectNode out = Json.object();
            out.put("ConnectedAt", live.info().connectedAt().toString());
            ObjectNode identity = out.putObject("Identity");
            identity.put("SourceIp", live.info().sourceIp());
            identity.put("UserAgent", live.info().userAgent() == null ? "" : live.info().userAgent());
            out.put("LastActiveAt", live.lastActiveAt().get().toString());
            return EdgeResponse.of(200, "application/json", Json.write(out));
        }).orElseGet(ConnectionsApi::gone);
    }

    private EdgeResponse delete(EdgeRequest request) {
        return connections.close(request.pathParameter("connectionId"))
                ? EdgeResponse.of(204, "application/json", new byte[0]) : gone();
    }

    private static EdgeResponse gone() {
        return error(410, "GoneException", null);
    }

    private static EdgeResponse error(int status, String type, String message) {
        ObjectNode body = Json.object();
        if (message == null) {
            body.putNull("message");
        } else {
            body.put("message", message);
        }
        return EdgeResponse.of(status, "application/json", Json.write(body)).withHeader("x-amzn-ErrorType", type);
    }
}
