package dev.agentflow.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.agentflow.local.AwsClients;
import dev.agentflow.local.LocalCloud;
import dev.agentflow.local.LocalCloudOptions;
import dev.agentflow.local.apigw.LocalJwt;
import dev.agentflow.local.apigw.ws.WebSocketApiReader;
import dev.agentflow.local.apigw.ws.WebSocketApiSpec;
import dev.agentflow.local.lambda.InvocationResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * template.yaml against the code and the events/ samples, on the embedded local cloud:
 * <ol>
 *   <li>every Handler names a class with Lambda's handler method and constructor, shipped in its CodeUri jar
 *       (and a misspelled handler or method is caught);
 *   <li>every events/ sample parses into its handler's event type (and the AWS event class of its source)
 *       and runs through its function against the local cloud, with the documented outcome; every route and
 *       function has one;
 *   <li>every environment variable a function's code reads is set by the template (a removed variable is
 *       caught), found by recording the reads while the handlers are built and the samples run;
 *   <li>every AWS call the functions made meanwhile (tables, key, secret, state machines, @connections) is
 *       allowed by that function's policies (a removed policy is caught).
 * </ol>
 * TODO(issue 8, lead): once the trigger functions land, add their samples (events/triggers/schedule.json for
 * the Scheduler target, events/api/webhook.json for POST /hooks/{workflowId}) with a step in
 * {@link #everySample_shouldRunThroughItsFunction}; {@link #everyRouteAndFunction_shouldHaveASample} names
 * whatever is missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeploymentConsistencyTest {

  static final String USER = "user_demo";
  static final String WORKFLOW = "wf_0123456789abcdef0123456789abcdef";
  static final String EXECUTION = "exec_0123456789abcdef0123456789abcdef";
  static final String KEY = "key_0123456789abcdef0123456789abcdef";
  static final String CONNECTION = "L0SM9cOFvHcCIhw=";
  static final String SAMPLE_ACCOUNT = "123456789012";
  static final String LLM_ANSWER = "Beijing: sunny, 15°C.";
  static final String USER_KEY = "sk-example-not-a-real-key-0000";

  private Path root;
  private Path templatePath;
  private String yaml;
  private LocalCloud cloud;
  private LocalJwt jwt;
  private HttpServer stubs;
  private final CountDownLatch releaseSlow = new CountDownLatch(1);
  private final ConcurrentLinkedQueue<String> llmAuthorizations = new ConcurrentLinkedQueue<>();
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final HttpClient http = HttpClient.newHttpClient();
  private TemplateConsistency.EnvReads envReads;
  private List<TemplateConsistency.Sample> samples;
  private final Set<String> ran = new TreeSet<>();
  private final List<String> slowExecutions = new ArrayList<>();
  /** Function name → the first failure of one of its samples. */
  private final Map<String, String> sampleFailures = new java.util.concurrent.ConcurrentHashMap<>();
  /** Ids the samples' placeholders stand for, filled in as the steps create them. */
  private final Map<String, String> ids = new LinkedHashMap<>();

  @BeforeAll
  void start() throws Exception {
    root = TemplateValidatorTest.root();
    templatePath = root.resolve("template.yaml");
    yaml = Files.readString(templatePath);
    stubs = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stubs.setExecutor(Executors.newCachedThreadPool());
    stubs.createContext("/v1/current", ex -> respond(ex, "{\"city\": \"Beijing\", \"temperature\": 15, \"weather\": \"sunny\"}"));
    stubs.createContext("/slow", ex -> {
      try {
        releaseSlow.await(120, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      respond(ex, "{\"slow\": true}");
    });
    stubs.createContext("/v1/chat/completions", ex -> {
      llmAuthorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
      ex.getRequestBody().readAllBytes();
      respond(ex, "{\"id\": \"chatcmpl-1\", \"object\": \"chat.completion\", \"created\": 1769681100, \"model\": \"gpt-4o-mini\","
          + " \"choices\": [{\"index\": 0, \"message\": {\"role\": \"assistant\", \"content\": \"" + LLM_ANSWER + "\"},"
          + " \"finish_reason\": \"stop\"}], \"usage\": {\"prompt_tokens\": 12, \"completion_tokens\": 8, \"total_tokens\": 20}}");
    });
    stubs.start();
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    jwt = new LocalJwt(LocalJwt.DEFAULT_ISSUER, LocalJwt.DEFAULT_AUDIENCE, secret, Clock.systemUTC());
    cloud = LocalCloud.start(LocalCloudOptions.inMemory(templatePath)
        .withParameterOverrides(Map.of("AllowedPrivateNetworks", "127.0.0.0/8"))
        .withJwt(jwt)
        .withLog(new PrintStream(log, true, StandardCharsets.UTF_8)));
    JsonNode tree = TemplateYaml.read(templatePath);
    WebSocketApiSpec ws = WebSocketApiReader.fromJson(tree, cloud.template()).orElseThrow();
    StackSettings settings = cloud.template().settings();
    AwsCallRecorder.start(new AwsCallRecorder.Stack(settings.region(), settings.account(),
        new IntrinsicResolver(tree, settings).ref(ws.apiId()).asText(), ws.stage()));
    envReads = new TemplateConsistency.EnvReads();
    try (SecretsManagerClient sm = AwsClients.secretsManager(cloud.edgeEndpoint())) {
      String platformKey = "{\"apiKey\": \"sk-platform-sample\", \"baseUrl\": \"" + stub("/v1") + "\"}";
      sm.putSecretValue(b -> b.secretId(cloud.template().function("NodeLlmFunction").orElseThrow().environment()
          .get("PLATFORM_LLM_SECRET_ID")).secretString(platformKey));
    }
    samples = TemplateConsistency.samples(root, templatePath, cloud.template());
  }

  @AfterAll
  void stop() throws Exception {
    releaseSlow.countDown();
    for (String execution : slowExecutions) { // let their http nodes record their end before the cloud stops
      try {
        pollHttp("/api/v1/executions/" + execution, r -> !r.at("/data/nodes/wait/status").asText().equals("running"));
      } catch (AssertionError | Exception e) {
        // best effort: the cloud is stopping anyway
      }
    }
    AwsCallRecorder.stop();
    if (envReads != null) {
      envReads.close();
    }
    if (cloud != null) {
      cloud.close();
    }
    stubs.stop(0);
  }

  // ----- 1. handlers -----------------------------------------------------------------------------------------

  @Test
  @Order(1)
  void everyHandler_shouldNameAClassWithItsHandlerMethodInItsCodeUriJar() {
    assertEquals(List.of(), TemplateConsistency.handlers(cloud.template(), root));
    assertTrue(cloud.template().functions().size() >= 7, "the template's functions were read");
  }

  @Test
  @Order(2)
  void misspelledHandlerClassOrMethod_shouldBeReported() {
    List<String> classTypo = TemplateConsistency.handlers(reparse(mutate(
        "Handler: dev.agentflow.api.ApiHandler::handleRequest", "Handler: dev.agentflow.api.ApiHandlr::handleRequest")), root);
    assertTrue(classTypo.stream().anyMatch(p -> p.startsWith("ApiFunction") && p.contains("no class dev.agentflow.api.ApiHandlr")),
        classTypo::toString);
    List<String> methodTypo = TemplateConsistency.handlers(reparse(mutate(
        "Handler: dev.agentflow.realtime.WebSocketHandler::handleRequest",
        "Handler: dev.agentflow.realtime.WebSocketHandler::handleRequests")), root);
    assertEquals(1, methodTypo.size(), methodTypo::toString);
    assertTrue(methodTypo.get(0).startsWith("RealtimeFunction") && methodTypo.get(0).contains("'handleRequests'"),
        methodTypo::toString);
    List<String> wrongJar = TemplateConsistency.handlers(reparse(mutate(
        "      CodeUri: functions/api/target/api-lambda.jar\n      Handler: dev.agentflow.api.ApiHandler",
        "      CodeUri: functions/realtime/target/realtime-lambda.jar\n      Handler: dev.agentflow.api.ApiHandler")), root);
    assertTrue(wrongJar.stream().anyMatch(p -> p.startsWith("ApiFunction") && p.contains("not from module functions/realtime")),
        wrongJar::toString);
  }

  // ----- 2. samples ------------------------------------------------------------------------------------------

  @TestFactory
  @Order(3)
  Stream<DynamicTest> everySample_shouldRunThroughItsFunction() {
    List<DynamicTest> steps = new ArrayList<>();
    steps.add(step("realtime/authorize.json", () -> {
      JsonNode denied = run("realtime/authorize.json", Map.of());
      assertEquals("Deny", denied.at("/policyDocument/Statement/0/Effect").asText(), "the placeholder is no token");
      JsonNode allowed = run("realtime/authorize.json", Map.of("<jwt>", jwt.sign(USER, Duration.ofHours(1))));
      assertEquals("Allow", allowed.at("/policyDocument/Statement/0/Effect").asText(), allowed::toString);
      assertEquals(USER, allowed.path("principalId").asText());
      assertEquals(USER, allowed.at("/context/userId").asText());
    }));
    // the node samples first: once user_demo stores an openai key, node-llm.json would use it, not the platform key
    steps.add(step("node-http.json", () -> {
      JsonNode r = run("node-http.json", Map.of("https://api.weather.example", stub("")));
      assertEquals(200, r.at("/output/statusCode").asInt(), r::toString);
      assertEquals(15, r.at("/output/body/temperature").asInt());
    }));
    steps.add(step("node-llm.json", () -> {
      JsonNode r = run("node-llm.json", Map.of());
      assertEquals(LLM_ANSWER, r.at("/output/text").asText(), r::toString);
      assertTrue(llmAuthorizations.contains("Bearer sk-platform-sample"), "the platform key from the template's secret");
    }));
    steps.add(step("node-transform-template.json", () -> assertEquals(
        "请用中文总结以下天气数据：{\"city\":\"Beijing\",\"temperature\":15,\"weather\":\"sunny\"}",
        run("node-transform-template.json", Map.of()).at("/output/text").asText())));
    steps.add(step("node-transform-variable.json", () -> assertEquals(36,
        run("node-transform-variable.json", Map.of()).at("/output/temperature").asInt())));
    steps.add(step("node-transform-condition.json", () -> assertTrue(
        run("node-transform-condition.json", Map.of()).at("/output/result").asBoolean())));
    steps.add(step("node-transform-end.json", () -> assertEquals(15,
        run("node-transform-end.json", Map.of()).at("/output/temperature").asInt())));
    steps.add(step("api/add-api-key.json", () -> {
      JsonNode r = api("api/add-api-key.json", 201);
      assertEquals("0000", r.at("/data/keyHint").asText(), r::toString);
      assertFalse(r.toString().contains(USER_KEY), "the key never comes back");
      ids.put(KEY, r.at("/data/id").asText());
    }));
    steps.add(step("api/list-api-keys.json", () ->
        assertEquals(ids.get(KEY), api("api/list-api-keys.json", 200).at("/data/items/0/id").asText())));
    steps.add(step("api/create-workflow.json", () -> {
      JsonNode r = api("api/create-workflow.json", 201);
      assertEquals("Greeting", r.at("/data/name").asText(), r::toString);
      ids.put(WORKFLOW, r.at("/data/id").asText());
    }));
    steps.add(step("api/get-workflow.json", () ->
        assertEquals(6, api("api/get-workflow.json", 200).at("/data/definition/nodes").size())));
    steps.add(step("api/list-workflows.json", () ->
        assertEquals(ids.get(WORKFLOW), api("api/list-workflows.json", 200).at("/data/items/0/id").asText())));
    steps.add(step("api/update-workflow.json", () ->
        assertEquals(2, api("api/update-workflow.json", 200).at("/data/version").asInt())));
    steps.add(step("api/list-versions.json", () ->
        assertEquals(2, api("api/list-versions.json", 200).at("/data/items").size())));
    steps.add(step("api/restore-version.json", () ->
        assertEquals(3, api("api/restore-version.json", 200).at("/data/version").asInt())));
    steps.add(step("api/duplicate-workflow.json", () ->
        assertNotEquals(ids.get(WORKFLOW), api("api/duplicate-workflow.json", 201).at("/data/id").asText())));
    steps.add(step("api/rotate-webhook.json", () -> {
      // the greeting has neither a webhook trigger nor a callback, so it has no signing secret to rotate
      JsonNode r = api("api/rotate-webhook.json", 409);
      assertEquals("CONFLICT", r.at("/error/code").asText(), r::toString);
      assertEquals("triggers", r.at("/error/details/field").asText(), r::toString);
    }));
    steps.add(step("webhook.json", () -> {
      // the sample's signed timestamp is long past: a replayed delivery is refused before any lookup
      JsonNode r = run("webhook.json", Map.of());
      assertEquals(401, r.path("statusCode").asInt(), r::toString);
      assertEquals("TIMESTAMP_EXPIRED", TemplateConsistency.JSON.readTree(r.path("body").asText()).at("/error/code").asText());
    }));
    steps.add(step("schedule-trigger.json", () ->
        assertEquals("SKIPPED_INACTIVE", run("schedule-trigger.json", Map.of()).asText(), "an unknown workflow starts nothing")));
    steps.add(step("result-callback.json", () ->
        assertEquals("IGNORED", run("result-callback.json", Map.of()).asText(), "no record, no callback to deliver")));
    steps.add(step("api/execute-workflow.json", () -> {
      JsonNode r = api("api/execute-workflow.json", 202);
      assertEquals("pending", r.at("/data/status").asText(), r::toString);
      ids.put(EXECUTION, r.at("/data/executionId").asText());
    }));
    steps.add(step("api/get-execution.json", () -> {
      JsonNode done = poll("api/get-execution.json", r -> r.at("/data/status").asText().equals("completed"));
      assertTrue(done.at("/data/outputs").toString().contains("Good morning, Ada Lovelace!"), done::toString);
    }));
    steps.add(step("api/execution-events.json", () -> {
      JsonNode r = poll("api/execution-events.json", e -> e.at("/data/items").toString().contains("execution:completed"));
      assertEquals("execution:started", r.at("/data/items/0/type").asText(), r::toString);
    }));
    steps.add(step("api/list-executions.json", () ->
        assertEquals(ids.get(EXECUTION), api("api/list-executions.json", 200).at("/data/items/0/id").asText())));
    steps.add(step("status/execution-succeeded.json", () ->
        assertEquals("ALREADY_COMPLETED", run("status/execution-succeeded.json", Map.of()).asText(),
            "the rule delivered the real event first")));
    steps.add(step("status/execution-failed.json", () -> {
      String running = startSlowExecution();
      JsonNode outcome = run("status/execution-failed.json", Map.of(EXECUTION, running));
      assertEquals("COMPLETED", outcome.asText());
      JsonNode detail = api("api/get-execution.json", 200, Map.of(EXECUTION, running));
      assertEquals("failed", detail.at("/data/status").asText(), detail::toString);
    }));
    steps.add(step("api/cancel-execution.json", () -> {
      String running = startSlowExecution();
      JsonNode r = api("api/cancel-execution.json", 200, Map.of(EXECUTION, running));
      assertEquals("cancelled", r.at("/data/status").asText(), r::toString);
    }));
    steps.add(step("realtime/connect.json", () -> {
      assertEquals(200, run("realtime/connect.json", Map.of("<jwt>", jwt.sign(USER, Duration.ofHours(1))))
          .path("statusCode").asInt());
      assertTrue(connectionsTable().contains(CONNECTION), "the connection is stored");
    }));
    for (String route : List.of("subscribe", "ping", "unsubscribe", "default")) {
      steps.add(step("realtime/" + route + ".json", () ->
          assertEquals(200, run("realtime/" + route + ".json", Map.of()).path("statusCode").asInt())));
    }
    steps.add(step("realtime/disconnect.json", () -> {
      assertEquals(200, run("realtime/disconnect.json", Map.of()).path("statusCode").asInt());
      assertFalse(connectionsTable().contains(CONNECTION), "the connection is gone");
    }));
    steps.add(DynamicTest.dynamicTest("an llm node decrypts the user's own key (KMS) inside a real execution", () -> {
      String workflow = httpApi("POST", "/api/v1/workflows", userKeyWorkflow()).at("/data/id").asText();
      String execution = httpApi("POST", "/api/v1/workflows/" + workflow + "/execute", "{\"inputs\": {}}")
          .at("/data/executionId").asText();
      JsonNode done = pollHttp("/api/v1/executions/" + execution, r -> !r.at("/data/status").asText().matches("pending|running"));
      assertEquals("completed", done.at("/data/status").asText(), () -> done + "\n" + log.toString(StandardCharsets.UTF_8));
      assertTrue(llmAuthorizations.contains("Bearer " + USER_KEY), llmAuthorizations::toString);
    }));
    steps.add(step("api/delete-api-key.json", () ->
        assertTrue(api("api/delete-api-key.json", 200).at("/data/deleted").asBoolean())));
    steps.add(step("api/delete-workflow.json", () ->
        assertTrue(api("api/delete-workflow.json", 200).at("/data/deleted").asBoolean())));
    steps.add(DynamicTest.dynamicTest("every events/ sample has a step", () -> {
      Set<String> all = new TreeSet<>();
      samples.forEach(s -> all.add(s.relative()));
      all.removeAll(ran);
      assertEquals(Set.of(), all, "samples no step ran");
    }));
    return steps.stream();
  }

  @Test
  @Order(4)
  void everyRouteAndFunction_shouldHaveASample() {
    assertEquals(List.of(), TemplateConsistency.sampleCoverage(templatePath, cloud.template(), samples));
  }

  // ----- 3. environment --------------------------------------------------------------------------------------

  @Test
  @Order(5)
  void everyVariableAFunctionNeeds_shouldBeSetByTheTemplate() {
    Map<String, String> failures = new HashMap<>(sampleFailures);
    TemplateConsistency.buildHandlers(cloud.template(), cloud.edgeEndpoint(), failures);
    // and as deployed with the template's defaults (no local token key: the authorizer takes the JWKS path)
    TemplateConsistency.buildHandlers(SamTemplateReader.read(templatePath, StackSettings.defaults()),
        cloud.edgeEndpoint(), failures);
    Map<String, Set<String>> reads = envReads.reads();

    assertEquals(List.of(), TemplateConsistency.environment(cloud.template(), TemplateYaml.read(templatePath), reads, failures));
    // the recording sees the configuration each function really reads
    assertTrue(reads.get("NodeLlmFunction").containsAll(Set.of("EXECUTIONS_TABLE", "API_KEYS_TABLE", "API_KEYS_KMS_KEY_ID",
        "PLATFORM_LLM_SECRET_ID", "LLM_ALLOWED_NETWORKS")), () -> reads.get("NodeLlmFunction").toString());
    assertTrue(reads.get("ApiFunction").containsAll(Set.of("WORKFLOWS_TABLE", "STATE_MACHINE_ROLE_ARN",
        "NODE_HTTP_FUNCTION_ARN", "CONNECTIONS_TABLE")), () -> reads.get("ApiFunction").toString());
    assertTrue(reads.get("RealtimeAuthorizerFunction").containsAll(Set.of("JWT_ISSUER", "JWT_AUDIENCE", "JWT_HS256_SECRET",
        "JWT_JWKS_URL")), () -> reads.get("RealtimeAuthorizerFunction").toString());
    // what each function reads and does without (shared configuration of other functions, local-only settings)
    for (FunctionSpec f : cloud.template().functions()) {
      System.out.println("[env] " + f.logicalId() + " does without " + TemplateConsistency.unset(f,
          reads.getOrDefault(f.functionName(), Set.of())));
    }
  }

  @Test
  @Order(6)
  void missingOrMisspelledEnvironmentVariable_shouldBeReported() {
    envReads.close();
    try (TemplateConsistency.EnvReads mutatedReads = new TemplateConsistency.EnvReads()) {
      String text = mutate("        EXECUTIONS_TABLE: !Ref ExecutionsTable\n", "");
      SamTemplate mutated = reparse(text);
      Map<String, String> failures = new HashMap<>();
      TemplateConsistency.buildHandlers(mutated, cloud.edgeEndpoint(), failures);
      List<String> problems = TemplateConsistency.environment(mutated, TemplateYaml.parse(text), mutatedReads.reads(), failures);

      assertTrue(problems.stream().anyMatch(p -> p.startsWith("NodeHttpFunction cannot run from the template's environment")
          && p.contains("Environment variable EXECUTIONS_TABLE is not set")
          && p.substring(p.indexOf("; it reads [")).contains("EXECUTIONS_TABLE")
          && p.endsWith("which template.yaml does not set for it")), problems::toString);
      assertFalse(problems.stream().anyMatch(p -> p.startsWith("RealtimeAuthorizerFunction")),
          "the authorizer does not need the executions table: " + problems);
    }
    try (TemplateConsistency.EnvReads mutatedReads = new TemplateConsistency.EnvReads()) {
      String text = mutate("          HTTP_NODE_ALLOWED_NETWORKS: !Ref AllowedPrivateNetworks",
          "          HTTP_ALLOWED_NETWORKS: !Ref AllowedPrivateNetworks");
      SamTemplate mutated = reparse(text);
      Map<String, String> failures = new HashMap<>();
      TemplateConsistency.buildHandlers(mutated, cloud.edgeEndpoint(), failures);
      List<String> problems = TemplateConsistency.environment(mutated, TemplateYaml.parse(text), mutatedReads.reads(), failures);

      assertEquals(List.of("template.yaml sets HTTP_ALLOWED_NETWORKS for NodeHttpFunction, whose code never reads it"),
          problems);
    }
  }

  // ----- 4. policies -----------------------------------------------------------------------------------------

  @Test
  @Order(7)
  void everyAwsCallOfTheFunctions_shouldBeAllowedByItsPolicies() {
    List<AwsCallRecorder.Call> calls = AwsCallRecorder.calls();
    // the recording saw the calls that matter (otherwise "no problem" would mean nothing)
    for (String[] expected : new String[][] {
        {"NodeLlmFunction", "kms:Decrypt"}, {"NodeLlmFunction", "secretsmanager:GetSecretValue"},
        {"NodeLlmFunction", "dynamodb:GetItem"}, {"ApiFunction", "kms:Encrypt"},
        {"ApiFunction", "states:CreateStateMachine"}, {"ApiFunction", "iam:PassRole"}, {"ApiFunction", "states:StartExecution"},
        {"ApiFunction", "states:StopExecution"}, {"ApiFunction", "dynamodb:PutItem"},
        {"ExecutionStatusFunction", "dynamodb:UpdateItem"}, {"NodeHttpFunction", "dynamodb:UpdateItem"},
        {"RealtimeFunction", "execute-api:ManageConnections"}, {"RealtimeFunction", "dynamodb:PutItem"}}) {
      assertTrue(AwsCallRecorder.find(expected[0], expected[1]).isPresent(),
          () -> "no " + expected[1] + " call by " + expected[0] + " recorded: " + calls);
    }
    assertEquals(List.of(), TemplateConsistency.policies(TemplateYaml.read(templatePath), cloud.template().settings(), calls));
  }

  @Test
  @Order(8)
  void removedOrNarrowedPolicy_shouldBeReported() {
    List<AwsCallRecorder.Call> calls = AwsCallRecorder.calls();
    List<String> noDecrypt = TemplateConsistency.policies(TemplateYaml.parse(mutate(
        "        - KMSDecryptPolicy:\n            KeyId: !Ref ApiKeysKey\n", "")), cloud.template().settings(), calls);
    assertTrue(noDecrypt.stream().anyMatch(p -> p.startsWith("NodeLlmFunction calls kms:Decrypt on arn:aws:kms:")), noDecrypt::toString);
    assertTrue(noDecrypt.stream().allMatch(p -> p.startsWith("NodeLlmFunction calls kms:Decrypt")), noDecrypt::toString);

    String apiTables = "        - DynamoDBCrudPolicy:\n            TableName: !Ref WorkflowsTable\n"
        + "        - DynamoDBCrudPolicy:\n            TableName: !Ref ExecutionRecordsTable\n"
        + "        - DynamoDBReadPolicy:\n            TableName: !Ref ExecutionsTable\n";
    List<String> readOnly = TemplateConsistency.policies(TemplateYaml.parse(mutate(apiTables,
        apiTables.replaceFirst("DynamoDBCrudPolicy", "DynamoDBReadPolicy"))), cloud.template().settings(), calls);
    assertTrue(readOnly.stream().anyMatch(p -> p.startsWith("ApiFunction calls dynamodb:PutItem on arn:aws:dynamodb:us-east-1:000000000000:table/WorkflowsTable")),
        readOnly::toString);
  }

  // ----- helpers ---------------------------------------------------------------------------------------------

  private DynamicTest step(String sample, org.junit.jupiter.api.function.Executable body) {
    return DynamicTest.dynamicTest("events/" + sample, () -> {
      ran.add(sample);
      body.execute();
    });
  }

  private String mutate(String from, String to) {
    assertTrue(yaml.contains(from), () -> "template.yaml no longer contains: " + from);
    return yaml.replace(from, to);
  }

  private SamTemplate reparse(String text) {
    return SamTemplateReader.parse(text, cloud.template().settings());
  }

  private TemplateConsistency.Sample sample(String relative) {
    return samples.stream().filter(s -> s.relative().equals(relative)).findFirst()
        .orElseThrow(() -> new AssertionError("no sample events/" + relative));
  }

  /**
   * Runs a sample through its function: placeholders replaced by the ids created so far (plus {@code extra}),
   * parsed into the handler's event type as the Java runtime parses it, invoked through the local Lambda service.
   *
   * @return the function's answer
   */
  private JsonNode run(String relative, Map<String, String> extra) throws Exception {
    TemplateConsistency.Sample sample = sample(relative);
    assertNotNull(sample.functionName(), "no function takes events/" + relative);
    String text = Files.readString(sample.file());
    Map<String, String> replace = new LinkedHashMap<>(ids);
    replace.putAll(extra);
    replace.put(SAMPLE_ACCOUNT, cloud.template().settings().account());
    for (Map.Entry<String, String> e : replace.entrySet()) {
      text = text.replace(e.getKey(), e.getValue());
    }
    byte[] event = text.getBytes(StandardCharsets.UTF_8);
    parsesAsItsSource(relative, event);
    InvocationResult result = cloud.lambda().invoke(sample.functionName(), event, null);
    if (result.failed()) {
      sampleFailures.putIfAbsent(sample.functionName(), relative + ": " + result.payloadText());
    }
    assertFalse(result.failed(), () -> relative + " failed in " + sample.functionName() + ": " + result.payloadText());
    return TemplateConsistency.JSON.readTree(result.payload());
  }

  /** The sample read as the AWS event class of its source, by the Lambda Java runtime's own serializers. */
  private static void parsesAsItsSource(String relative, byte[] event) {
    if (relative.startsWith("api/")) {
      APIGatewayV2HTTPEvent e = read(APIGatewayV2HTTPEvent.class, event);
      assertNotNull(e.getRequestContext().getHttp().getMethod(), relative);
      assertEquals(USER, e.getRequestContext().getAuthorizer().getJwt().getClaims().get("sub"), relative);
      assertTrue(e.getRouteKey().startsWith(e.getRequestContext().getHttp().getMethod() + " "), relative);
    } else if (relative.equals("realtime/authorize.json")) {
      APIGatewayCustomAuthorizerEvent e = read(APIGatewayCustomAuthorizerEvent.class, event);
      assertEquals("REQUEST", e.getType(), relative);
      assertNotNull(e.getQueryStringParameters().get("token"), relative);
    } else if (relative.startsWith("realtime/")) {
      APIGatewayV2WebSocketEvent e = read(APIGatewayV2WebSocketEvent.class, event);
      assertEquals(CONNECTION, e.getRequestContext().getConnectionId(), relative);
      assertNotNull(e.getRequestContext().getRouteKey(), relative);
    } else if (relative.startsWith("status/")) {
      ScheduledEvent e = read(ScheduledEvent.class, event);
      assertEquals("Step Functions Execution Status Change", e.getDetailType(), relative);
      assertEquals("aws.states", e.getSource(), relative);
    }
  }

  /** As the Java runtime reads an event class: its event serializer when it has one, else its Jackson factory. */
  private static <T> T read(Class<T> type, byte[] event) {
    if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
      return LambdaEventSerializers.serializerFor(type, DeploymentConsistencyTest.class.getClassLoader())
          .fromJson(new ByteArrayInputStream(event));
    }
    return JacksonFactory.getInstance().getSerializer(type).fromJson(new ByteArrayInputStream(event));
  }

  /** Runs an API sample and checks its HTTP status; returns the parsed body. */
  private JsonNode api(String relative, int status) throws Exception {
    return api(relative, status, Map.of());
  }

  private JsonNode api(String relative, int status, Map<String, String> extra) throws Exception {
    JsonNode response = run(relative, extra);
    assertEquals(status, response.path("statusCode").asInt(), response::toString);
    return TemplateConsistency.JSON.readTree(response.path("body").asText());
  }

  private JsonNode poll(String relative, Predicate<JsonNode> done) throws Exception {
    JsonNode last = null;
    for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); System.nanoTime() < end; Thread.sleep(50)) {
      last = api(relative, 200);
      if (done.test(last)) {
        return last;
      }
    }
    throw new AssertionError(relative + " did not get there: " + last + "\n" + log.toString(StandardCharsets.UTF_8));
  }

  private Set<String> connectionsTable() {
    String table = cloud.template().function("RealtimeFunction").orElseThrow().environment().get("CONNECTIONS_TABLE");
    try (DynamoDbClient dynamo = AwsClients.dynamoDb(cloud.edgeEndpoint())) {
      Set<String> keys = new TreeSet<>();
      dynamo.scan(b -> b.tableName(table)).items().forEach(i -> i.values().forEach(v -> {
        if (v.s() != null) {
          keys.add(v.s());
          keys.add(v.s().replaceFirst("^[A-Z]+#", ""));
        }
      }));
      return keys;
    }
  }

  /** Saves start → http GET /slow (answers only at the end of the class) → end, runs it, waits until the node runs. */
  private String startSlowExecution() throws Exception {
    String workflow = httpApi("POST", "/api/v1/workflows", "{\"name\": \"Slow\", \"definition\": {\"nodes\": ["
        + "{\"id\": \"s\", \"type\": \"start\", \"data\": {\"label\": \"Start\"}},"
        + "{\"id\": \"wait\", \"type\": \"http\", \"data\": {\"label\": \"Slow\", \"config\": {\"url\": \"" + stub("/slow")
        + "\", \"timeout\": 120}}}, {\"id\": \"e\", \"type\": \"end\", \"data\": {\"label\": \"End\"}}],"
        + "\"edges\": [{\"id\": \"e1\", \"source\": \"s\", \"target\": \"wait\"}, {\"id\": \"e2\", \"source\": \"wait\", \"target\": \"e\"}]}}")
        .at("/data/id").asText();
    String execution = httpApi("POST", "/api/v1/workflows/" + workflow + "/execute", "{}").at("/data/executionId").asText();
    pollHttp("/api/v1/executions/" + execution, r -> r.at("/data/nodes/wait/status").asText().equals("running"));
    slowExecutions.add(execution);
    return execution;
  }

  private String userKeyWorkflow() {
    ObjectNode config = TemplateConsistency.JSON.createObjectNode().put("provider", "openai").put("model", "gpt-4o-mini")
        .put("userPrompt", "Say hello").put("apiKeyId", ids.get(KEY)).put("baseUrl", stub("/v1"));
    return "{\"name\": \"Own key\", \"definition\": {\"nodes\": ["
        + "{\"id\": \"s\", \"type\": \"start\", \"data\": {\"label\": \"Start\"}},"
        + "{\"id\": \"ask\", \"type\": \"llm\", \"data\": {\"label\": \"Ask\", \"config\": " + config + "}},"
        + "{\"id\": \"e\", \"type\": \"end\", \"data\": {\"label\": \"End\"}}],"
        + "\"edges\": [{\"id\": \"e1\", \"source\": \"s\", \"target\": \"ask\"}, {\"id\": \"e2\", \"source\": \"ask\", \"target\": \"e\"}]}}";
  }

  private JsonNode httpApi(String method, String path, String body) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(cloud.httpApiEndpoint() + path))
        .header("Authorization", "Bearer " + jwt.sign(USER, Duration.ofHours(1)))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertTrue(r.statusCode() < 300, () -> method + " " + path + " → " + r.statusCode() + " " + r.body());
    return TemplateConsistency.JSON.readTree(r.body());
  }

  private JsonNode pollHttp(String path, Predicate<JsonNode> done) throws Exception {
    JsonNode last = null;
    for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); System.nanoTime() < end; Thread.sleep(50)) {
      last = httpApi("GET", path, null);
      if (done.test(last)) {
        return last;
      }
    }
    throw new AssertionError(path + " did not get there: " + last + "\n" + log.toString(StandardCharsets.UTF_8));
  }

  private String stub(String path) {
    return "http://127.0.0.1:" + stubs.getAddress().getPort() + path;
  }

  private static void respond(HttpExchange ex, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(200, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }
}
