package dev.agentflow.local.http;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A small blocking HTTP/1.1 server on Jetty 12's core API — no servlet container, sessions or router — for the
 * local cloud's request/response ports (the edge, the HTTP API), where every AWS call of every in-process
 * function lands: one handler sees each request whole (method, raw path, raw query, headers, body) and answers
 * whole (status, headers, body). Bodies over {@code maxRequestBytes} are not read; the {@code tooLarge} answer
 * goes back instead.
 */
public final class PlainHttpServer implements AutoCloseable {

  /** Answers one request; runs on a server thread and may block. */
  @FunctionalInterface
  public interface Responder {

    /**
     * @return the answer
     * @throws Exception for a failure the responder did not answer itself: the client gets a 500 with an empty body
     */
    Reply handle(Exchange exchange) throws Exception;
  }

  /**
   * A request.
   *
   * @param method the method, upper case
   * @param path the path, not decoded
   * @param query the raw query string, or {@code null}
   * @param headers first value of each header, case-insensitive names
   * @param allHeaders every header line, in order, as received
   * @param body the body (empty when none)
   * @param remoteAddress the client's IP address
   */
  public record Exchange(String method, String path, String query, Map<String, String> headers,
      List<Map.Entry<String, String>> allHeaders, byte[] body, String remoteAddress) {}

  /**
   * An answer.
   *
   * @param status the HTTP status
   * @param headers header lines (a name may repeat, e.g. {@code Set-Cookie}); without {@code Content-Type} the
   *     answer is {@code text/plain}
   * @param body the body
   */
  public record Reply(int status, List<Map.Entry<String, String>> headers, byte[] body) {

    public Reply {
      headers = List.copyOf(headers);
      body = body == null ? new byte[0] : body;
    }

    /** @return an answer whose headers are a map (one value each) */
    public static Reply of(int status, Map<String, String> headers, byte[] body) {
      return new Reply(status, new ArrayList<>(headers.entrySet()), body);
    }
  }

  private final Server server;
  private final ServerConnector connector;

  private PlainHttpServer(Server server, ServerConnector connector) {
    this.server = server;
    this.connector = connector;
  }

  /**
   * Starts serving.
   *
   * @param name thread name prefix (profiles and thread dumps show it)
   * @param host the address to bind
   * @param port the port, or 0 for a free one
   * @param maxRequestBytes largest body read
   * @param tooLarge the answer to a larger body
   * @param responder answers requests
   * @return the running server
   * @throws IllegalStateException when the port cannot be bound (the cause says why)
   */
  public static PlainHttpServer start(String name, String host, int port, int maxRequestBytes, Reply tooLarge,
      Responder responder) {
    QueuedThreadPool threads = new QueuedThreadPool(200, 4);
    threads.setName(name);
    threads.setDaemon(true);
    Server server = new Server(threads);
    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    config.setSendXPoweredBy(false);
    // no per-connection header cache: AWS SDK requests carry a new date, signature and invocation id each time,
    // so Jetty's cache keeps filling and clearing (a quarter of the header parsing cost, measured)
    config.setHeaderCacheSize(0);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(config));
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Reply reply = answer(request, maxRequestBytes, tooLarge, responder);
        response.setStatus(reply.status());
        HttpFields.Mutable out = response.getHeaders();
        boolean typed = false;
        for (Map.Entry<String, String> header : reply.headers()) {
          out.add(header.getKey(), header.getValue());
          typed |= header.getKey().equalsIgnoreCase("Content-Type");
        }
        if (!typed) {
          out.put("Content-Type", "text/plain");
        }
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
        return true;
      }
    });
    try {
      server.start();
    } catch (Exception e) {
      try {
        server.stop();
      } catch (Exception stop) {
        e.addSuppressed(stop);
      }
      throw new IllegalStateException("cannot serve on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    return new PlainHttpServer(server, connector);
  }

  private static Reply answer(Request request, int maxRequestBytes, Reply tooLarge, Responder responder) {
    if (request.getLength() > maxRequestBytes) {
      return tooLarge;
    }
    byte[] body;
    try {
      body = Content.Source.asByteArrayAsync(request, maxRequestBytes).get();
    } catch (ExecutionException e) {
      return tooLarge; // more bytes than maxRequestBytes (chunked, no length), or a broken upload
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Reply(503, List.of(), null);
    }
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    List<Map.Entry<String, String>> all = new ArrayList<>();
    for (HttpField field : request.getHeaders()) {
      headers.putIfAbsent(field.getName(), field.getValue());
      all.add(Map.entry(field.getName(), field.getValue()));
    }
    Exchange exchange = new Exchange(request.getMethod(), request.getHttpURI().getPath(),
        request.getHttpURI().getQuery(), Collections.unmodifiableMap(headers), Collections.unmodifiableList(all), body,
        Request.getRemoteAddr(request));
    try {
      return responder.handle(exchange);
    } catch (Exception e) {
      System.getLogger(PlainHttpServer.class.getName()).log(System.Logger.Level.ERROR,
          "request " + exchange.method() + " " + exchange.path() + " failed", e);
      return new Reply(500, List.of(), null);
    }
  }

  /** @return the bound port */
  public int port() {
    return connector.getLocalPort();
  }

  /** Stops accepting requests and closes the port. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the HTTP server", e);
    }
  }
}
