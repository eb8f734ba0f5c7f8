package dev.agentflow.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentflow.local.edge.EdgeHandler;
import dev.agentflow.local.edge.EdgeRequest;
import dev.agentflow.local.edge.EdgeResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A minimal DynamoDB client over the JSON 1.0 protocol, for the local cloud's own calls to DynamoDB (creating
 * the template's tables): the same request the SDK sends, handed to the edge's DynamoDB handler in-process.
 * Source: Amazon DynamoDB API Reference, "Making requests" (low-level API).
 */
final class DynamoDbJsonClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FAKE_AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/dynamodb/"
      + "aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0";

  private final EdgeHandler dynamoDb;

  /** @param dynamoDb the edge's DynamoDB handler ({@link DynamoDbApi}) */
  DynamoDbJsonClient(EdgeHandler dynamoDb) {
    this.dynamoDb = dynamoDb;
  }

  /**
   * Calls an operation.
   *
   * @param operation e.g. {@code "CreateTable"}
   * @param request the request body
   * @return the response body
   * @throws DynamoDbCallException when DynamoDB answers an error ({@code __type} and {@code message})
   * @throws IOException when the answer is not JSON
   */
  JsonNode call(String operation, JsonNode request) throws IOException {
    EdgeResponse response;
    try {
      response = dynamoDb.handle(new EdgeRequest("POST", "/", null, Map.of(
          "Content-Type", "application/x-amz-json-1.0",
          "X-Amz-Target", DynamoDbApi.TARGET_PREFIX + operation,
          "X-Amz-Date", "20240101T000000Z",
          "Authorization", FAKE_AUTHORIZATION), request.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("DynamoDB " + operation + " failed", e);
    }
    String text = response.bodyText();
    JsonNode body = text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
    if (response.status() != 200) {
      String type = body.path("__type").asText("UnknownError");
      throw new DynamoDbCallException(type.substring(type.indexOf('#') + 1),
          body.path("message").asText(body.path("Message").asText(text)));
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
