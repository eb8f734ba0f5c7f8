package dev.agentflow.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentflow.local.template.FunctionSpec;
import dev.agentflow.local.testhandlers.ConcurrencyHandler;
import dev.agentflow.local.testhandlers.SlowHandler;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LambdaServiceTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PKG = "dev.agentflow.local.testhandlers.";

  private final List<String> logs = Collections.synchronizedList(new ArrayList<>());
  private LambdaService lambda;

  @BeforeEach
  void setUp() {
    assertTrue(LocalEnvironment.install(), "Surefire runs with --add-opens java.base/java.util=ALL-UNNAMED");
    lambda = service(ErrorTypePolicy.ERROR_CODE_OR_SIMPLE_NAME);
  }

  @AfterEach
  void tearDown() {
    lambda.close();
  }

  private LambdaService service(ErrorTypePolicy policy) {
    List<FunctionSpec> functions = List.of(
        function("Echo", PKG + "EchoHandler", 5, Map.of("GREETING", "hi-echo")),
        function("Other", PKG + "EchoHandler", 5, Map.of("GREETING", "hi-other")),
        function("Flaky", PKG + "FlakyHandler::handle", 5, Map.of()),
        function("Slow", PKG + "SlowHandler", 1, Map.of()),
        function("Upper", PKG + "UpperCaseStreamHandler", 5, Map.of()),
        function("Scheduled", PKG + "ScheduledEventHandler", 5, Map.of()),
        function("Static", PKG + "StaticMethodHandler::size", 5, Map.of()),
        function("Broken", PKG + "BrokenInitHandler", 5, Map.of()),
        function("Missing", PKG + "NoSuchHandler", 5, Map.of()),
        function("Concurrent", PKG + "ConcurrencyHandler", 5, Map.of()));
    return new LambdaService(functions, new LambdaOptions("us-east-1", "000000000000", null,
        Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:1"), (fn, message) -> logs.add(fn + ": " + message), policy,
        null));
  }

  private static FunctionSpec function(String name, String handler, int timeout, Map<String, String> env) {
    return new FunctionSpec(name, name, "arn:aws:lambda:us-east-1:000000000000:function:" + name, handler, "java17",
        null, env, timeout, 384);
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void invoke_whenRequestHandler_shouldSeeItsOwnEnvironmentAndContext() throws Exception {
    InvocationResult result = lambda.invoke("Echo", json("{\"city\": \"Paris\"}"), null);

    assertFalse(result.failed(), result.payloadText());
    JsonNode out = JSON.readTree(result.payload());
    assertEquals("Paris", out.at("/input/city").asText());
    assertEquals("hi-echo", out.get("greeting").asText());
    assertEquals("hi-echo", out.get("greetingAtInit").asText(), "the constructor runs inside the overlay too");
    assertEquals("hi-echo", out.get("envMapGreeting").asText(), "System.getenv() map view sees the overlay");
    assertEquals("us-east-1", out.get("region").asText());
    assertEquals("http://127.0.0.1:1", out.get("endpoint").asText());
    assertEquals("Echo", out.get("functionName").asText());
    assertEquals(384, out.get("memoryLimitInMB").asInt());
    int remaining = out.get("remainingTimeInMillis").asInt();
    assertTrue(remaining > 3000 && remaining <= 5000, "remaining " + remaining);
    assertEquals(result.requestId(), out.get("awsRequestId").asText());
    assertNull(System.getenv("GREETING"), "the test thread sees the process environment");
    assertTrue(logs.stream().anyMatch(l -> l.startsWith("Echo: START RequestId: " + result.requestId())), "" + logs);
    assertTrue(logs.stream().anyMatch(l -> l.startsWith("Echo: echoing {city=Paris}")), "" + logs);
    assertTrue(new String(result.logTail(), StandardCharsets.UTF_8).contains("REPORT RequestId: " + result.requestId()));
  }

  @Test
  void invoke_whenConcurrentFunctions_shouldIsolateTheirEnvironments() throws Exception {
    List<CompletableFuture<String>> calls = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String fn = i % 2 == 0 ? "Echo" : "Other";
      calls.add(CompletableFuture.supplyAsync(() -> {
        try {
          return fn + "=" + JSON.readTree(lambda.invoke(fn, json("{}"), null).payload()).get("greeting").asText();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }));
    }

    for (CompletableFuture<String> call : calls) {
      String seen = call.get(10, TimeUnit.SECONDS);
      assertTrue(seen.equals("Echo=hi-echo") || seen.equals("Other=hi-other"), seen);
    }
  }

  @Test
  void invoke_whenFunctionNamedByArnWithQualifier_shouldFindIt() throws Exception {
    InvocationResult result = lambda.invoke("arn:aws:lambda:us-east-1:000000000000:function:Echo:$LATEST",
        json("{}"), null);

    assertEquals("arn:aws:lambda:us-east-1:000000000000:function:Echo:$LATEST",
        JSON.readTree(result.payload()).get("invokedFunctionArn").asText());
    assertTrue(lambda.function("000000000000:function:Echo").isPresent());
    assertTrue(lambda.function("Echo:live").isPresent());
  }

  @Test
  void invoke_whenUnknownFunction_shouldThrowFunctionNotFound() {
    FunctionNotFoundException error = assertThrows(FunctionNotFoundException.class,
        () -> lambda.invoke("Nope", json("{}"), null));

    assertEquals("Function not found: arn:aws:lambda:us-east-1:000000000000:function:Nope", error.getMessage());
  }

  @Test
  void invoke_whenHandlerThrowsWithErrorCode_shouldReportErrorCodeAsErrorType() throws Exception {
    InvocationResult result = lambda.invoke("Echo", json("{\"fail\": \"upstream 503\"}"), null);

    assertTrue(result.failed());
    assertEquals("Unhandled", result.functionError());
    JsonNode error = JSON.readTree(result.payload());
    assertEquals("HTTP_REQUEST_FAILED", error.get("errorType").asText());
    assertEquals("upstream 503", error.get("errorMessage").asText());
    assertTrue(error.get("stackTrace").get(0).asText().startsWith(PKG + "EchoHandler.handleRequest("));
  }

  @Test
  void invoke_whenHandlerThrowsWithoutErrorCode_shouldReportSimpleClassName() throws Exception {
    InvocationResult result = lambda.invoke("Flaky", json("{\"key\": \"simple\", \"failTimes\": 1}"), null);

    assertEquals("TransientException", result.error().errorType());
  }

  @Test
  void invoke_whenJavaRuntimePolicy_shouldReportFullyQualifiedClassName() throws Exception {
    try (LambdaService exact = service(ErrorTypePolicy.JAVA_RUNTIME)) {
      InvocationResult coded = exact.invoke("Echo", json("{\"fail\": \"x\"}"), null);
      InvocationResult plain = exact.invoke("Flaky", json("{\"key\": \"fqcn\", \"failTimes\": 1}"), null);

      assertEquals(PKG + "NodeFailedException", coded.error().errorType());
      assertEquals(PKG + "FlakyHandler$TransientException", plain.error().errorType());
    }
  }

  @Test
  void invoke_whenMethodHandlerWithRecord_shouldBindRecordInAndOut() throws Exception {
    InvocationResult result = lambda.invoke("Flaky", json("{\"key\": \"rec\", \"failTimes\": 0, \"extra\": 1}"),
        null);

    assertEquals(JSON.readTree("{\"key\": \"rec\", \"attempts\": 1, \"greeting\": null}"),
        JSON.readTree(result.payload()));
  }

  @Test
  void invoke_whenStreamHandler_shouldPassRawBytes() throws Exception {
    InvocationResult result = lambda.invoke("Upper", json("{\"a\": \"b\"}"), null);

    assertEquals("{\"A\": \"B\"}", result.payloadText());
  }

  @Test
  void invoke_whenStaticJsonNodeMethod_shouldBindJsonNode() throws Exception {
    InvocationResult result = lambda.invoke("Static", json("{\"a\": 1, \"b\": 2}"), null);

    assertEquals("{\"fields\":2}", result.payloadText());
  }

  @Test
  void invoke_whenLambdaEventType_shouldBindAsJavaRuntimeDoes() throws Exception {
    String event = """
        {"version": "0", "id": "1", "detail-type": "Step Functions Execution Status Change", "source": "aws.states",
         "account": "000000000000", "time": "2026-01-01T00:00:00Z", "region": "us-east-1", "resources": [],
         "detail": {"status": "SUCCEEDED"}}
        """;

    InvocationResult result = lambda.invoke("Scheduled", json(event), null);

    assertFalse(result.failed(), result.payloadText());
    assertEquals("\"Step Functions Execution Status Change|aws.states|SUCCEEDED\"", result.payloadText());
  }

  @Test
  void invoke_whenFunctionOverrunsTimeout_shouldFailSandboxTimedoutAndStartColdNextTime() throws Exception {
    int before = SlowHandler.INSTANCES.get();
    long start = System.nanoTime();

    InvocationResult result = lambda.invoke("Slow", json("{\"sleepMs\": 5000}"), null);

    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis >= 900 && millis < 3000, "took " + millis + " ms");
    assertEquals("Sandbox.Timedout", result.error().errorType());
    assertTrue(result.error().errorMessage().endsWith("Task timed out after 1.00 seconds"),
        result.error().errorMessage());
    InvocationResult quick = lambda.invoke("Slow", json("{\"sleepMs\": 1}"), null);
    assertEquals("\"done\"", quick.payloadText());
    assertEquals(before + 2, SlowHandler.INSTANCES.get(), "the timed-out container was discarded");
  }

  @Test
  void invoke_whenCallerDeadlineFirst_shouldThrowCallerDeadline() {
    assertThrows(CallerDeadlineException.class,
        () -> lambda.invoke("Slow", json("{\"sleepMs\": 5000}"), Instant.now().plusMillis(200)));
  }

  @Test
  void invoke_whenInitFails_shouldReportInitErrorAndRetryInitNextTime() throws Exception {
    InvocationResult first = lambda.invoke("Broken", json("{}"), null);
    InvocationResult second = lambda.invoke("Broken", json("{}"), null);

    assertEquals("IllegalStateException", first.error().errorType());
    assertEquals("missing configuration", first.error().errorMessage());
    assertEquals("IllegalStateException", second.error().errorType());
  }

  @Test
  void invoke_whenHandlerClassMissing_shouldReportClassNotFound() throws Exception {
    InvocationResult result = lambda.invoke("Missing", json("{}"), null);

    assertEquals("ClassNotFoundException", result.error().errorType());
  }

  @Test
  void invokeAsync_whenEvent_shouldRunInBackground() throws Exception {
    InvocationResult result = lambda.invokeAsync("Echo", json("{\"n\": 1}")).get(10, TimeUnit.SECONDS);

    assertEquals(1, JSON.readTree(result.payload()).at("/input/n").asInt());
  }

  @Test
  void invokeAsync_whenABurstOfEvents_shouldQueueThemAndRunAtMostTheAsyncConcurrency() throws Exception {
    ConcurrencyHandler.MAX_RUNNING.set(0);
    int events = 3 * LambdaService.ASYNC_CONCURRENCY;
    List<java.util.concurrent.CompletableFuture<InvocationResult>> results = new java.util.ArrayList<>();
    for (int i = 0; i < events; i++) {
      results.add(lambda.invokeAsync("Concurrent", json("{\"sleepMs\": 100}")));
    }
    for (var result : results) {
      assertFalse(result.get(30, TimeUnit.SECONDS).failed());
    }
    assertEquals(LambdaService.ASYNC_CONCURRENCY, ConcurrencyHandler.MAX_RUNNING.get(),
        "a burst fills the function's pollers and no more");
  }
}
