package dev.agentflow.local.edge;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.Map;
import java.util.UUID;

/**
 * The one HTTP port every local AWS service is reached on (LocalStack's "edge" idea, default port 4566).
 * Each request is routed by {@link EdgeRoutes}; SigV4 signatures and credentials are accepted without
 * checking. Unknown JSON targets get the AWS JSON error {@code UnknownOperationException} (400); unknown
 * REST paths a 404. An exception inside a service is logged and answered 500 {@code InternalFailure}
 * without internals.
 */
public final class EdgeServer implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(EdgeServer.class.getName());
  private static final long MAX_REQUEST_BYTES = 32L * 1024 * 1024;

  private final Javalin javalin;
  private final String host;

  private EdgeServer(Javalin javalin, String host) {
    this.javalin = javalin;
    this.host = host;
  }

  /**
   * Starts the edge.
   *
   * @param host the address to bind, e.g. {@code 127.0.0.1}
   * @param port the port, or 0 for a free one
   * @param routes the route table (may still be filled after start)
   * @return the running server
   * @throws io.javalin.util.JavalinBindException (unchecked) when the port is taken
   */
  public static EdgeServer start(String host, int port, EdgeRoutes routes) {
    Handler dispatch = ctx -> dispatch(ctx, routes);
    Javalin javalin = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.startup.showOldJavalinVersionWarning = false;
      cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
      cfg.http.compressionStrategy = CompressionStrategy.NONE;
      for (String path : new String[] {"/", "/*"}) {
        cfg.routes.get(path, dispatch);
        cfg.routes.post(path, dispatch);
        cfg.routes.put(path, dispatch);
        cfg.routes.patch(path, dispatch);
        cfg.routes.delete(path, dispatch);
        cfg.routes.head(path, dispatch);
      }
    });
    javalin.start(host, port);
    return new EdgeServer(javalin, host);
  }

  /** @return the bound port */
  public int port() {
    return javalin.port();
  }

  /** @return {@code http://localhost:<port>} (or the bound host when it is not a loopback/any address) */
  public URI endpoint() {
    boolean local = host.equals("127.0.0.1") || host.equals("0.0.0.0") || host.equals("localhost");
    return URI.create("http://" + (local ? "localhost" : host) + ":" + port());
  }

  /** Stops accepting requests and closes the port. */
  @Override
  public void close() {
    javalin.stop();
  }

  private static void dispatch(Context ctx, EdgeRoutes routes) {
    EdgeRequest request = new EdgeRequest(ctx.method().name(), ctx.path(), ctx.queryString(), ctx.headerMap(),
        ctx.bodyAsBytes());
    EdgeResponse response;
    var match = routes.resolve(request);
    if (match.isEmpty()) {
      response = request.target() != null
          ? AwsJson.error(AwsJson.JSON_1_0, 400, "UnknownOperationException",
              "No local service handles X-Amz-Target " + request.target())
          : AwsJson.error("application/json", 404, "UnknownOperationException",
              "No local service handles " + request.method() + " " + request.path());
    } else {
      try {
        response = match.get().handler().handle(match.get().request());
      } catch (Exception e) {
        String id = UUID.randomUUID().toString();
        LOG.log(Level.ERROR, "Request " + id + " (" + request.method() + " " + request.path()
            + (request.target() == null ? "" : " " + request.target()) + ") failed", e);
        response = AwsJson.error(AwsJson.JSON_1_0, 500, "InternalFailure",
            "The local service failed; see the agentflow log for request " + id);
      }
    }
    ctx.status(response.status());
    boolean hasRequestId = false;
    for (Map.Entry<String, String> header : response.headers().entrySet()) {
      ctx.header(header.getKey(), header.getValue());
      hasRequestId |= header.getKey().equalsIgnoreCase("x-amzn-RequestId");
    }
    if (!hasRequestId) {
      ctx.header("x-amzn-RequestId", UUID.randomUUID().toString());
    }
    ctx.result(response.body());
  }
}
