package dev.agentflow.local.apigw;

import dev.agentflow.local.http.PlainHttpServer;
import java.lang.System.Logger;
import java.net.URLDecoder;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local API Gateway HTTP API: serves template.yaml's {@code HttpApi} routes on a port (default 3000),
 * checks the bearer token with {@link LocalJwt} like the JWT authorizer (401 {@code {"message":
 * "Unauthorized"}}), invokes the route's function with the payload format 2.0 event and writes its
 * answer. Unknown routes are 404 {@code {"message": "Not Found"}}, bodies over 10 MB 413
 * {@code {"message": "Request Entity Too Large"}}, function failures 500
 * {@code {"message": "Internal Server Error"}}, as API Gateway answers them.
 *
 * <p>Wiring (LocalCloud): {@code HttpApiServer.start(host, 3000, HttpApiRoutes.read(templatePath, template),
 * (fn, payload) -> lambda.invoke(fn, payload, Instant.now().plusSeconds(30)).payload(), LocalJwtKeys.load(dataDir, System.getenv()))}.
 */
public final class HttpApiServer implements AutoCloseable {

    /** Default port (as {@code sam local start-api}). */
    public static final int DEFAULT_PORT = 3000;
    /** API Gateway HTTP API payload limit: 10 MB. */
    public static final int MAX_REQUEST_BYTES = 10 * 1024 * 1024;
    private static final Logger LOG = System.getLogger(HttpApiServer.class.getName());

    private final PlainHttpServer server;

    private HttpApiServer(PlainHttpServer server) {
        this.server = server;
    }

    /**
     * Starts serving.
     *
     * @param host    address to bind, e.g. 127.0.0.1
     * @param port    port, 0 for any free one
     * @param routes  the routes ({@link HttpApiRoutes})
     * @param invoker runs functions
     * @param jwt     the token authority
     */
    public static HttpApiServer start(String host, int port, List<HttpApiRoute> routes, LambdaInvoker invoker, LocalJwt jwt) {
        return start(host, port, routes, invoker, jwt, LocalRoutes.none());
    }

    /**
     * Starts serving, with local routes ({@link LocalRoutes}: sample data, endpoint discovery) answered before
     * the template's.
     *
     * @param local routes served without token or function
     */
    public static HttpApiServer start(String host, int port, List<HttpApiRoute> routes, LambdaInvoker invoker, LocalJwt jwt,
                                      LocalRoutes local) {
        return new HttpApiServer(PlainHttpServer.start("httpapi", host, port, MAX_REQUEST_BYTES,
                message(413, "Request Entity Too Large"), exchange -> {
                    var localHandler = local.find(exchange.path());
                    return localHandler.isPresent() ? serveLocal(exchange, localHandler.get())
                            : serve(exchange, routes, invoker, jwt);
                }));
    }

    /** The bound port. */
    public int port() {
        return server.port();
    }

    private static PlainHttpServer.Reply serve(PlainHttpServer.Exchange exchange, List<HttpApiRoute> routes,
                                               LambdaInvoker invoker, LocalJwt jwt) {
        String method = exchange.method();
        String path = exchange.path();
        HttpApiRoute route = null;
        Map<String, String> params = null;
        for (HttpApiRoute r : routes) {
            params = r.match(method, path);
            if (params != null) {
                route = r;
                break;
            }
        }
        if (route == null) {
            return message(404, "Not Found");
        }
        Map<String, String> claims = null;
        if (route.authorized()) {
            String header = exchange.headers().get("Authorization");
            String token = header == null ? null : header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7) : header;
            try {
                claims = jwt.verify(token);
            } catch (LocalJwt.Rejected e) {
                return message(401, "Unauthorized");
            }
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.headers().forEach((name, value) -> headers.put(name, List.of(value)));
        HttpApiEvents.Request request = new HttpApiEvents.Request(method, path, exchange.query(), headers,
                exchange.body(), exchange.remoteAddress());
        byte[] event = HttpApiEvents.event(request, route, params, claims, Clock.systemUTC().instant()).toString()
                .getBytes(StandardCharsets.UTF_8);
        HttpApiEvents.Response response;
        try {
            response = HttpApiEvents.response(invoker.invoke(route.functionName(), event));
        } catch (Exception e) {
            LOG.log(Level.ERROR, "HTTP API " + route.routeKey() + ": function " + route.functionName() + " failed", e);
            return message(500, "Internal Server Error");
        }
        List<Map.Entry<String, String>> out = new ArrayList<>(response.headers().entrySet());
        response.cookies().forEach(c -> out.add(Map.entry("Set-Cookie", c)));
        return new PlainHttpServer.Reply(response.status(), out, response.body());
    }

    private static PlainHttpServer.Reply serveLocal(PlainHttpServer.Exchange exchange, LocalRoutes.Handler handler) {
        Map<String, String> query = new LinkedHashMap<>();
        if (exchange.query() != null && !exchange.query().isEmpty()) {
            for (String pair : exchange.query().split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.putIfAbsent(name, value);
            }
        }
        LocalRoutes.Reply reply = handler.handle(new LocalRoutes.Request(exchange.method(), exchange.path(), query,
                exchange.body()));
        return PlainHttpServer.Reply.of(reply.status(), Map.of("Content-Type", reply.contentType()), reply.body());
    }

    private static PlainHttpServer.Reply message(int status, String message) {
        return PlainHttpServer.Reply.of(status, Map.of("Content-Type", "application/json"),
                ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** Stops serving. */
    @Override
    public void close() {
        server.close();
    }
}
