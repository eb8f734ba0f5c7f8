package dev.agentflow.local.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentflow.local.AwsClients;
import dev.agentflow.local.api.LocalApi.Reply;
import dev.agentflow.local.edge.InProcessTransports;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;

/**
 * The repository's template.yaml in a local cloud: the functions' AWS SDK clients really reach the edge through
 * {@link dev.agentflow.local.edge.InProcessHttpClient} (no request of a run comes over the socket), the SDK gets the
 * same answers and typed errors both ways, and {@code -Dagentflow.local.inProcessAws=false} keeps them on HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InProcessAwsEndToEndTest {

  private LocalApi api;

  @BeforeAll
  void start() throws Exception {
    api = LocalApi.start();
  }

  @AfterAll
  void stop() throws Exception {
    api.close();
  }

  private static String runQuickWorkflow(LocalApi on, String user) throws InterruptedException {
    Reply created = on.call("POST", "/api/v1/workflows", user, LocalApi.quickWorkflow("Greeting"));
    assertEquals(201, created.status(), created.body()::toString);
    String exec = on.call("POST", "/api/v1/workflows/" + created.data().path("id").asText() + "/execute", user,
        "{\"inputs\": {\"name\": \"Ada\"}}").data().path("executionId").asText();
    Reply done = on.await("/api/v1/executions/" + exec, user,
        r -> r.data().path("status").asText().matches("completed|failed"), 30);
    assertEquals("completed", done.data().path("status").asText(), done.body()::toString);
    assertEquals("Hello Ada", done.data().at("/outputs/greeting").asText(), done.body()::toString);
    return exec;
  }

  @Test
  void run_whenInProcessTransportRegistered_shouldMakeEveryFunctionsAwsCallWithoutASocket() throws Exception {
    assertNotNull(api.cloud.inProcessAws());
    assertEquals(InProcessTransports.class.getName(), System.getProperty(InProcessTransports.PROPERTY));
    long before = api.cloud.inProcessAws().requests();

    try (EdgeRequestLog log = new EdgeRequestLog(api.cloud.routes())) {
      runQuickWorkflow(api, "ines");
      log.awaitQuiet(300, 5_000);

      assertEquals(0, log.count(false), () -> "over the socket: " + log.all());
      Map<String, Long> operations = log.byOperation();
      assertEquals(1L, operations.get("AWSStepFunctions.StartExecution"), operations::toString);
      assertTrue(operations.getOrDefault("DynamoDB_20120810.PutItem", 0L) >= 1, operations::toString);
      assertTrue(log.count(true) >= 10, operations::toString);
      assertEquals(log.count(true), api.cloud.inProcessAws().requests() - before);
    }
  }

  @Test
  void sdkClient_whenOnTheInProcessTransport_shouldGetTheSocketsAnswersAndTypedErrors() {
    StaticCredentialsProvider test = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    String table = api.dynamo.listTables().tableNames().get(0);
    Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("transport-check"),
        "sk", AttributeValue.fromS("1"));
    try (DynamoDbClient direct = DynamoDbClient.builder().httpClient(api.cloud.inProcessAws())
            .endpointOverride(api.cloud.edgeEndpoint()).region(Region.US_EAST_1).credentialsProvider(test).build();
        SfnClient sfnDirect = SfnClient.builder().httpClient(api.cloud.inProcessAws())
            .endpointOverride(api.cloud.edgeEndpoint()).region(Region.US_EAST_1).credentialsProvider(test).build();
        SfnClient sfnSocket = AwsClients.sfn(api.cloud.edgeEndpoint())) {
      var description = direct.describeTable(b -> b.tableName(table)).table();
      assertEquals(api.dynamo.describeTable(b -> b.tableName(table)).table(), description);
      Map<String, AttributeValue> item = new java.util.HashMap<>();
      description.keySchema().forEach(k -> item.put(k.attributeName(), key.get(k.keyType().toString().equals("HASH")
          ? "pk" : "sk")));
      item.put("payload", AttributeValue.fromS("ü".repeat(5_000)));
      direct.putItem(b -> b.tableName(table).item(item));
      Map<String, AttributeValue> keyOnly = new java.util.HashMap<>(item);
      keyOnly.remove("payload");
      assertEquals(api.dynamo.getItem(b -> b.tableName(table).key(keyOnly).consistentRead(true)).item(),
          direct.getItem(b -> b.tableName(table).key(keyOnly).consistentRead(true)).item());
      direct.deleteItem(b -> b.tableName(table).key(keyOnly));

      ResourceNotFoundException missingDirect = assertThrows(ResourceNotFoundException.class,
          () -> direct.getItem(b -> b.tableName("no-such-table").key(keyOnly)));
      ResourceNotFoundException missingSocket = assertThrows(ResourceNotFoundException.class,
          () -> api.dynamo.getItem(b -> b.tableName("no-such-table").key(keyOnly)));
      assertEquals(missingSocket.awsErrorDetails().errorMessage(), missingDirect.awsErrorDetails().errorMessage());
      assertEquals(400, missingDirect.statusCode());

      String arn = "arn:aws:states:us-east-1:000000000000:stateMachine:none";
      StateMachineDoesNotExistException sfnMissing = assertThrows(StateMachineDoesNotExistException.class,
          () -> sfnDirect.describeStateMachine(b -> b.stateMachineArn(arn)));
      assertEquals(assertThrows(StateMachineDoesNotExistException.class,
          () -> sfnSocket.describeStateMachine(b -> b.stateMachineArn(arn))).awsErrorDetails().errorMessage(),
          sfnMissing.awsErrorDetails().errorMessage());
    }
  }

  @Test
  void run_whenSwitchedOff_shouldKeepTheFunctionsOnTheEdgesSocket() throws Exception {
    System.setProperty(InProcessTransports.SWITCH, "false");
    LocalApi off;
    try {
      off = LocalApi.startQuiet();
    } finally {
      System.clearProperty(InProcessTransports.SWITCH);
    }
    try (off; EdgeRequestLog log = new EdgeRequestLog(off.cloud.routes())) {
      assertNull(off.cloud.inProcessAws());

      runQuickWorkflow(off, "olaf");
      log.awaitQuiet(300, 5_000);

      assertEquals(0, log.count(true), () -> "in-process: " + log.all());
      assertTrue(log.count(false) >= 10, () -> log.byOperation().toString());
      assertEquals(1L, log.byOperation().get("AWSStepFunctions.StartExecution"));
    }
  }
}
