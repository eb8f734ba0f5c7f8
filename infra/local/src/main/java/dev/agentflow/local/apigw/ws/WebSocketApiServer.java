package dev.agentflow.local.apigw.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;
import dev.agentflow.local.apigw.LambdaInvoker;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsMessageContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The local API Gateway WebSocket API: serves template.yaml's WebSocket API ({@link WebSocketApiSpec}) on a
 * port (default {@value #DEFAULT_PORT}), at {@code /} and {@code /<stage>}, and invokes its routes' functions
 * with the same API Gateway v2 WebSocket events:
 * <ul>
 *   <li>handshake: the {@code $connect} route's REQUEST authorizer (its policy must allow; its
 *       {@code context} and {@code principalId} become {@code requestContext.authorizer} of every later
 *       event), then the {@code $connect} integration. A denied authorizer answers the handshake 403, a failed
 *       one 500, a non-2xx {@code $connect} its status, as API Gateway does;
 *   <li>each text message: the route its {@code $request.body.<field>} selects, else {@code $default}, else
 *       {@code {"message": "Forbidden", …}} back to the client; messages of one connection run in order;
 *       a failed function answers {@code {"message": "Internal server error", …}};
 *   <li>close: {@code $disconnect} (asynchronously, best effort).
 * </ul>
 * The @connections API over the open connections is {@link ConnectionsApi} (on the edge port).
 */
public final class WebSocketApiServer implements AutoCloseable {

    /** Default port. */
    public static final int DEFAULT_PORT = 3001;
    /** API Gateway's idle timeout of a WebSocket connection. */
    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);
    private static final String CONNECTION = "agentflow.ws.connection";
    private static final Logger LOG = System.getLogger(WebSocketApiServer.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Javalin javalin;
    private final LiveConnections connections;
    private final ExecutorService pool;
    private final Routing routing;

    private WebSocketApiServer(Javalin javalin, LiveConnections connections, ExecutorService pool, Routing routing) {
        this.javalin = javalin;
        this.connections = connections;
        this.pool = pool;
        this.routing = routing;
    }

    /**
     * Starts serving.
     *
     * @param host    address to bind
     * @param port    port, 0 for a free one
     * @param spec    the template's WebSocket API
     * @param invoker runs functions (throws for a function error)
     * @param region  region of method ARNs
     * @param account account of method ARNs
     * @param clock   clock
     */
    public static WebSocketApiServer start(String host, int port, WebSocketApiSpec spec, LambdaInvoker invoker,
                                           String region, String account, Clock clock) {
        LiveConnections connections = new LiveConnections();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "websocket-route");
            t.setDaemon(true);
            return t;
        });
        Routing routing = new Routing(spec, invoker, connections, pool, region, account, clock);
        Javalin javalin = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            for (String path : List.of("/", "/" + spec.stage())) {
                cfg.routes.wsBeforeUpgrade(path, routing::handshake);
                cfg.routes.ws(path, ws -> {
                    ws.onConnect(routing::opened);
                    ws.onMessage(routing::message);
                    ws.onClose(routing::closed);
                    ws.onError(ctx -> LOG.log(Level.DEBUG, "WebSocket error", ctx.error()));
                });
            }
        });
        javalin.start(host, port);
        return new WebSocketApiServer(javalin, connections, pool, routing);
    }

    /** The bound port. */
    public int port() {
        return javalin.port();
    }

    /** The open connections (what @connections reaches). */
    public LiveConnections connections() {
        return connections;
    }

    /** Stops serving. */
    @Override
    public void close() {
        routing.stopping = true; // connections closed by the shutdown get no $disconnect
        javalin.stop();
        pool.shutdownNow();
    }

    /** The per-event logic. */
    private static final class Routing {
        private final WebSocketApiSpec spec;
        private final LambdaInvoker invoker;
        private final LiveConnections connections;
        private final ExecutorService pool;
        private final String region;
        private final String account;
        private final Clock clock;
        private final Map<String, WebSocketEvents.Connection> bySession = new ConcurrentHashMap<>();
        private final Map<String, CompletableFuture<Void>> queues = new ConcurrentHashMap<>();
        private volatile boolean stopping;

        Routing(WebSocketApiSpec spec, LambdaInvoker invoker, LiveConnections connections, ExecutorService pool,
                String region, String account, Clock clock) {
            this.spec = spec;
            this.invoker = invoker;
            this.connections = connections;
            this.pool = pool;
            this.region = region;
            this.account = account;
            this.clock = clock;
        }

        void handshake(Context ctx) {
            Instant now = clock.instant();
            byte[] id = new byte[9];
            RANDOM.nextBytes(id);
            WebSocketEvents.Connection c = new WebSocketEvents.Connection(
                    Base64.getUrlEncoder().withoutPadding().encodeToString(id), spec, ctx.host(), ctx.ip(),
                    ctx.header("User-Agent"), now, null);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            ctx.headerMap().forEach((k, v) -> headers.put(k, List.of(v)));
            Map<String, List<String>> query = ctx.queryParamMap();
            WebSocketApiSpec.Route connect = spec.routes().get("$connect");
            if (connect != null && connect.authorizerFunction() != null) {
                String methodArn = "arn:aws:execute-api:" + region + ":" + account + ":" + spec.apiId() + "/"
                        + spec.stage() + "/$connect";
                JsonNode policy = invoke(connect.authorizerFunction(),
                        WebSocketEvents.authorizer(c, headers, query, methodArn, now), "authorizer");
                if (!allows(policy)) {
                    throw new HttpResponseException(403, "Forbidden");
                }
                Map<String, Object> authorizer = new LinkedHashMap<>();
                if (policy.path("context").isObject()) {
                    authorizer.putAll(Json.MAPPER.convertValue(policy.get("context"), Map.class));
                }
                authorizer.put("principalId", policy.path("principalId").asText(""));
                c = c.withAuthorizer(authorizer);
            }
            if (connect != null) {
                JsonNode answer = invoke(connect.functionName(), WebSocketEvents.connect(c, headers, query, now), "$connect");
                int status = answer.path("statusCode").asInt(200);
                if (status < 200 || status > 299) {
                    throw new HttpResponseException(status, "Connection refused");
                }
            }
            ctx.attribute(CONNECTION, c);
        }

        void opened(WsConnectContext ctx) {
            WebSocketEvents.Connection c = ctx.attribute(CONNECTION);
            if (c == null) {
                ctx.closeSession(1011, "No connection");
                return;
            }
            ctx.session.setIdleTimeout(IDLE_TIMEOUT);
            bySession.put(ctx.sessionId(), c);
            connections.add(c, ctx.session);
        }

        void message(WsMessageContext ctx) {
            WebSocketEvents.Connection c = bySession.get(ctx.sessionId());
            if (c == null) {
                return;
            }
            String body = ctx.message();
            Instant now = clock.instant();
            connections.touch(c.connectionId(), now);
            queues.compute(c.connectionId(), (id, tail) -> (tail == null ? CompletableFuture.<Void>completedFuture(null) : tail)
                    .thenRunAsync(() -> route(c, body, now), pool));
        }

        void closed(WsCloseContext ctx) {
            WebSocketEvents.Connection c = bySession.remove(ctx.sessionId());
            if (c == null) {
                return;
            }
            connections.remove(c.connectionId());
            CompletableFuture<Void> tail = queues.remove(c.connectionId());
            WebSocketApiSpec.Route route = spec.routes().get("$disconnect");
            if (route != null && !stopping) {
                ObjectNode event = WebSocketEvents.disconnect(c, ctx.status(), ctx.reason(), clock.instant());
                (tail == null ? CompletableFuture.<Void>completedFuture(null) : tail)
                        .thenRunAsync(() -> invokeQuietly(route.functionName(), event, "$disconnect"), pool);
            }
        }

        private void route(WebSocketEvents.Connection c, String body, Instant now) {
            WebSocketApiSpec.Route route = spec.select(body);
            String requestId = dev.agentflow.local.util.RequestIds.next();
            if (route == null) {
                reply(c, "Forbidden", requestId);
                return;
            }
            if (!invokeQuietly(route.functionName(), WebSocketEvents.message(c, route.routeKey(), body, now), route.routeKey())) {
                reply(c, "Internal server error", requestId);
            }
        }

        private void reply(WebSocketEvents.Connection c, String message, String requestId) {
            ObjectNode frame = Json.object().put("message", message).put("connectionId", c.connectionId())
                    .put("requestId", requestId);
            try {
                connections.send(c.connectionId(), Json.write(frame), clock.instant());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private JsonNode invoke(String function, ObjectNode event, String what) {
            try {
                byte[] answer = invoker.invoke(function, Json.write(event).getBytes(StandardCharsets.UTF_8));
                return answer == null || answer.length == 0 ? Json.object() : Json.parse(new String(answer, StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the server is stopping
                throw new HttpResponseException(500, "Internal Server Error");
            } catch (Exception e) {
                LOG.log(Level.ERROR, "WebSocket " + what + ": function " + function + " failed", e);
                throw new HttpResponseException(500, "Internal Server Error");
            }
        }

        private boolean invokeQuietly(String function, ObjectNode event, String what) {
            try {
                invoke(function, event, what);
                return true;
            } catch (HttpResponseException e) {
                return false;
            }
        }

        /** Whether a policy allows execute-api:Invoke: an Allow statement and no Deny. */
        private static boolean allows(JsonNode policy) {
            JsonNode statements = policy.path("policyDocument").path("Statement");
            if (statements.isObject()) {
                statements = Json.MAPPER.createArrayNode().add(statements);
            }
            boolean allow = false;
            for (JsonNode s : statements) {
                String effect = s.path("Effect").asText();
                if (effect.equals("Deny")) {
                    return false;
                }
                allow |= effect.equals("Allow");
            }
            return allow;
        }
    }
}
