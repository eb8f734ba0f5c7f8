package dev.agentflow.local.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentflow.local.AwsClients;
import dev.agentflow.local.LocalCloud;
import dev.agentflow.local.LocalCloudOptions;
import dev.agentflow.local.edge.EdgeHandler;
import dev.agentflow.local.edge.EdgeRequest;
import dev.agentflow.local.edge.EdgeResponse;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * DynamoDB served in-process on the edge ({@link DynamoDbApi} over the local cloud's engine), over HTTP: DynamoDB's
 * headers ({@code x-amz-crc32}, request id, content type), bodies and wire errors, and the typed errors the AWS SDK
 * v2 makes of them. (Answer-by-answer agreement with DynamoDB Local is {@link DynamoDbDifferentialTest}'s.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DynamoDbApiTest {

  private static final String SIGNED = "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/dynamodb/aws4_request, "
      + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0";

  private static final ObjectMapper JSON = new ObjectMapper();

  private LocalCloud cloud;
  private DynamoDbClient sdk;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start() throws Exception {
    cloud = LocalCloud.start(LocalCloudOptions.inMemory(null).withEdgePort(0)
        .withLog(new PrintStream(OutputStream.nullOutputStream())));
    sdk = AwsClients.dynamoDb(cloud.edgeEndpoint());
    String table = "{\"TableName\": \"items\", \"AttributeDefinitions\": [{\"AttributeName\": \"pk\", "
        + "\"AttributeType\": \"S\"}], \"KeySchema\": [{\"AttributeName\": \"pk\", \"KeyType\": \"HASH\"}], "
        + "\"BillingMode\": \"PAY_PER_REQUEST\"}";
    assertEquals(200, post("DynamoDB_20120810.CreateTable", table, SIGNED).statusCode());
  }

  @AfterAll
  void stop() throws Exception {
    sdk.close();
    cloud.close();
  }

  private HttpResponse<byte[]> post(String target, String body, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(cloud.edgeEndpoint().resolve("/"))
        .header("Content-Type", "application/x-amz-json-1.0")
        .header("X-Amz-Target", target)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Sends one request over HTTP; checks the headers every DynamoDB answer has. */
  private HttpResponse<byte[]> call(String target, String body) throws Exception {
    HttpResponse<byte[]> response = post(target, body, SIGNED);
    assertEquals("application/x-amz-json-1.0", response.headers().firstValue("Content-Type").orElse(null),
        body(response));
    assertTrue(response.headers().firstValue("x-amzn-RequestId").isPresent(), body(response));
    if (response.statusCode() == 200) {
      CRC32 crc = new CRC32();
      crc.update(response.body());
      assertEquals(Long.toString(crc.getValue()), response.headers().firstValue("x-amz-crc32").orElseThrow());
    }
    return response;
  }

  private static JsonNode json(HttpResponse<byte[]> response) throws Exception {
    return JSON.readTree(response.body());
  }

  @Test
  void answers_whenSentOverHttpToTheEdge_shouldBeDynamoDbsBodiesWithChecksum() throws Exception {
    String put = "{\"TableName\": \"items\", \"Item\": {\"pk\": {\"S\": \"a\"}, \"n\": {\"N\": \"1\"}}}";
    assertEquals("{}", body(call("DynamoDB_20120810.PutItem", put)));

    assertEquals(JSON.readTree("{\"Item\": {\"pk\": {\"S\": \"a\"}, \"n\": {\"N\": \"1\"}}}"),
        json(call("DynamoDB_20120810.GetItem", "{\"TableName\": \"items\", \"Key\": {\"pk\": {\"S\": \"a\"}}}")));
    assertEquals(JSON.readTree("{\"Attributes\": {\"n\": {\"N\": \"2\"}}}"),
        json(call("DynamoDB_20120810.UpdateItem", "{\"TableName\": \"items\", \"Key\": {\"pk\": {\"S\": \"a\"}}, "
        + "\"UpdateExpression\": \"ADD n :one\", \"ExpressionAttributeValues\": {\":one\": {\"N\": \"1\"}}, "
        + "\"ReturnValues\": \"UPDATED_NEW\"}")));
    JsonNode query = json(call("DynamoDB_20120810.Query", "{\"TableName\": \"items\", \"KeyConditionExpression\": "
        + "\"pk = :pk\", \"ExpressionAttributeValues\": {\":pk\": {\"S\": \"a\"}}, \"ConsistentRead\": true}"));
    assertEquals(1, query.get("Count").asInt());
    assertEquals("2", query.get("Items").get(0).get("n").get("N").asText());
    assertTrue(json(call("DynamoDB_20120810.ListTables", "{}")).get("TableNames").toString().contains("\"items\""));
  }

  @Test
  void errors_whenSentOverHttpToTheEdge_shouldBeDynamoDbsWireErrors() throws Exception {
    call("DynamoDB_20120810.PutItem", "{\"TableName\": \"items\", \"Item\": {\"pk\": {\"S\": \"c\"}, "
        + "\"v\": {\"S\": \"old\"}}}");
    HttpResponse<byte[]> conditional = call("DynamoDB_20120810.PutItem", "{\"TableName\": \"items\", "
        + "\"Item\": {\"pk\": {\"S\": \"c\"}}, \"ConditionExpression\": \"attribute_not_exists(pk)\", "
        + "\"ReturnValuesOnConditionCheckFailure\": \"ALL_OLD\"}");
    assertEquals(400, conditional.statusCode());
    assertEquals("com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",
        json(conditional).get("__type").asText());
    assertEquals("old", json(conditional).at("/Item/v/S").asText(), body(conditional));

    HttpResponse<byte[]> cancelled = call("DynamoDB_20120810.TransactWriteItems", "{\"TransactItems\": ["
        + "{\"Put\": {\"TableName\": \"items\", \"Item\": {\"pk\": {\"S\": \"c\"}}, "
        + "\"ConditionExpression\": \"attribute_not_exists(pk)\"}},"
        + "{\"Put\": {\"TableName\": \"items\", \"Item\": {\"pk\": {\"S\": \"d\"}}}}]}");
    assertEquals(400, cancelled.statusCode());
    assertEquals("[{\"Code\":\"ConditionalCheckFailed\",\"Message\":\"The conditional request failed\"},"
        + "{\"Code\":\"None\"}]", json(cancelled).get("CancellationReasons").toString());

    assertError(call("DynamoDB_20120810.GetItem", "{\"TableName\": \"nope\", \"Key\": {\"pk\": {\"S\": \"a\"}}}"),
        400, "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException");
    assertError(call("DynamoDB_20120810.UpdateItem", "{\"TableName\": \"items\", \"Key\": {\"pk\": "
        + "{\"S\": \"a\"}}, \"UpdateExpression\": \"SET = oops\"}"), 400, "com.amazon.coral.validate#ValidationException");
    assertError(call("DynamoDB_20120810.PutItem", "{\"TableName\": \"items\", \"Item\": {\"pk\": {\"N\": \"1\"}}}"),
        400, "com.amazon.coral.validate#ValidationException");
    HttpResponse<byte[]> unknown = call("DynamoDB_20120810.Frobnicate", "{}");
    assertError(unknown, 400, "com.amazon.coral.service#UnknownOperationException");
    assertTrue(json(unknown).get("Message").asText().contains("Frobnicate"), body(unknown));
    assertError(call("DynamoDB_20120810.ExecuteStatement", "{\"Statement\": \"SELECT * FROM items\"}"), 400,
        "com.amazon.coral.service#UnknownOperationException");
    assertError(call("DynamoDBStreams_20120810.ListStreams", "{}"), 400,
        "com.amazon.coral.service#UnknownOperationException");
    assertError(call("DynamoDB_20120810.GetItem", "{not json"), 400, "com.amazon.coral.service#SerializationException");
  }

  private static void assertError(HttpResponse<byte[]> response, int status, String type) throws Exception {
    assertEquals(status, response.statusCode(), body(response));
    assertEquals(type, json(response).get("__type").asText(), body(response));
  }

  @Test
  void unsignedRequest_whenNoAuthorization_shouldBeAnsweredLikeASignedOne() throws Exception {
    HttpResponse<byte[]> signed = post("DynamoDB_20120810.ListTables", "{}", SIGNED);
    HttpResponse<byte[]> unsigned = post("DynamoDB_20120810.ListTables", "{}", null);

    assertEquals(200, unsigned.statusCode());
    assertEquals(body(signed), body(unsigned));
  }

  @Test
  void sdk_whenConditionFails_shouldThrowConditionalCheckFailedWithTheOldItem() {
    sdk.putItem(b -> b.tableName("items").item(Map.of("pk", AttributeValue.fromS("sdk-1"),
        "v", AttributeValue.fromS("first"))));

    ConditionalCheckFailedException e = assertThrows(ConditionalCheckFailedException.class, () -> sdk.putItem(b -> b
        .tableName("items").item(Map.of("pk", AttributeValue.fromS("sdk-1"), "v", AttributeValue.fromS("second")))
        .conditionExpression("attribute_not_exists(pk)")
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));

    assertEquals(400, e.statusCode());
    assertEquals("first", e.item().get("v").s());
    assertEquals("first", sdk.getItem(b -> b.tableName("items").key(Map.of("pk", AttributeValue.fromS("sdk-1"))))
        .item().get("v").s());
  }

  @Test
  void sdk_whenTransactionConditionFails_shouldThrowCancelledWithReasonsAndWriteNothing() {
    sdk.putItem(b -> b.tableName("items").item(Map.of("pk", AttributeValue.fromS("tx-1"))));

    TransactionCanceledException e = assertThrows(TransactionCanceledException.class, () -> sdk.transactWriteItems(b -> b
        .transactItems(
            TransactWriteItem.builder().put(Put.builder().tableName("items")
                .item(Map.of("pk", AttributeValue.fromS("tx-2"))).build()).build(),
            TransactWriteItem.builder().put(Put.builder().tableName("items")
                .item(Map.of("pk", AttributeValue.fromS("tx-1"))).conditionExpression("attribute_not_exists(pk)")
                .build()).build())));

    assertEquals(List.of("None", "ConditionalCheckFailed"),
        e.cancellationReasons().stream().map(CancellationReason::code).toList());
    assertTrue(sdk.getItem(b -> b.tableName("items").key(Map.of("pk", AttributeValue.fromS("tx-2")))).item().isEmpty(),
        "nothing of a cancelled transaction is written");
  }

  @Test
  void sdk_whenTableUnknown_shouldThrowResourceNotFound() {
    ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class,
        () -> sdk.getItem(b -> b.tableName("no-such-table").key(Map.of("pk", AttributeValue.fromS("a")))));

    assertEquals(400, e.statusCode());
  }

  @Test
  void sdk_whenRequestInvalid_shouldThrowValidationException() {
    DynamoDbException e = assertThrows(DynamoDbException.class, () -> sdk.updateItem(b -> b.tableName("items")
        .key(Map.of("pk", AttributeValue.fromS("a"))).updateExpression("SET = nonsense")));

    assertEquals("ValidationException", e.awsErrorDetails().errorCode());
    assertEquals(400, e.statusCode());
  }

  @Test
  void sdk_whenTableCreatedAndDescribed_shouldWorkEndToEnd() {
    sdk.createTable(b -> b.tableName("sdk-table").billingMode(BillingMode.PAY_PER_REQUEST)
        .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
        .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
            .attributeType(ScalarAttributeType.S).build()));

    assertEquals("ACTIVE", sdk.describeTable(b -> b.tableName("sdk-table")).table().tableStatusAsString());
    assertTrue(sdk.listTables().tableNames().contains("sdk-table"));
  }

  @Test
  void operations_shouldBeDynamoDbLocalsOwnTables() throws Exception {
    Class<?> handler = Class.forName("com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler");
    Field compatibility = handler.getDeclaredField("ACTION_VERSION_COMPATIBILITY");
    compatibility.setAccessible(true);
    @SuppressWarnings("unchecked")
    Map<String, Set<String>> theirs = (Map<String, Set<String>>) compatibility.get(null);
    DynamoDbLocalApi api = new DynamoDbLocalApi(null);

    assertEquals(theirs, DynamoDbLocalApi.OPERATIONS_BY_VERSION);
    Set<String> all = new java.util.HashSet<>();
    theirs.values().forEach(all::addAll);
    assertEquals(all, api.operationNames());
  }

  @Test
  void edgeRoute_whenDynamoDbTarget_shouldBeTheInProcessEngine() throws Exception {
    EdgeHandler handler = cloud.routes().resolve(new EdgeRequest("POST", "/", null,
        Map.of("X-Amz-Target", DynamoDbApi.TARGET_PREFIX + "ListTables"), new byte[0])).orElseThrow().handler();

    EdgeResponse response = handler.handle(new EdgeRequest("POST", "/", null,
        Map.of("X-Amz-Target", DynamoDbApi.TARGET_PREFIX + "ListTables", "Authorization", SIGNED),
        "{}".getBytes(StandardCharsets.UTF_8)));

    assertTrue(handler instanceof DynamoDbApi, handler.getClass().getName());
    assertEquals(200, response.status());
    assertNotNull(response.headers().get("x-amz-crc32"));
    assertTrue(response.bodyText().contains("\"items\""), response.bodyText());
  }

  private static String body(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }
}
