package dev.agentflow.local.edge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentflow.local.lambda.LocalEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * {@link InProcessHttpClient} against the edge's own HTTP port: the same SDK request sent both ways must reach the
 * service as the same {@link EdgeRequest} and come back with the same status, headers and body.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InProcessHttpClientTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final EdgeRoutes routes = new EdgeRoutes();
  private final AtomicReference<EdgeRequest> lastRequest = new AtomicReference<>();
  private final AtomicReference<String> environmentSeen = new AtomicReference<>();
  private EdgeServer edge;
  private SdkHttpClient socket;
  private InProcessHttpClient inProcess;

  @BeforeAll
  void start() {
    routes.target("Test_20240101.", request -> {
      lastRequest.set(request);
      environmentSeen.set(String.valueOf(LocalEnvironment.get("AGENTFLOW_TEST_ONLY_IN_FUNCTION")));
      return new EdgeResponse(200, Map.of("Content-Type", AwsJson.JSON_1_0, "x-amz-crc32", "1234567"),
          ("{\"echo\": " + request.body().length + "}").getBytes(StandardCharsets.UTF_8));
    });
    routes.target("Boom.", request -> {
      throw new IllegalStateException("internal detail");
    });
    routes.path("GET", "/items/{id}", request -> {
      lastRequest.set(request);
      return new EdgeResponse(200, Map.of(), request.pathParameter("id").getBytes(StandardCharsets.UTF_8));
    });
    routes.path("HEAD", "/items/{id}", request -> new EdgeResponse(200, Map.of("ETag", "\"e1\""),
        "ignored".getBytes(StandardCharsets.UTF_8)));
    edge = EdgeServer.start("127.0.0.1", 0, routes);
    socket = UrlConnectionHttpClient.create();
    inProcess = new InProcessHttpClient(routes);
  }

  @AfterAll
  void stop() {
    socket.close();
    edge.close();
  }

  private record Answer(int status, Map<String, List<String>> headers, byte[] body, EdgeRequest seen) {

    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }
  }

  private Answer send(SdkHttpClient client, SdkHttpMethod method, String path, String query, Map<String, String> headers,
      byte[] body) throws IOException {
    lastRequest.set(null);
    SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder().method(method)
        .uri(URI.create("http://127.0.0.1:" + edge.port() + path + (query == null ? "" : "?" + query)));
    headers.forEach(request::putHeader);
    HttpExecuteRequest.Builder execute = HttpExecuteRequest.builder().request(request.build());
    if (body != null) {
      execute.contentStreamProvider(() -> new java.io.ByteArrayInputStream(body));
    }
    HttpExecuteResponse response = client.prepareRequest(execute.build()).call();
    byte[] bytes = response.responseBody().isPresent() ? response.responseBody().get().readAllBytes() : new byte[0];
    return new Answer(response.httpResponse().statusCode(), response.httpResponse().headers(), bytes,
        lastRequest.get());
  }

  private List<Answer> both(SdkHttpMethod method, String path, String query, Map<String, String> headers, byte[] body)
      throws IOException {
    return List.of(send(socket, method, path, query, headers, body), send(inProcess, method, path, query, headers, body));
  }

  @Test
  void call_whenJsonTarget_shouldReachTheServiceAsTheSocketDoes() throws Exception {
    byte[] body = "{\"TableName\": \"t\", \"Key\": {\"pk\": {\"S\": \"ü/ä\"}}}".getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = Map.of("X-Amz-Target", "Test_20240101.GetItem", "Content-Type", AwsJson.JSON_1_0,
        "Authorization", "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/dynamodb/aws4_request, Signature=0");

    List<Answer> answers = both(SdkHttpMethod.POST, "/a%3Ab/c", "x=1&y=a%2Fb", headers, body);

    EdgeRequest overSocket = answers.get(0).seen();
    EdgeRequest direct = answers.get(1).seen();
    assertEquals(overSocket.method(), direct.method());
    assertEquals("/a%3Ab/c", overSocket.path());
    assertEquals(overSocket.path(), direct.path());
    assertEquals(overSocket.queryString(), direct.queryString());
    assertArrayEquals(body, direct.body());
    for (String name : List.of("X-Amz-Target", "Content-Type", "Authorization", "Host", "Content-Length")) {
      assertEquals(overSocket.header(name), direct.header(name), name);
    }
    assertEquals("dynamodb", direct.signingService());
  }

  @Test
  void call_whenServiceAnswers_shouldGiveStatusHeadersAndBodyAsTheSocketDoes() throws Exception {
    List<Answer> answers = both(SdkHttpMethod.POST, "/", null, Map.of("X-Amz-Target", "Test_20240101.PutItem"),
        new byte[] {1, 2, 3});

    Answer overSocket = answers.get(0);
    Answer direct = answers.get(1);
    assertEquals(200, direct.status());
    assertArrayEquals(overSocket.body(), direct.body());
    assertEquals("{\"echo\": 3}", new String(direct.body(), StandardCharsets.UTF_8));
    for (String name : List.of("Content-Type", "x-amz-crc32", "Content-Length")) {
      assertEquals(overSocket.header(name), direct.header(name), name);
    }
    assertNotNull(direct.header("x-amzn-RequestId"));
  }

  @Test
  void call_whenServiceSetsNoContentType_shouldAnswerTextPlainAsTheSocketDoes() throws Exception {
    List<Answer> answers = both(SdkHttpMethod.GET, "/items/a%20b", null, Map.of(), null);

    assertEquals("a b", answers.get(1).seen().pathParameter("id"));
    assertEquals("a b", new String(answers.get(1).body(), StandardCharsets.UTF_8));
    assertArrayEquals(answers.get(0).body(), answers.get(1).body());
    assertEquals(answers.get(0).header("Content-Type"), answers.get(1).header("Content-Type"));
  }

  @Test
  void call_whenNoRoute_shouldAnswerTheEdgesErrorsAsTheSocketDoes() throws Exception {
    List<Answer> unknownTarget = both(SdkHttpMethod.POST, "/", null, Map.of("X-Amz-Target", "Nope.Op"), new byte[0]);
    List<Answer> unknownPath = both(SdkHttpMethod.GET, "/nothing/here", null, Map.of(), null);

    assertEquals(400, unknownTarget.get(1).status());
    assertEquals(unknownTarget.get(0).status(), unknownTarget.get(1).status());
    assertArrayEquals(unknownTarget.get(0).body(), unknownTarget.get(1).body());
    assertEquals(404, unknownPath.get(1).status());
    assertArrayEquals(unknownPath.get(0).body(), unknownPath.get(1).body());
    assertEquals(unknownPath.get(0).header("Content-Type"), unknownPath.get(1).header("Content-Type"));
  }

  @Test
  void call_whenServiceThrows_shouldAnswer500InternalFailureWithoutInternals() throws Exception {
    List<Answer> answers = both(SdkHttpMethod.POST, "/", null, Map.of("X-Amz-Target", "Boom.Op"), new byte[0]);

    for (Answer answer : answers) {
      assertEquals(500, answer.status());
      JsonNode error = JSON.readTree(answer.body());
      assertEquals("InternalFailure", error.path("__type").asText());
      assertFalse(error.toString().contains("internal detail"), error::toString);
    }
    assertEquals(answers.get(0).header("Content-Type"), answers.get(1).header("Content-Type"));
  }

  @Test
  void call_whenContentLengthIsGiven_shouldReadTheWholeStreamEvenWhenItDisagrees() throws Exception {
    for (int[] c : new int[][] {{3, 3}, {3, 5}, {10, 3}, {0, 0}}) {
      Answer answer = send(inProcess, SdkHttpMethod.POST, "/", null, Map.of("X-Amz-Target", "Test_20240101.PutItem",
          "Content-Length", Integer.toString(c[0])), new byte[c[1]]);
      assertEquals("{\"echo\": " + c[1] + "}", new String(answer.body(), StandardCharsets.UTF_8),
          "declared " + c[0] + ", sent " + c[1]);
    }
  }

  @Test
  void call_whenHead_shouldGiveHeadersWithoutBody() throws Exception {
    Answer direct = send(inProcess, SdkHttpMethod.HEAD, "/items/x", null, Map.of(), null);

    assertEquals(200, direct.status());
    assertEquals("\"e1\"", direct.header("ETag"));
    assertEquals(0, direct.body().length);
  }

  @Test
  void call_whenBodyOverTheEdgesLimit_shouldAnswer413WithoutCallingTheService() throws Exception {
    long size = EdgeServer.MAX_REQUEST_BYTES + 1L;
    lastRequest.set(null);
    SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST)
        .uri(URI.create("http://127.0.0.1:" + edge.port() + "/")).putHeader("X-Amz-Target", "Test_20240101.PutItem")
        .build();
    HttpExecuteResponse response = inProcess.prepareRequest(HttpExecuteRequest.builder().request(request)
        .contentStreamProvider(() -> new ZeroStream(size)).build()).call();

    assertEquals(413, response.httpResponse().statusCode());
    String body = new String(response.responseBody().orElseThrow().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(body.contains("RequestEntityTooLargeException"), body);
    assertNull(lastRequest.get());
  }

  @Test
  void call_whenCalledInsideAFunctionsEnvironment_shouldRunTheServiceWithoutIt() throws Exception {
    LocalEnvironment.callWith(Map.of("AGENTFLOW_TEST_ONLY_IN_FUNCTION", "yes"), () ->
        send(inProcess, SdkHttpMethod.POST, "/", null, Map.of("X-Amz-Target", "Test_20240101.GetItem"), new byte[0]));

    assertEquals("null", environmentSeen.get());
  }

  @Test
  void observers_shouldSeeEveryAnswerAndWhichWayItCame() throws Exception {
    List<String> seen = new ArrayList<>();
    long before = inProcess.requests();
    try (AutoCloseable observer = routes.observe((request, response, direct) ->
        seen.add(request.target() + " " + response.status() + " " + (direct ? "in-process" : "socket")))) {
      both(SdkHttpMethod.POST, "/", null, Map.of("X-Amz-Target", "Test_20240101.Query"), new byte[0]);
      both(SdkHttpMethod.POST, "/", null, Map.of("X-Amz-Target", "Nope.Op"), new byte[0]);
    }
    send(inProcess, SdkHttpMethod.POST, "/", null, Map.of("X-Amz-Target", "Test_20240101.Query"), new byte[0]);

    assertEquals(List.of("Test_20240101.Query 200 socket", "Test_20240101.Query 200 in-process",
        "Nope.Op 400 socket", "Nope.Op 400 in-process"), seen);
    assertEquals(before + 3, inProcess.requests());
  }

  /** {@code size} zero bytes, never held in memory at once. */
  private static final class ZeroStream extends InputStream {

    private long left;

    ZeroStream(long size) {
      this.left = size;
    }

    @Override
    public int read() {
      return left-- > 0 ? 0 : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left <= 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      java.util.Arrays.fill(b, off, off + n, (byte) 0);
      left -= n;
      return n;
    }
  }
}
