package dev.agentflow.local.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.local.dynamodb.engine.DynamoDbFailure;
import dev.agentflow.local.dynamodb.engine.DynamoDbService;
import dev.agentflow.local.edge.AwsJson;
import dev.agentflow.local.edge.EdgeHandler;
import dev.agentflow.local.edge.EdgeRequest;
import dev.agentflow.local.edge.EdgeResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;

/**
 * DynamoDB on the edge ({@code X-Amz-Target: DynamoDB_20120810.*}, AWS JSON 1.0), answered in-process by the local
 * cloud's own in-memory engine ({@link DynamoDbService} over {@code engine.Database}). Credentials are accepted,
 * never checked (unsigned requests such as curl's too). Success is 200 with the body and {@code x-amz-crc32} (the
 * CRC32 of the body, which the SDKs verify); an error is its status with {@code __type} (namespaced as DynamoDB
 * namespaces it: {@code com.amazon.coral.validate#ValidationException},
 * {@code com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException}, …), {@code message} and, for a cancelled
 * transaction, {@code CancellationReasons}, for a failed condition with {@code ReturnValuesOnConditionCheckFailure}
 * the {@code Item}. Every response has {@code Content-Type: application/x-amz-json-1.0} and an
 * {@code x-amzn-RequestId}. DynamoDB Streams ({@code DynamoDBStreams_20120810.*}) and operations the engine does not
 * serve answer {@code UnknownOperationException} naming them.
 * Source: DynamoDB API Reference, "Making requests", "Error handling".
 */
public final class DynamoDbApi implements EdgeHandler {

  /** X-Amz-Target prefix of DynamoDB. */
  public static final String TARGET_PREFIX = "DynamoDB_20120810.";
  /** X-Amz-Target prefix of DynamoDB Streams. */
  public static final String STREAMS_TARGET_PREFIX = "DynamoDBStreams_20120810.";

  private static final System.Logger LOG = System.getLogger(DynamoDbApi.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  /** DynamoDB's request size limit (16 MiB): larger bodies are {@code RequestTooLarge} (413). */
  private static final int MAX_REQUEST_BYTES = 16 * 1024 * 1024;

  private final DynamoDbService service;

  /** @param service the engine's operations */
  public DynamoDbApi(DynamoDbService service) {
    this.service = service;
  }

  @Override
  public EdgeResponse handle(EdgeRequest request) {
    Map<String, String> headers = new HashMap<>(4);
    ThreadLocalRandom random = ThreadLocalRandom.current(); // a request id needs no SecureRandom
    headers.put("x-amzn-RequestId", new UUID(random.nextLong(), random.nextLong()).toString());
    headers.put("Content-Type", AwsJson.JSON_1_0);
    int status;
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(answer(request));
      status = 200;
      CRC32 crc = new CRC32();
      crc.update(body, 0, body.length);
      headers.put("x-amz-crc32", Long.toString(crc.getValue()));
    } catch (DynamoDbFailure e) {
      status = e.status();
      body = error(e);
    } catch (RuntimeException | JsonProcessingException e) {
      LOG.log(Level.ERROR, "DynamoDB failed on " + request.target(), e);
      status = 500;
      body = error(new DynamoDbFailure("InternalFailure", "The request processing has failed because of an unknown "
          + "error, exception or failure.", 500, null));
    }
    return new EdgeResponse(status, headers, body);
  }

  private ObjectNode answer(EdgeRequest request) {
    if (request.body().length > MAX_REQUEST_BYTES) {
      throw new DynamoDbFailure("RequestTooLarge", "Request content length " + request.body().length
          + " exceeded the maximum allowed request size of " + MAX_REQUEST_BYTES, 413, null);
    }
    String target = request.target() == null ? "" : request.target();
    if (!target.startsWith(TARGET_PREFIX)) {
      throw new DynamoDbFailure("UnknownOperationException", "The local cloud does not serve " + target
          + (target.startsWith(STREAMS_TARGET_PREFIX) ? " (DynamoDB Streams is not supported)" : ""), 400, null);
    }
    JsonNode body;
    try {
      body = request.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(request.body());
    } catch (IOException e) {
      throw new DynamoDbFailure("SerializationException", "Start of structure or map found where not expected.", 400,
          null);
    }
    if (!(body instanceof ObjectNode object)) {
      throw new DynamoDbFailure("SerializationException", "Start of structure or map found where not expected.", 400,
          null);
    }
    return service.call(target.substring(TARGET_PREFIX.length()), object);
  }

  private static byte[] error(DynamoDbFailure e) {
    ObjectNode body = JSON.createObjectNode();
    body.put("__type", namespace(e.type()) + e.type());
    body.put("Message", e.getMessage()); // DynamoDB Local's spelling; the SDKs read either
    if (e.extra() != null) {
      body.setAll(e.extra());
    }
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException x) {
      throw new IllegalStateException("cannot write a DynamoDB error body", x);
    }
  }

  private static String namespace(String type) {
    return switch (type) {
      case "ValidationException" -> "com.amazon.coral.validate#";
      case "UnknownOperationException", "SerializationException", "InternalFailure", "RequestTooLarge" ->
          "com.amazon.coral.service#";
      default -> "com.amazonaws.dynamodb.v20120810#";
    };
  }
}
