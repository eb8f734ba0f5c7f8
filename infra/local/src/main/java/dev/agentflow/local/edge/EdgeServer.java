package dev.agentflow.local.edge;

import dev.agentflow.local.util.RequestIds;
import dev.agentflow.local.http.PlainHttpServer;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one HTTP port every local AWS service is reached on (LocalStack's "edge" idea, default port 4566).
 * Each request is routed by {@link EdgeRoutes}; SigV4 signatures and credentials are accepted without
 * checking. Unknown JSON targets get the AWS JSON error {@code UnknownOperationException} (400); unknown
 * REST paths a 404. An exception inside a service is logged and answered 500 {@code InternalFailure}
 * without internals. Every AWS call of every in-process function lands here, so the port is a bare Jetty
 * handler ({@link PlainHttpServer}), no servlet stack.
 */
public final class EdgeServer implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(EdgeServer.class.getName());
  /** The largest request body the edge reads (bytes); larger ones get {@link #tooLarge()}. */
  static final int MAX_REQUEST_BYTES = 32 * 1024 * 1024;

  private final PlainHttpServer server;
  private final String host;

  private EdgeServer(PlainHttpServer server, String host) {
    this.server = server;
    this.host = host;
  }

  /**
   * Starts the edge.
   *
   * @param host the address to bind, e.g. {@code 127.0.0.1}
   * @param port the port, or 0 for a free one
   * @param routes the route table (may still be filled after start)
   * @return the running server
   * @throws IllegalStateException when the port is taken
   */
  public static EdgeServer start(String host, int port, EdgeRoutes routes) {
    PlainHttpServer server = PlainHttpServer.start("edge", host, port, MAX_REQUEST_BYTES, reply(tooLarge()),
        exchange -> reply(dispatch(new EdgeRequest(exchange.method(), exchange.path(), exchange.query(),
            exchange.headers(), exchange.body()), routes, false)));
    return new EdgeServer(server, host);
  }

  /** @return the bound port */
  public int port() {
    return server.port();
  }

  /** @return {@code http://localhost:<port>} (or the bound host when it is not a loopback/any address) */
  public URI endpoint() {
    boolean local = host.equals("127.0.0.1") || host.equals("0.0.0.0") || host.equals("localhost");
    return URI.create("http://" + (local ? "localhost" : host) + ":" + port());
  }

  /** Stops accepting requests and closes the port. */
  @Override
  public void close() {
    server.close();
  }

  /** The answer to a body over {@link #MAX_REQUEST_BYTES}: 413 {@code RequestEntityTooLargeException}. */
  static EdgeResponse tooLarge() {
    return AwsJson.error(AwsJson.JSON_1_0, 413, "RequestEntityTooLargeException",
        "Request bodies are limited to " + MAX_REQUEST_BYTES + " bytes");
  }

  /** Routes one request to its service and tells the routes' observers; never throws. */
  static EdgeResponse dispatch(EdgeRequest request, EdgeRoutes routes, boolean inProcess) {
    EdgeResponse response = answer(request, routes);
    routes.notifyObservers(request, response, inProcess);
    return response;
  }

  private static EdgeResponse answer(EdgeRequest request, EdgeRoutes routes) {
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
        String id = RequestIds.next();
        LOG.log(Level.ERROR, "Request " + id + " (" + request.method() + " " + request.path()
            + (request.target() == null ? "" : " " + request.target()) + ") failed", e);
        response = AwsJson.error(AwsJson.JSON_1_0, 500, "InternalFailure",
            "The local service failed; see the agentflow log for request " + id);
      }
    }
    return response;
  }

  private static PlainHttpServer.Reply reply(EdgeResponse response) {
    return new PlainHttpServer.Reply(response.status(), headerLines(response), response.body());
  }

  /** The response's header lines as the edge sends them: with an {@code x-amzn-RequestId} when it has none. */
  static List<Map.Entry<String, String>> headerLines(EdgeResponse response) {
    List<Map.Entry<String, String>> headers = new ArrayList<>(response.headers().entrySet());
    boolean hasRequestId = response.headers().keySet().stream().anyMatch(h -> h.equalsIgnoreCase("x-amzn-RequestId"));
    if (!hasRequestId) {
      headers.add(Map.entry("x-amzn-RequestId", RequestIds.next()));
    }
    return headers;
  }
}
