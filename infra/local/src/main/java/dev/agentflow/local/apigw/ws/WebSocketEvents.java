package dev.agentflow.local.apigw.ws;

import dev.agentflow.local.util.RequestIds;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The API Gateway v2 WebSocket events a Lambda integration and a REQUEST authorizer receive (API Gateway
 * developer guide, "Setting up WebSocket API integrations" and "Control access to WebSocket APIs with AWS
 * Lambda REQUEST authorizers"): {@code requestContext} with {@code routeKey}, {@code eventType}
 * (CONNECT / MESSAGE / DISCONNECT), {@code connectionId}, {@code messageId}, {@code requestId},
 * {@code apiId}, {@code stage}, {@code domainName}, {@code connectedAt}, {@code requestTimeEpoch},
 * {@code identity.sourceIp}, {@code authorizer} (the authorizer's {@code context} plus {@code principalId});
 * {@code headers} and {@code queryStringParameters} on $connect; {@code body} on messages.
 */
final class WebSocketEvents {

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    private WebSocketEvents() {
    }

    /**
     * What API Gateway knows of a connection.
     *
     * @param connectionId the id
     * @param spec         the API
     * @param domainName   host the client connected to
     * @param sourceIp     client address
     * @param userAgent    client User-Agent, or null
     * @param connectedAt  when the handshake arrived
     * @param authorizer   the authorizer context ({@code principalId} and context values), or null
     */
    record Connection(String connectionId, WebSocketApiSpec spec, String domainName, String sourceIp, String userAgent,
                      Instant connectedAt, Map<String, Object> authorizer) {

        Connection withAuthorizer(Map<String, Object> context) {
            return new Connection(connectionId, spec, domainName, sourceIp, userAgent, connectedAt, context);
        }
    }

    /** The REQUEST authorizer's input for a $connect. */
    static ObjectNode authorizer(Connection c, Map<String, List<String>> headers, Map<String, List<String>> query,
                                 String methodArn, Instant now) {
        ObjectNode e = Json.object();
        e.put("type", "REQUEST");
        e.put("methodArn", methodArn);
        putParameters(e, "headers", "multiValueHeaders", headers);
        putParameters(e, "queryStringParameters", "multiValueQueryStringParameters", query);
        e.putObject("stageVariables");
        e.set("requestContext", context(c, "$connect", "CONNECT", now, false));
        return e;
    }

    /** The $connect integration event. */
    static ObjectNode connect(Connection c, Map<String, List<String>> headers, Map<String, List<String>> query, Instant now) {
        ObjectNode e = Json.object();
        putParameters(e, "headers", "multiValueHeaders", headers);
        putParameters(e, "queryStringParameters", "multiValueQueryStringParameters", query);
        e.set("requestContext", context(c, "$connect", "CONNECT", now, false));
        e.put("isBase64Encoded", false);
        return e;
    }

    /** A MESSAGE event for a route. */
    static ObjectNode message(Connection c, String routeKey, String body, Instant now) {
        ObjectNode e = Json.object();
        e.set("requestContext", context(c, routeKey, "MESSAGE", now, true));
        e.put("body", body);
        e.put("isBase64Encoded", false);
        return e;
    }

    /** The $disconnect event. */
    static ObjectNode disconnect(Connection c, int statusCode, String reason, Instant now) {
        ObjectNode e = Json.object();
        e.putObject("headers").put("Host", c.domainName());
        ObjectNode ctx = context(c, "$disconnect", "DISCONNECT", now, false);
        ctx.put("disconnectStatusCode", statusCode);
        ctx.put("disconnectReason", reason == null ? "" : reason);
        e.set("requestContext", ctx);
        e.put("isBase64Encoded", false);
        return e;
    }

    private static ObjectNode context(Connection c, String routeKey, String eventType, Instant now, boolean message) {
        ObjectNode ctx = Json.object();
        ctx.put("routeKey", routeKey);
        if (message) {
            ctx.put("messageId", RequestIds.next());
        }
        ctx.put("eventType", eventType);
        ctx.put("extendedRequestId", RequestIds.next());
        ctx.put("requestTime", REQUEST_TIME.format(now));
        ctx.put("messageDirection", "IN");
        ctx.put("stage", c.spec().stage());
        ctx.put("connectedAt", c.connectedAt().toEpochMilli());
        ctx.put("requestTimeEpoch", now.toEpochMilli());
        ObjectNode identity = ctx.putObject("identity");
        identity.put("sourceIp", c.sourceIp());
        if (c.userAgent() != null) {
            identity.put("userAgent", c.userAgent());
        }
        ctx.put("requestId", RequestIds.next());
        ctx.put("domainName", c.domainName());
        ctx.put("connectionId", c.connectionId());
        ctx.put("apiId", c.spec().apiId());
        if (c.authorizer() != null) {
            ctx.set("authorizer", Json.MAPPER.valueToTree(c.authorizer()));
        }
        return ctx;
    }

    private static void putParameters(ObjectNode e, String single, String multi, Map<String, List<String>> values) {
        ObjectNode one = e.putObject(single);
        ObjectNode many = e.putObject(multi);
        values.forEach((name, list) -> {
            if (!list.isEmpty()) {
                one.put(name, list.get(list.size() - 1));
                list.forEach(many.putArray(name)::add);
            }
        });
    }
}
