package dev.agentflow.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentflow.local.sfn.TaskContext;
import dev.agentflow.local.sfn.TaskFailedException;
import dev.agentflow.local.template.FunctionSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LambdaTaskHandlerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:";
  private static final TaskContext CONTEXT = new TaskContext("arn:aws:states:us-east-1:000000000000:execution:sm:e",
      "arn:aws:states:us-east-1:000000000000:stateMachine:sm", "Call", null);

  private static LambdaService lambda;
  private static LambdaTaskHandler tasks;

  @BeforeAll
  static void start() {
    LocalEnvironment.install();
    lambda = new LambdaService(List.of(
        new FunctionSpec("Echo", "Echo", ARN + "Echo", "dev.agentflow.local.testhandlers.EchoHandler", null, null,
            Map.of("GREETING", "task"), 5, 128),
        new FunctionSpec("Slow", "Slow", ARN + "Slow", "dev.agentflow.local.testhandlers.SlowHandler", null, null,
            Map.of(), 5, 128)),
        new LambdaOptions("us-east-1", "000000000000", null, null, LambdaLogSink.discarding(), null, null));
    tasks = new LambdaTaskHandler(lambda);
  }

  @AfterAll
  static void stop() {
    lambda.close();
  }

  @Test
  void invoke_whenLambdaInvokeIntegration_shouldReturnInvokeResponseWithPayload() throws Exception {
    JsonNode result = tasks.invoke(LambdaTaskHandler.LAMBDA_INVOKE,
        JSON.readTree("{\"FunctionName\": \"" + ARN + "Echo\", \"Payload\": {\"x\": 1}}"), CONTEXT);

    assertEquals(200, result.get("StatusCode").asInt());
    assertEquals("$LATEST", result.get("ExecutedVersion").asText());
    assertEquals(1, result.at("/Payload/input/x").asInt());
    assertEquals("task", result.at("/Payload/greeting").asText());
    assertEquals(200, result.at("/SdkHttpMetadata/HttpStatusCode").asInt());
    assertEquals(result.at("/Payload/awsRequestId").asText(), result.at("/SdkResponseMetadata/RequestId").asText());
  }

  @Test
  void invoke_whenFunctionArnResource_shouldReturnPayloadItself() throws Exception {
    JsonNode result = tasks.invoke(ARN + "Echo", JSON.readTree("{\"x\": 2}"), CONTEXT);

    assertEquals(2, result.at("/input/x").asInt());
  }

  @Test
  void invoke_whenFunctionFails_shouldFailTaskWithErrorTypeAndErrorJsonCause() throws Exception {
    TaskFailedException error = assertThrows(TaskFailedException.class, () -> tasks.invoke(
        LambdaTaskHandler.LAMBDA_INVOKE, JSON.readTree("{\"FunctionName\": \"Echo\", \"Payload\": {\"fail\": \"no\"}}"),
        CONTEXT));

    assertEquals("dev.agentflow.local.testhandlers.NodeFailedException", error.error());
    JsonNode cause = JSON.readTree(error.cause());
    assertEquals("no", cause.get("errorMessage").asText());
    assertEquals("dev.agentflow.local.testhandlers.NodeFailedException", cause.get("errorType").asText());
  }

  @Test
  void invoke_whenUnknownFunction_shouldFailWithLambdaResourceNotFound() {
    TaskFailedException error = assertThrows(TaskFailedException.class, () -> tasks.invoke(
        LambdaTaskHandler.LAMBDA_INVOKE, JSON.readTree("{\"FunctionName\": \"Ghost\", \"Payload\": {}}"), CONTEXT));

    assertEquals("Lambda.ResourceNotFoundException", error.error());
    assertTrue(error.cause().contains(ARN + "Ghost"), error.cause());
  }

  @Test
  void invoke_whenTaskDeadlinePassesFirst_shouldFailWithStatesTimeout() {
    TaskContext shortDeadline = new TaskContext(CONTEXT.executionArn(), CONTEXT.stateMachineArn(), "Call",
        Instant.now().plusMillis(200));

    TaskFailedException error = assertThrows(TaskFailedException.class, () -> tasks.invoke(ARN + "Slow",
        JSON.readTree("{\"sleepMs\": 3000}"), shortDeadline));

    assertEquals("States.Timeout", error.error());
  }

  @Test
  void invoke_whenNoFunctionName_shouldFailWithStatesRuntime() {
    TaskFailedException error = assertThrows(TaskFailedException.class,
        () -> tasks.invoke(LambdaTaskHandler.LAMBDA_INVOKE, JSON.readTree("{\"Payload\": {}}"), CONTEXT));

    assertEquals("States.Runtime", error.error());
  }
}
