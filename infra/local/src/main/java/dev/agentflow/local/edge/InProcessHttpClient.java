package dev.agentflow.local.edge;

import dev.agentflow.local.lambda.LocalEnvironment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An AWS SDK v2 {@link SdkHttpClient} that answers from the edge's routes in the calling thread, with no socket:
 * the SDK request becomes the {@link EdgeRequest} the edge's HTTP port would have built (method, raw path, raw
 * query, first value of each header, whole body), goes through the same dispatch (routing, {@code 400
 * UnknownOperationException} / {@code 404} for unknown targets and paths, {@code 500 InternalFailure} for a
 * failing service, observers), and the {@link EdgeResponse} comes back as the HTTP port would have sent it
 * (status, every header of the service, e.g. {@code x-amz-crc32}, plus {@code x-amzn-RequestId} when the service
 * set none, {@code Content-Type: text/plain} when it set no type, {@code Content-Length}; the body, none for
 * {@code HEAD}). A body over {@value EdgeServer#MAX_REQUEST_BYTES} bytes gets the edge's {@code 413}.
 *
 * <p>The service runs with the function's environment overlay lifted and the edge's class loader as context
 * loader, as on an edge thread. Closing the client does nothing (the SDK does not close clients it was given;
 * the local cloud unregisters the transport at stop).
 */
public final class InProcessHttpClient implements SdkHttpClient {

  private final EdgeRoutes routes;
  private final AtomicLong requests = new AtomicLong();

  /** @param routes the edge's route table */
  public InProcessHttpClient(EdgeRoutes routes) {
    this.routes = routes;
  }

  /** @return the number of requests answered so far */
  public long requests() {
    return requests.get();
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        return execute(request);
      }

      @Override
      public void abort() {
        // the call runs in the caller's thread and ends with it
      }
    };
  }

  @Override
  public String clientName() {
    return "AgentFlowInProcessEdge";
  }

  @Override
  public void close() {
    // nothing held
  }

  /**
   * Answers one request in the calling thread.
   *
   * @throws IOException when the request body cannot be read
   */
  HttpExecuteResponse execute(HttpExecuteRequest request) throws IOException {
    requests.incrementAndGet();
    SdkHttpRequest http = request.httpRequest();
    byte[] body = request.contentStreamProvider().isPresent()
        ? read(request.contentStreamProvider().get().newStream(), http.firstMatchingHeader("Content-Length"))
        : new byte[0];
    EdgeResponse response;
    if (body == null) {
      response = EdgeServer.tooLarge();
    } else {
      EdgeRequest edgeRequest = edgeRequest(http, body);
      response = dispatch(edgeRequest);
    }
    return response(response, http.method() == SdkHttpMethod.HEAD);
  }

  private EdgeResponse dispatch(EdgeRequest edgeRequest) throws IOException {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(InProcessHttpClient.class.getClassLoader());
    try {
      return LocalEnvironment.callWithout(() -> EdgeServer.dispatch(edgeRequest, routes, true));
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** The request the edge's HTTP port would have built for {@code http}. */
  static EdgeRequest edgeRequest(SdkHttpRequest http, byte[] body) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    http.forEachHeader((name, values) -> {
      if (!values.isEmpty()) {
        headers.putIfAbsent(name, values.get(0));
      }
    });
    if (!headers.containsKey("Host")) {
      boolean defaultPort = http.port() == ("https".equalsIgnoreCase(http.protocol()) ? 443 : 80);
      headers.put("Host", defaultPort ? http.host() : http.host() + ":" + http.port());
    }
    if (!headers.containsKey("Content-Length") && !headers.containsKey("Transfer-Encoding")
        && (body.length > 0 || http.method() == SdkHttpMethod.POST || http.method() == SdkHttpMethod.PUT)) {
      headers.put("Content-Length", Integer.toString(body.length));
    }
    String path = http.encodedPath();
    if (path == null || path.isEmpty()) {
      path = "/";
    }
    String query = http.encodedQueryParameters().orElse(null);
    return new EdgeRequest(http.method().name(), path, query, headers, body);
  }

  /** The SDK's view of what the edge's HTTP port would have sent for {@code response}. */
  static HttpExecuteResponse response(EdgeResponse response, boolean head) {
    SdkHttpResponse.Builder http = SdkHttpResponse.builder().statusCode(response.status());
    boolean typed = false;
    boolean sized = false;
    for (Map.Entry<String, String> header : EdgeServer.headerLines(response)) {
      http.appendHeader(header.getKey(), header.getValue());
      typed |= header.getKey().equalsIgnoreCase("Content-Type");
      sized |= header.getKey().equalsIgnoreCase("Content-Length");
    }
    if (!typed) {
      http.putHeader("Content-Type", "text/plain");
    }
    if (!sized) {
      http.putHeader("Content-Length", Integer.toString(response.body().length));
    }
    HttpExecuteResponse.Builder out = HttpExecuteResponse.builder().response(http.build());
    if (!head) {
      out.responseBody(AbortableInputStream.create(new ByteArrayInputStream(response.body())));
    }
    return out.build();
  }

  /** The whole stream, or null when it holds more than the edge reads. */
  private static byte[] read(InputStream in, java.util.Optional<String> contentLength) throws IOException {
    int declared = -1;
    try {
      declared = contentLength.map(Integer::parseInt).orElse(-1);
    } catch (NumberFormatException e) {
      // read to the end instead
    }
    if (declared >= 0 && declared <= EdgeServer.MAX_REQUEST_BYTES) {
      try (in) {
        byte[] body = new byte[declared]; // the SDK's own Content-Length: one exact buffer, not 8 KiB chunks
        int got = in.readNBytes(body, 0, declared);
        if (got < declared) {
          return java.util.Arrays.copyOf(body, got);
        }
        int next = in.read();
        if (next < 0) {
          return body;
        }
        byte[] rest = read(in, java.util.Optional.empty()); // the stream disagreed with its header: read on
        if (rest == null || body.length + 1L + rest.length > EdgeServer.MAX_REQUEST_BYTES) {
          return null;
        }
        byte[] all = java.util.Arrays.copyOf(body, body.length + 1 + rest.length);
        all[body.length] = (byte) next;
        System.arraycopy(rest, 0, all, body.length + 1, rest.length);
        return all;
      }
    }
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int total = 0;
      for (int n; (n = in.read(buffer)) >= 0; ) {
        total += n;
        if (total > EdgeServer.MAX_REQUEST_BYTES) {
          return null;
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    }
  }
}
