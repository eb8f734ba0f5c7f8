package dev.agentflow.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentflow.local.testhandlers.StatusRecorder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;

/**
 * The local cloud end to end, through the AWS SDK v2 clients over HTTP: in memory, a free port, the test
 * template (src/test/resources/local-cloud/template.yaml).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalCloudTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FN = "arn:aws:lambda:us-east-1:000000000000:function:";

  private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
  private LocalCloud cloud;
  private SfnClient sfn;
  private DynamoDbClient dynamoDb;

  @BeforeAll
  void start() throws Exception {
    Path template = Path.of(getClass().getResource("/local-cloud/template.yaml").toURI());
    cloud = LocalCloud.start(LocalCloudOptions.inMemory(template)
        .withLog(new PrintStream(logs, true, StandardCharsets.UTF_8)));
    sfn = AwsClients.sfn(cloud.edgeEndpoint());
    dynamoDb = AwsClients.dynamoDb(cloud.edgeEndpoint());
  }

  @AfterAll
  void stop() throws Exception {
    sfn.close();
    dynamoDb.close();
    cloud.close();
  }

  private String createStateMachine(String definition) {
    return sfn.createStateMachine(b -> b.name("sm-" + UUID.randomUUID())
        .roleArn("arn:aws:iam::000000000000:role/local").definition(definition)).stateMachineArn();
  }

  private DescribeExecutionResponse runToEnd(String stateMachineArn, String input) throws InterruptedException {
    String executionArn = sfn.startExecution(b -> b.stateMachineArn(stateMachineArn).input(input)).executionArn();
    return awaitEnd(executionArn);
  }

  private DescribeExecutionResponse awaitEnd(String executionArn) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(20);
    while (Instant.now().isBefore(deadline)) {
      DescribeExecutionResponse execution = sfn.describeExecution(b -> b.executionArn(executionArn));
      if (execution.status() != ExecutionStatus.RUNNING) {
        return execution;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("Execution still RUNNING after 20 s: " + executionArn);
  }

  private static String lambdaTask(String function, String payload, String rest) {
    return """
        {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"FunctionName": "%s", %s}, "ResultSelector": {"result.$": "$.Payload"}%s}}}
        """.formatted(function, payload, rest);
  }

  @Test
  void execution_whenTaskInvokesLambda_shouldSucceedWithHandlerOutputAndFunctionEnvironment() throws Exception {
    String sm = createStateMachine(lambdaTask(FN + "EchoFunction", "\"Payload.$\": \"$\"", ", \"End\": true"));

    DescribeExecutionResponse execution = runToEnd(sm, "{\"city\": \"Paris\"}");

    assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution.cause());
    JsonNode result = JSON.readTree(execution.output()).get("result");
    assertEquals("Paris", result.at("/input/city").asText());
    assertEquals("hello-from-echo", result.get("greeting").asText());
    assertEquals("test", result.get("stage").asText());
    assertEquals("agentflow-test-items", result.get("itemsTable").asText());
    assertEquals("EchoFunction", result.get("functionName").asText());
    assertEquals(512, result.get("memoryLimitInMB").asInt());
    assertEquals("http://127.0.0.1:" + cloud.edgePort(), result.get("endpoint").asText());
  }

  @Test
  void execution_whenOtherFunction_shouldSeeItsOwnEnvironment() throws Exception {
    String key = UUID.randomUUID().toString();
    String sm = createStateMachine(lambdaTask("agentflow-local-flaky",
        "\"Payload\": {\"key\": \"" + key + "\", \"failTimes\": 0}", ", \"End\": true"));

    DescribeExecutionResponse execution = runToEnd(sm, "{}");

    assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution.cause());
    assertEquals("hello-from-flaky", JSON.readTree(execution.output()).at("/result/greeting").asText());
  }

  @Test
  void execution_whenFunctionFails_shouldBeCaughtByItsErrorType() throws Exception {
    String sm = createStateMachine(lambdaTask("EchoFunction", "\"Payload\": {\"fail\": \"upstream said 503\"}", """
        , "Catch": [{"ErrorEquals": ["SOMETHING_ELSE"], "Next": "Wrong"},
                    {"ErrorEquals": ["dev.agentflow.local.testhandlers.NodeFailedException"], "ResultPath": "$.error", "Next": "Handled"}],
          "End": true},
        "Wrong": {"Type": "Fail", "Error": "Wrong"},
        "Handled": {"Type": "Pass", "End": true
        """));

    DescribeExecutionResponse execution = runToEnd(sm, "{\"n\": 1}");

    assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution.cause());
    JsonNode output = JSON.readTree(execution.output());
    assertEquals(1, output.get("n").asInt());
    assertEquals("dev.agentflow.local.testhandlers.NodeFailedException", output.at("/error/Error").asText());
    assertEquals("upstream said 503", JSON.readTree(output.at("/error/Cause").asText()).get("errorMessage").asText());
  }

  @Test
  void execution_whenFunctionFlaky_shouldSucceedAfterRetries() throws Exception {
    String key = UUID.randomUUID().toString();
    String sm = createStateMachine(lambdaTask("FlakyFunction",
        "\"Payload\": {\"key\": \"" + key + "\", \"failTimes\": 2}", """
        , "Retry": [{"ErrorEquals": ["dev.agentflow.local.testhandlers.FlakyHandler$TransientException"], "IntervalSeconds": 1, "MaxAttempts": 3,
                     "BackoffRate": 1.0}],
          "End": true
        """));

    DescribeExecutionResponse execution = runToEnd(sm, "{}");

    assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution.cause());
    assertEquals(3, JSON.readTree(execution.output()).at("/result/attempts").asInt());
  }

  @Test
  void execution_whenFunctionTimesOut_shouldFailWithSandboxTimedout() throws Exception {
    String sm = createStateMachine(lambdaTask("SlowFunction", "\"Payload\": {\"sleepMs\": 5000}", ", \"End\": true"));

    DescribeExecutionResponse execution = runToEnd(sm, "{}");

    assertEquals(ExecutionStatus.FAILED, execution.status());
    assertEquals("Sandbox.Timedout", execution.error());
    assertTrue(execution.cause().contains("Task timed out after 1.00 seconds"), execution.cause());
  }

  @Test
  void execution_whenItEnds_shouldDeliverStatusChangeEventToRuleTarget() throws Exception {
    String sm = createStateMachine("{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}");

    DescribeExecutionResponse execution = runToEnd(sm, "{\"hello\": \"events\"}");

    Map<String, Object> event = awaitEvent(execution.executionArn());
    assertEquals("aws.states", event.get("source"));
    assertEquals("Step Functions Execution Status Change", event.get("detail-type"));
    @SuppressWarnings("unchecked")
    Map<String, Object> detail = (Map<String, Object>) event.get("detail");
    assertEquals("SUCCEEDED", detail.get("status"));
    assertEquals(sm, detail.get("stateMachineArn"));
    assertEquals("{\"hello\":\"events\"}", JSON.readTree((String) detail.get("input")).toString());
    assertNotNull(detail.get("stopDate"));
  }

  private static Map<String, Object> awaitEvent(String executionArn) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(10);
    while (Instant.now().isBefore(deadline)) {
      Map<String, Object> event = StatusRecorder.EVENTS.poll(100, TimeUnit.MILLISECONDS);
      if (event != null && List.of(executionArn).equals(event.get("resources"))) {
        return event;
      }
    }
    throw new AssertionError("No status event for " + executionArn);
  }

  @Test
  void listAndStopExecutions_whenRunning_shouldListThenAbort() throws Exception {
    String sm = createStateMachine(
        "{\"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Wait\", \"Seconds\": 60, \"End\": true}}}");
    String executionArn = sfn.startExecution(b -> b.stateMachineArn(sm).name("waiting")).executionArn();

    List<ExecutionListItem> running = sfn.listExecutions(b -> b.stateMachineArn(sm)
        .statusFilter(ExecutionStatus.RUNNING)).executions();
    sfn.stopExecution(b -> b.executionArn(executionArn).error("Cancelled").cause("by test"));
    DescribeExecutionResponse stopped = awaitEnd(executionArn);

    assertEquals(List.of(executionArn), running.stream().map(ExecutionListItem::executionArn).toList());
    assertEquals(ExecutionStatus.ABORTED, stopped.status());
    assertEquals("waiting", stopped.name());
  }

  @Test
  void describeStateMachine_whenUnknownArn_shouldThrowStateMachineDoesNotExist() {
    String arn = "arn:aws:states:us-east-1:000000000000:stateMachine:nope";

    StateMachineDoesNotExistException error = org.junit.jupiter.api.Assertions.assertThrows(
        StateMachineDoesNotExistException.class, () -> sfn.describeStateMachine(b -> b.stateMachineArn(arn)));

    assertEquals(400, error.statusCode());
  }

  @Test
  void dynamoDb_whenTemplateTables_shouldExistAndStoreItems() {
    List<String> tables = dynamoDb.listTables().tableNames();
    assertTrue(tables.containsAll(List.of("agentflow-test-items", "KeysTable")), tables.toString());
    assertFalse(tables.contains("ProdOnlyTable"), tables.toString());
    assertEquals(TimeToLiveStatus.ENABLED, dynamoDb.describeTimeToLive(b -> b.tableName("agentflow-test-items"))
        .timeToLiveDescription().timeToLiveStatus());

    dynamoDb.putItem(b -> b.tableName("agentflow-test-items").item(Map.of(
        "pk", AttributeValue.fromS("wf#1"), "sk", AttributeValue.fromS("v1"), "owner", AttributeValue.fromS("ann"))));
    List<Map<String, AttributeValue>> scanned = dynamoDb.scan(b -> b.tableName("agentflow-test-items")
        .filterExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("wf#1")))).items();
    List<Map<String, AttributeValue>> byOwner = dynamoDb.query(b -> b.tableName("agentflow-test-items")
        .indexName("by-owner").keyConditionExpression("#o = :o").expressionAttributeNames(Map.of("#o", "owner"))
        .expressionAttributeValues(Map.of(":o", AttributeValue.fromS("ann")))).items();

    assertEquals(1, scanned.size());
    assertEquals("v1", scanned.get(0).get("sk").s());
    assertEquals(1, byOwner.size());
  }

  @Test
  void lambdaHandler_whenUsingSdkFromEnvironment_shouldWriteThroughTheEdge() throws Exception {
    String sm = createStateMachine(lambdaTask("ItemWriterFunction",
        "\"Payload\": {\"pk\": \"written\", \"sk\": \"by-lambda\"}", ", \"End\": true"));

    DescribeExecutionResponse execution = runToEnd(sm, "{}");

    assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution.cause());
    Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName("agentflow-test-items")
        .key(Map.of("pk", AttributeValue.fromS("written"), "sk", AttributeValue.fromS("by-lambda")))).item();
    assertEquals("ItemWriterFunction", item.get("writtenBy").s());
  }

  @Test
  void lambdaInvokeApi_whenCalledOverHttp_shouldAnswerAsLambda() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI invoke = cloud.edgeEndpoint().resolve("/2015-03-31/functions/EchoFunction/invocations");

    HttpResponse<String> ok = http.send(HttpRequest.newBuilder(invoke)
        .POST(HttpRequest.BodyPublishers.ofString("{\"via\": \"http\"}")).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> failed = http.send(HttpRequest.newBuilder(invoke)
        .POST(HttpRequest.BodyPublishers.ofString("{\"fail\": \"x\"}")).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> missing = http.send(HttpRequest.newBuilder(
            cloud.edgeEndpoint().resolve("/2015-03-31/functions/Ghost/invocations"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

    assertEquals(200, ok.statusCode());
    assertEquals("http", JSON.readTree(ok.body()).at("/input/via").asText());
    assertEquals(200, failed.statusCode());
    assertEquals("Unhandled", failed.headers().firstValue("X-Amz-Function-Error").orElseThrow());
    assertEquals("dev.agentflow.local.testhandlers.NodeFailedException", JSON.readTree(failed.body()).get("errorType").asText());
    assertEquals(404, missing.statusCode());
    assertEquals("ResourceNotFoundException", missing.headers().firstValue("x-amzn-ErrorType").orElseThrow());
  }

  @Test
  void edge_whenUnknownTarget_shouldAnswerUnknownOperation() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(cloud.edgeEndpoint())
        .header("X-Amz-Target", "NoSuchService_2020.Do").header("Content-Type", "application/x-amz-json-1.0")
        .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertEquals(400, response.statusCode());
    assertEquals("UnknownOperationException", JSON.readTree(response.body()).get("__type").asText());
  }

  @Test
  void start_whenTemplateHasNonLambdaTarget_shouldSayItIsNotDelivered() {
    assertTrue(logs.toString(StandardCharsets.UTF_8).contains("AlertsTopic"), logs.toString(StandardCharsets.UTF_8));
    assertTrue(cloud.systemEnvironmentOverlay());
  }
}
