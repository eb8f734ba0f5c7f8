package dev.agentflow.local.dynamodb;

import dev.agentflow.local.edge.EdgeHandler;
import dev.agentflow.local.edge.EdgeRequest;
import dev.agentflow.local.edge.EdgeResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Forwards DynamoDB requests ({@code X-Amz-Target: DynamoDB_20120810.*} and
 * {@code DynamoDBStreams_20120810.*}) byte for byte to DynamoDB Local and its answer back, headers included
 * (so the {@code x-amz-crc32} checksum the SDKs verify stays valid). Unsigned requests get a placeholder
 * {@code Authorization} header, since DynamoDB Local insists on one.
 */
public final class DynamoDbProxy implements EdgeHandler {

  /** X-Amz-Target prefix of DynamoDB. */
  public static final String TARGET_PREFIX = "DynamoDB_20120810.";
  /** X-Amz-Target prefix of DynamoDB Streams. */
  public static final String STREAMS_TARGET_PREFIX = "DynamoDBStreams_20120810.";

  /** Headers java.net.http sets itself or refuses, and hop-by-hop headers. */
  private static final Set<String> SKIPPED = Set.of("host", "content-length", "connection", "expect", "upgrade",
      "transfer-encoding", "keep-alive", "te", "trailer", "http2-settings");

  private static final String UNSIGNED_PLACEHOLDER = "AWS4-HMAC-SHA256 Credential=local/20240101/us-east-1/"
      + "dynamodb/aws4_request, SignedHeaders=host, Signature=0";

  private final URI target;
  private final HttpClient http;

  /** @param target DynamoDB Local's endpoint */
  public DynamoDbProxy(URI target) {
    this.target = target;
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  @Override
  public EdgeResponse handle(EdgeRequest request) throws IOException, InterruptedException {
    HttpRequest.Builder forward = HttpRequest.newBuilder(target.resolve(request.path()))
        .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
    request.headers().forEach((name, value) -> {
      if (!SKIPPED.contains(name.toLowerCase(Locale.ROOT))) {
        forward.header(name, value);
      }
    });
    if (request.header("Authorization") == null) {
      // Credentials are accepted, not checked; DynamoDB Local refuses requests with none
      // (MissingAuthenticationToken), so an unsigned caller such as curl gets a placeholder.
      forward.header("Authorization", UNSIGNED_PLACEHOLDER);
    }
    HttpResponse<byte[]> response = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
      String name = header.getKey();
      if (!name.startsWith(":") && !SKIPPED.contains(name.toLowerCase(Locale.ROOT))
          && !name.equalsIgnoreCase("server") && !name.equalsIgnoreCase("date")) {
        headers.put(name, String.join(",", header.getValue()));
      }
    }
    return new EdgeResponse(response.statusCode(), headers, response.body());
  }
}
