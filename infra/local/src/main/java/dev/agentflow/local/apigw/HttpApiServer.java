package dev.agentflow.local.apigw;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
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

    private final Javalin javalin;

    private HttpApiServer(Javalin javalin) {
        this.javalin = javalin;
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
        Handler handler = ctx -> {
            var localHandler = local.find(ctx.path());
            if (localHandler.isPresent()) {
                serveLocal(ctx, localHandler.get());
            } else {
                serve(ctx, routes, invoker, jwt);
            }
        };
        Javalin javalin = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
            for (String path : new String[] {"/", "/*"}) {
                cfg.routes.get(path, handler);
                cfg.routes.post(path, handler);
                cfg.routes.put(path, handler);
                cfg.routes.patch(path, handler);
                cfg.routes.delete(path, handler);
                cfg.routes.options(path, handler);
            }
        });
        javalin.start(host, port);
        return new HttpApiServer(javalin);
    }

    /** The bound port. */
    public int port() {
        return javalin.port();
    }

    private static void serve(Context ctx, List<HttpApiRoute> routes, LambdaInvoker invoker, LocalJwt jwt) {
        String method = ctx.method().name();
        String path = ctx.path();
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
            message(ctx, 404, "Not Found");
            return;
        }
        Map<String, String> claims = null;
        if (route.authorized()) {
            String header = ctx.header("Authorization");
            String token = header == null ? null : header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7) : header;
            try {
                claims = jwt.verify(token);
            } catch (LocalJwt.Rejected e) {
                message(ctx, 401, "Unauthorized");
                return;
            }
        }
        byte[] body;
        try {
            if (ctx.contentLength() > MAX_REQUEST_BYTES) {
                throw new HttpResponseException(413, "too large");
            }
            body = ctx.bodyAsBytes();
        } catch (HttpResponseException e) {
            message(ctx, 413, "Request Entity Too Large");
            return;
        }
        HttpApiEvents.Request request = new HttpApiEvents.Request(method, path, ctx.queryString(),
                ctx.headerMap().entrySet().stream().collect(java.util.stream.Collectors.toMap(
                        Map.Entry::getKey, e -> List.of(e.getValue()))),
                body, ctx.ip());
        byte[] event = HttpApiEvents.event(request, route, params, claims, Clock.systemUTC().instant()).toString()
                .getBytes(StandardCharsets.UTF_8);
        HttpApiEvents.Response response;
        try {
            response = HttpApiEvents.response(invoker.invoke(route.functionName(), event));
        } catch (Exception e) {
            LOG.log(Level.ERROR, "HTTP API " + route.routeKey() + ": function " + route.functionName() + " failed", e);
            message(ctx, 500, "Internal Server Error");
            return;
        }
        ctx.status(response.status());
        response.headers().forEach(ctx::header);
        response.cookies().forEach(c -> ctx.res().addHeader("Set-Cookie", c));
        ctx.result(response.body());
    }

    private static void serveLocal(Context ctx, LocalRoutes.Handler handler) {
        Map<String, String> query = new java.util.LinkedHashMap<>();
        ctx.queryParamMap().forEach((k, v) -> query.put(k, v.isEmpty() ? "" : v.get(0)));
        LocalRoutes.Reply reply = handler.handle(new LocalRoutes.Request(ctx.method().name(), ctx.path(), query, ctx.bodyAsBytes()));
        ctx.status(reply.status());
        ctx.contentType(reply.contentType());
        ctx.result(reply.body());
    }

    private static void message(Context ctx, int status, String message) {
        ctx.status(status);
        ctx.contentType("application/json");
        ctx.result("{\"message\":\"" + message + "\"}");
    }

    /** Stops serving. */
    @Override
    public void close() {
        javalin.stop();
    }
}
