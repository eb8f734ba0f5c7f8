package dev.agentflow.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A minimal DynamoDB client over the JSON 1.0 protocol, for the local cloud's own calls to DynamoDB Local
 * (creating the template's tables). Source: Amazon DynamoDB API Reference, "Making requests" (low-level API).
 */
final class DynamoDbJsonClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FAKE_AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/dynamodb/"
      + "aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0";

  private final URI endpoint;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  DynamoDbJsonClient(URI endpoint) {
    this.endpoint = endpoint;
  }

  /**
   * Calls an operation.
   *
   * @param operation e.g. {@code "CreateTable"}
   * @param request the request body
   * @return the response body
   * @throws DynamoDbCallException when DynamoDB answers an error ({@code __type} and {@code message})
   * @throws IOException on a connection failure
   */
  JsonNode call(String operation, JsonNode request) throws IOException, InterruptedException {
    HttpRequest httpRequest = HttpRequest.newBuilder(endpoint.resolve("/"))
        .header("Content-Type", "application/x-amz-json-1.0")
        .header("X-Amz-Target", "DynamoDB_20120810." + operation)
        .header("X-Amz-Date", "20240101T000000Z")
        .header("Authorization", FAKE_AUTHORIZATION)
        .POST(HttpRequest.BodyPublishers.ofString(request.toString()))
        .build();
    HttpResponse<String> response = http.send(httpRequest, HttpResponse.BodyHandlers.ofString());
    JsonNode body = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    if (response.statusCode() != 200) {
      String type = body.path("__type").asText("UnknownError");
      throw new DynamoDbCallException(type.substring(type.indexOf('#') + 1),
          body.path("message").asText(body.path("Message").asText(response.body())));
    }
    return body;
  }

  /** An error answer of DynamoDB. */
  static final class DynamoDbCallException extends IOException {

    private static final long serialVersionUID = 1L;
    private final String errorType;

    DynamoDbCallException(String errorType, String message) {
      super(errorType + ": " + message);
      this.errorType = errorType;
    }

    String errorType() {
      return errorType;
    }
  }
}
