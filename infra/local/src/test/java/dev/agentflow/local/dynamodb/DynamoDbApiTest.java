package dev.agentflow.local.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import dev.agentflow.local.AwsClients;
import dev.agentflow.local.LocalCloud;
import dev.agentflow.local.LocalCloudOptions;
import dev.agentflow.local.edge.EdgeHandler;
import dev.agentflow.local.edge.EdgeRequest;
import dev.agentflow.local.edge.EdgeResponse;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
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
 * DynamoDB served in-process on the edge ({@link DynamoDbApi} over {@link DynamoDbEngine}): the same answers,
 * byte for byte, as DynamoDB Local's own HTTP server gives to the same requests — successes and every kind of
 * error — and the typed errors the AWS SDK v2 makes of them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DynamoDbApiTest {

  private static final String SIGNED = "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/dynamodb/aws4_request, "
      + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0";

  private LocalCloud cloud;
  private DynamoDBProxyServer reference;
  private URI referenceEndpoint;
  private DynamoDbClient sdk;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start() throws Exception {
    cloud = LocalCloud.start(LocalCloudOptions.inMemory(null).withEdgePort(0)
        .withLog(new PrintStream(OutputStream.nullOutputStream())));
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    try {
      reference = ServerRunner.createServerFromCommandLineArgs(new String[] {"-inMemory", "-sharedDb", "-port",
          Integer.toString(port), "-disableTelemetry"});
      reference.start();
    } finally {
      System.setOut(stdout);
    }
    referenceEndpoint = URI.create("http://127.0.0.1:" + port);
    sdk = AwsClients.dynamoDb(cloud.edgeEndpoint());
    String table = "{\"TableName\": \"items\", \"AttributeDefinitions\": [{\"AttributeName\": \"pk\", "
        + "\"AttributeType\": \"S\"}], \"KeySchema\": [{\"AttributeName\": \"pk\", \"KeyType\": \"HASH\"}], "
        + "\"BillingMode\": \"PAY_PER_REQUEST\"}";
    for (URI endpoint : List.of(cloud.edgeEndpoint(), referenceEndpoint)) {
      assertEquals(200, post(endpoint, "DynamoDB_20120810.CreateTable", table, SIGNED).statusCode());
    }
  }

  @AfterAll
  void stop() throws Exception {
    sdk.close();
    cloud.close();
    reference.stop();
  }

  private HttpResponse<byte[]> post(URI endpoint, String target, String body, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve("/"))
        .header("Content-Type", "application/x-amz-json-1.0")
        .header("X-Amz-Target", target)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Sends one request to the edge and to DynamoDB Local's server; both must answer alike. */
  private HttpResponse<byte[]> sameAnswer(String target, String body, String authorization) throws Exception {
    HttpResponse<byte[]> expected = post(referenceEndpoint, target, body, authorization);
    HttpResponse<byte[]> actual = post(cloud.edgeEndpoint(), target, body, authorization);
    String what = target + " " + body + "\nDynamoDB Local: " + new String(expected.body(), StandardCharsets.UTF_8)
        + "\nedge: " + new String(actual.body(), StandardCharsets.UTF_8);
    assertEquals(expected.statusCode(), actual.statusCode(), what);
    assertEquals(new String(expected.body(), StandardCharsets.UTF_8), new String(actual.body(), StandardCharsets.UTF_8),
        what);
    assertEquals(expected.headers().firstValue("Content-Type"), actual.headers().firstValue("Content-Type"), what);
    assertEquals(expected.headers().firstValue("x-amz-crc32"), actual.headers().firstValue("x-amz-crc32"), what);
    assertTrue(actual.headers().firstValue("x-amzn-RequestId").isPresent(), what);
    return actual;
  }

  @Test
  void answers_whenSameRequestsAsDynamoDbLocalServer_shouldBeIdentical() throws Exception {
    String put = "{\"TableName\": \"items\", \"Item\": {\"pk\": {\"S\": \"a\"}, \"n\": {\"N\": \"1\"}}}";
    HttpResponse<byte[]> ok = sameAnswer("DynamoDB_20120810.PutItem", put, SIGNED);
    assertEquals(200, ok.statusCode());
    CRC32 crc = new CRC32();
    crc.update(ok.body());
    assertEquals(Long.toString(crc.getValue()), ok.headers().firstValue("x-amz-crc32").orElseThrow());

    sameAnswer("DynamoDB_20120810.GetItem", "{\"TableName\": \"items\", \"Key\": {\"pk\": {\"S\": \"a\"}}}", SIGNED);
    sameAnswer("DynamoDB_20120810.UpdateItem", "{\"TableName\": \"items\", \"Key\": {\"pk\": {\"S\": \"a\"}}, "
        + "\"UpdateExpression\": \"ADD n :one\", \"ExpressionAttributeValues\": {\":one\": {\"N\": \"1\"}}, "
        + "\"ReturnValues\": \"UPDATED_NEW\"}", SIGNED);
    sameAnswer("DynamoDB_20120810.Query", "{\"TableName\": \"items\", \"KeyConditionExpression\": \"pk = :pk\", "
        + "\"ExpressionAttributeValues\": {\":pk\": {\"S\": \"a\"}}, \"ConsistentRead\": true}", SIGNED);
    sameAnswer("DynamoDB_20120810.ListTables", "{}", SIGNED);
  }

  @Test
  void errors_whenSameFailingRequestsAsDynamoDbLocalServer_shouldBeIdentical() throws Exception {
    sameAnswer("DynamoDB_20120810.PutItem", "{\"TableName\": \"items\", \"Item\": {\"pk\": {\"S\": \"c\"}, "
        + "\"v\": {\"S\": \"old\"}}}", SIGNED);
    HttpResponse<byte[]> conditional = sameAnswer("DynamoDB_20120810.PutItem", "{\"TableName\": \"items\", "
        + "\"Item\": {\"pk\": {\"S\": \"c\"}}, \"ConditionExpression\": \"attribute_not_exists(pk)\", "
        + "\"ReturnValuesOnConditionCheckFailure\": \"ALL_OLD\"}", SIGNED);
    assertEquals(400, conditional.statusCode());
    assertTrue(body(conditional).contains("ConditionalCheckFailedException"), body(conditional));
    assertTrue(body(conditional).contains("\"old\""), "the old item comes back: " + body(conditional));

    HttpResponse<byte[]> cancelled = sameAnswer("DynamoDB_20120810.TransactWriteItems", "{\"TransactItems\": ["
        + "{\"Put\": {\"TableName\": \"items\", \"Item\": {\"pk\": {\"S\": \"c\"}}, "
        + "\"ConditionExpression\": \"attribute_not_exists(pk)\"}},"
        + "{\"Put\": {\"TableName\": \"items\", \"Item\": {\"pk\": {\"S\": \"d\"}}}}]}", SIGNED);
    assertEquals(400, cancelled.statusCode());
    assertTrue(body(cancelled).contains("CancellationReasons"), body(cancelled));

    assertEquals(400, sameAnswer("DynamoDB_20120810.GetItem", "{\"TableName\": \"nope\", \"Key\": {\"pk\": "
        + "{\"S\": \"a\"}}}", SIGNED).statusCode());
    assertEquals(400, sameAnswer("DynamoDB_20120810.UpdateItem", "{\"TableName\": \"items\", \"Key\": {\"pk\": "
        + "{\"S\": \"a\"}}, \"UpdateExpression\": \"SET = oops\"}", SIGNED).statusCode());
    assertEquals(400, sameAnswer("DynamoDB_20120810.PutItem", "{\"TableName\": \"items\", \"Item\": {\"pk\": "
        + "{\"N\": \"1\"}}}", SIGNED).statusCode());
    sameAnswer("DynamoDB_20120810.Frobnicate", "{}", SIGNED);
    sameAnswer("DynamoDB_20120810.GetItem", "{not json", SIGNED);
    sameAnswer("DynamoDB_20120810.GetItem", "{\"TableName\": \"items\", \"Key\": {\"pk\": {\"S\": \"a\"}}}",
        "AWS4-HMAC-SHA256 Credential=te$t/20240101/us-east-1/dynamodb/aws4_request, Signature=0");
    sameAnswer("DynamoDBStreams_20120810.ListStreams", "{}", SIGNED);
  }

  @Test
  void unsignedRequest_whenNoAuthorization_shouldBeAnsweredLikeASignedOne() throws Exception {
    HttpResponse<byte[]> signed = post(cloud.edgeEndpoint(), "DynamoDB_20120810.ListTables", "{}", SIGNED);
    HttpResponse<byte[]> unsigned = post(cloud.edgeEndpoint(), "DynamoDB_20120810.ListTables", "{}", null);

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
