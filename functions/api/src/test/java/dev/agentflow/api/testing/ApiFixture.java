package dev.agentflow.api.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.api.ApiConfig;
import dev.agentflow.api.ApiHandler;
import dev.agentflow.api.Components;
import dev.agentflow.api.ExecutionStatusHandler;
import dev.agentflow.api.keys.KeyVaultApiKeyStore;
import dev.agentflow.api.triggers.TriggerManager;
import dev.agentflow.core.json.Json;
import dev.agentflow.shared.config.AppConfig;
import dev.agentflow.shared.keys.KeyVault;
import dev.agentflow.shared.keys.SecretValue;
import dev.agentflow.shared.signing.DynamoDbSigningKeyStore;
import dev.agentflow.shared.log.JsonLog;
import dev.agentflow.shared.runs.DynamoDbExecutionRepository;
import dev.agentflow.shared.sfn.FakeStateMachines;
import dev.agentflow.shared.store.DynamoDbExecutionStore;
import dev.agentflow.shared.testing.AesGcmKeyCipher;
import dev.agentflow.shared.testing.DynamoDbLocal;
import dev.agentflow.shared.workflows.DynamoDbWorkflowRepository;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The api and status handlers wired to DynamoDB Local (template.yaml's tables, fresh per fixture), the
 * shared KeyVault with an AES-GCM stand-in for KMS, and a fake Step Functions; plus helpers that send
 * API Gateway HTTP API v2 events as the JWT authorizer would.
 */
public final class ApiFixture {

    /** Function ARNs substituted into compiled state machines. */
    public static final Map<String, String> ARNS = Map.of(
            "NodeLlmFunctionArn", "arn:aws:lambda:us-east-1:000000000000:function:NodeLlmFunction:live",
            "NodeHttpFunctionArn", "arn:aws:lambda:us-east-1:000000000000:function:NodeHttpFunction:live",
            "NodeTransformFunctionArn", "arn:aws:lambda:us-east-1:000000000000:function:NodeTransformFunction:live");

    public final Map<String, String> tables = DynamoDbLocal.freshTables();
    public final FakeStateMachines sfn = new FakeStateMachines();
    public final DynamoDbExecutionStore nodes;
    public final DynamoDbWorkflowRepository workflows;
    public final DynamoDbExecutionRepository executions;
    public final ApiHandler api;
    public final ExecutionStatusHandler status;
    /** Issue 8: the schedule group, in memory. */
    public final InMemoryScheduleSync schedules = new InMemoryScheduleSync();
    /** Issue 8: the signing master key. */
    public static final SecretValue MASTER_KEY = SecretValue.of("fixture-master-key-0123456789abcdef");
    /** Everything the functions logged. */
    public final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    public ApiFixture() {
        this(262_144);
    }

    public ApiFixture(int maxBodyBytes) {
        this(maxBodyBytes, dev.agentflow.api.keys.KeyVerifier.unavailable());
    }

    /** With this verifier checking keys on POST /api/v1/api-keys (REQ-401-3). */
    public ApiFixture(dev.agentflow.api.keys.KeyVerifier verifier) {
        this(262_144, verifier);
    }

    private ApiFixture(int maxBodyBytes, dev.agentflow.api.keys.KeyVerifier verifier) {
        var dynamo = DynamoDbLocal.client();
        Map<String, String> env = new HashMap<>();
        env.put(AppConfig.EXECUTIONS_TABLE, tables.get("ExecutionsTable"));
        env.put(AppConfig.API_KEYS_TABLE, tables.get("ApiKeysTable"));
        ApiConfig config = new ApiConfig(AppConfig.fromEnvironment(env), tables.get("WorkflowsTable"),
                tables.get("ExecutionRecordsTable"), "arn:aws:iam::000000000000:role/sm", "agentflow", ARNS, maxBodyBytes);
        Clock clock = Clock.systemUTC();
        nodes = new DynamoDbExecutionStore(dynamo, tables.get("ExecutionsTable"), clock, Duration.ofDays(90));
        workflows = new DynamoDbWorkflowRepository(dynamo, tables.get("WorkflowsTable"));
        executions = new DynamoDbExecutionRepository(dynamo, tables.get("ExecutionRecordsTable"),
                tables.get("WorkflowsTable"), Duration.ofDays(90));
        KeyVault vault = new KeyVault(dynamo, tables.get("ApiKeysTable"), new AesGcmKeyCipher(), clock);
        TriggerManager triggers = new TriggerManager(schedules,
                new DynamoDbSigningKeyStore(dynamo, tables.get("WorkflowsTable")), () -> MASTER_KEY, "agentflow", clock);
        Components components = new Components(workflows, executions, nodes, sfn, new KeyVaultApiKeyStore(vault), config,
                clock, e -> e, (id, after) -> List.of(), verifier, triggers);
        JsonLog log = new JsonLog(new PrintStream(logs, true, StandardCharsets.UTF_8), clock);
        api = new ApiHandler(components.api(log));
        status = new ExecutionStatusHandler(components.completer(), log);
    }

    /** A response: status and parsed body. */
    public record Reply(int status, JsonNode body, APIGatewayV2HTTPResponse raw) {
        public JsonNode data() {
            return body.path("data");
        }

        public String code() {
            return body.path("error").path("code").asText(null);
        }
    }

    /** Sends a request as {@code user} (null: no authorizer claims). */
    public Reply call(String method, String pathAndQuery, String user, String body) {
        return call(method, pathAndQuery, user, body, Map.of());
    }

    /** Sends a request with extra headers. */
    public Reply call(String method, String pathAndQuery, String user, String body, Map<String, String> headers) {
        APIGatewayV2HTTPEvent event = event(method, pathAndQuery, user, body, headers);
        APIGatewayV2HTTPResponse response = api.handleRequest(event, null);
        return new Reply(response.getStatusCode(), Json.parse(response.getBody()), response);
    }

    /** The payload format 2.0 event API Gateway sends for a request. */
    public static APIGatewayV2HTTPEvent event(String method, String pathAndQuery, String user, String body,
                                              Map<String, String> headers) {
        String path = pathAndQuery;
        String query = "";
        Map<String, String> params = new HashMap<>();
        int q = pathAndQuery.indexOf('?');
        if (q >= 0) {
            path = pathAndQuery.substring(0, q);
            query = pathAndQuery.substring(q + 1);
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                params.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : java.net.URLDecoder.decode(
                        pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        Map<String, String> h = new HashMap<>(Map.of("content-type", "application/json", "host", "api.example.com"));
        h.putAll(headers);
        var authorizer = user == null ? null : APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                        .withClaims(Map.of("sub", user, "iss", "https://issuer.example.com", "aud", "agentflow"))
                        .withScopes(List.of()).build()).build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(path)
                .withRawQueryString(query)
                .withHeaders(h)
                .withQueryStringParameters(params.isEmpty() ? null : params)
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId("req-" + System.nanoTime())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method).withPath(path).withProtocol("HTTP/1.1")
                                .withSourceIp("127.0.0.1").withUserAgent("test").build())
                        .withAuthorizer(authorizer)
                        .build())
                .build();
    }

    /** Every item of every table, in a stable order (to show a request changed nothing). */
    public Map<String, List<String>> snapshot() {
        Map<String, List<String>> all = new TreeMap<>();
        tables.forEach((logical, name) -> all.put(logical, DynamoDbLocal.scan(name).stream()
                .map(item -> new TreeMap<>(item).toString()).sorted().toList()));
        return all;
    }

    /** A sample workflow from events/workflows as request body text. */
    public static String sampleWorkflow(String file) {
        try {
            return java.nio.file.Files.readString(dev.agentflow.shared.testing.ProjectFiles.resolve("events/workflows/" + file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Delivers a Step Functions status-change event for an execution, as EventBridge would. */
    public String statusEvent(String executionId, String sfnStatus, JsonNode output, String error, String cause) {
        Map<String, Object> detail = new HashMap<>();
        detail.put("executionArn", "arn:aws:states:us-east-1:000000000000:execution:agentflow-x:" + executionId);
        detail.put("stateMachineArn", "arn:aws:states:us-east-1:000000000000:stateMachine:agentflow-x");
        detail.put("name", executionId);
        detail.put("status", sfnStatus);
        detail.put("startDate", System.currentTimeMillis() - 1000);
        detail.put("stopDate", System.currentTimeMillis());
        detail.put("output", output == null ? null : Json.write(output));
        detail.put("outputDetails", Map.of("included", true));
        detail.put("error", error);
        detail.put("cause", cause);
        Map<String, Object> event = new HashMap<>();
        event.put("version", "0");
        event.put("id", "evt-" + System.nanoTime());
        event.put("detail-type", "Step Functions Execution Status Change");
        event.put("source", "aws.states");
        event.put("detail", detail);
        return status.handleRequest(event, null);
    }
}
