package dev.agentflow.local.dynamodb.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.local.dynamodb.DynamoDbLocalApi;
import dev.agentflow.local.dynamodb.DynamoDbLocalEngine;
import dev.agentflow.local.edge.EdgeRequest;
import dev.agentflow.local.edge.EdgeResponse;
import java.io.IOException;
import java.util.Map;

/**
 * DynamoDB Local 2.6.1 in this JVM (no HTTP), driven with DynamoDB JSON requests through {@link DynamoDbLocalApi}: the
 * reference the differential tests compare the expression engine with.
 */
final class LocalReference implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/dynamodb/"
      + "aws4_request, SignedHeaders=host, Signature=0";

  /** An answer: the HTTP status and the body (an error body has {@code __type} and {@code message}). */
  record Answer(int status, JsonNode body) {
    boolean ok() {
      return status == 200;
    }

    /** @return the short error type, e.g. ValidationException */
    String errorType() {
      String type = body.path("__type").asText();
      return type.substring(type.indexOf('#') + 1);
    }

    String message() {
      JsonNode m = body.get("message");
      return m == null ? body.path("Message").asText() : m.asText();
    }
  }

  private final DynamoDbLocalEngine engine;
  private final DynamoDbLocalApi api;

  LocalReference() throws IOException {
    engine = DynamoDbLocalEngine.open(null);
    api = new DynamoDbLocalApi(engine);
  }

  Answer call(String operation, ObjectNode body) {
    try {
      EdgeResponse response = api.handle(new EdgeRequest("POST", "/", null, Map.of(
          "X-Amz-Target", DynamoDbLocalApi.TARGET_PREFIX + operation, "Content-Type", "application/x-amz-json-1.0",
          "Authorization", AUTHORIZATION), JSON.writeValueAsBytes(body)));
      return new Answer(response.status(), JSON.readTree(response.body()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  Answer call(String operation, String body) {
    try {
      return call(operation, (ObjectNode) JSON.readTree(body));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Creates a pay-per-request table with a string hash key and, when {@code rangeType} is given, a range key. */
  void createTable(String name, String hash, String range, String rangeType) {
    String attributes = "[{\"AttributeName\":\"" + hash + "\",\"AttributeType\":\"S\"}"
        + (range == null ? "" : ",{\"AttributeName\":\"" + range + "\",\"AttributeType\":\"" + rangeType + "\"}")
        + "]";
    String keys = "[{\"AttributeName\":\"" + hash + "\",\"KeyType\":\"HASH\"}"
        + (range == null ? "" : ",{\"AttributeName\":\"" + range + "\",\"KeyType\":\"RANGE\"}") + "]";
    Answer a = call("CreateTable", "{\"TableName\":\"" + name + "\",\"AttributeDefinitions\":" + attributes
        + ",\"KeySchema\":" + keys + ",\"BillingMode\":\"PAY_PER_REQUEST\"}");
    if (!a.ok()) {
      throw new IllegalStateException(a.body().toString());
    }
  }

  @Override
  public void close() {
    engine.close();
  }
}
