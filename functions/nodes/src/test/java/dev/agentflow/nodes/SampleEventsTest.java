package dev.agentflow.nodes;

import static dev.agentflow.nodes.testing.StubHttpServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;
import dev.agentflow.nodes.testing.OpenAiFixtures;
import dev.agentflow.nodes.testing.StubHttpServer;
import dev.agentflow.nodes.testing.Tasks;
import dev.agentflow.shared.events.DynamoDbEventLog;
import dev.agentflow.shared.events.ExecutionEvent;
import dev.agentflow.shared.store.DynamoDbExecutionStore;
import dev.agentflow.shared.store.NodeStatus;
import dev.agentflow.shared.testing.TemplateTables;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Invokes each node function with its sample Step Functions task event from events/, built the way
 * Lambda (and the local cloud) builds it: from an environment whose AWS_ENDPOINT_URL points at DynamoDB
 * Local in server mode, so the real client wiring (UrlConnectionHttpClient, region, endpoint override,
 * table names from the environment) is exercised. External calls go to a local stub server.
 */
class SampleEventsTest {

    private static DynamoDBProxyServer dynamoServer;
    private static DynamoDbClient dynamo;
    private static Map<String, String> tables;
    private static StubHttpServer stub;
    private static Map<String, String> env;

    @BeforeAll
    static void startLocalCloud() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        dynamoServer = ServerRunner.createServerFromCommandLineArgs(new String[] {"-inMemory", "-port", Integer.toString(port)});
        dynamoServer.start();
        String endpoint = "http://127.0.0.1:" + port;
        dynamo = DynamoDbClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
        tables = TemplateTables.create(dynamo, "samples");
        // the default credentials chain reads these system properties first (Lambda would have role credentials)
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        stub = StubHttpServer.start();
        env = new HashMap<>();
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ENDPOINT_URL", endpoint);
        env.put("EXECUTIONS_TABLE", tables.get("ExecutionsTable"));
        env.put("HTTP_NODE_ALLOWED_NETWORKS", "127.0.0.0/8");
        env.put("OPENAI_API_KEY", "sk-platform-sample-000000000000");
        env.put("OPENAI_BASE_URL", stub.url("/v1"));
    }

    @AfterAll
    static void stopLocalCloud() throws Exception {
        stub.close();
        dynamo.close();
        dynamoServer.stop();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    private static JsonNode nodeRecordStatus(String executionId, String nodeId) {
        var store = new DynamoDbExecutionStore(dynamo, tables.get("ExecutionsTable"), Clock.systemUTC(), Duration.ofDays(1));
        return Json.MAPPER.valueToTree(store.findNode(executionId, nodeId).orElseThrow().status());
    }

    @Test
    void nodeHttpEvent_shouldFetchAndRecord() {
        ObjectNode event = Tasks.sampleEvent("node-http.json");
        ((ObjectNode) event.path("node").path("config")).put("url", stub.url("/v1/current") + "?city={{inputs.city}}");
        stub.enqueue("/v1/current", json(200, "{\"city\":\"Beijing\",\"temperature\":15,\"weather\":\"sunny\"}"));

        JsonNode result = Tasks.json(new HttpNodeHandler(env).handleRequest(Tasks.toMap(event), null));

        assertEquals(15, result.path("output").path("body").path("temperature").asInt());
        assertEquals("city=Beijing", stub.requests("/v1/current").get(0).query());
        assertEquals(Json.MAPPER.valueToTree(NodeStatus.COMPLETED), nodeRecordStatus("exec_sample_weather", "node_2"));
    }

    @Test
    void nodeLlmEvent_shouldSummariseWithThePlatformKey() {
        stub.enqueue("/v1/chat/completions", json(200, OpenAiFixtures.completion("北京今天晴，15°C。", "gpt-4o-mini", 30, 9)));

        JsonNode result = Tasks.json(new LlmNodeHandler(env).handleRequest(Tasks.toMap(Tasks.sampleEvent("node-llm.json")), null));

        assertEquals("北京今天晴，15°C。", result.path("output").path("text").asText());
        assertEquals(39, result.path("metadata").path("tokensUsed").path("total").asInt());
        JsonNode request = Json.parse(stub.requests("/v1/chat/completions").get(0).body());
        String prompt = request.path("messages").get(1).path("content").asText();
        assertTrue(prompt.startsWith("请用中文总结以下天气数据：{\"city\":\"Beijing\""), prompt);
        assertEquals("Bearer sk-platform-sample-000000000000", stub.requests("/v1/chat/completions").get(0).header("Authorization"));
    }

    @Test
    void transformEvents_shouldEachProduceTheirOutput() {
        TransformNodeHandler handler = new TransformNodeHandler(env);

        JsonNode template = run(handler, "node-transform-template.json");
        JsonNode variable = run(handler, "node-transform-variable.json");
        JsonNode condition = run(handler, "node-transform-condition.json");
        JsonNode end = run(handler, "node-transform-end.json");

        assertEquals("请用中文总结以下天气数据：{\"city\":\"Beijing\",\"temperature\":15,\"weather\":\"sunny\"}",
                template.path("output").path("text").asText());
        assertEquals(Json.parse("{\"temperature\":36,\"summary\":\"Shanghai: hot\"}"), variable.path("output"));
        assertEquals(Json.parse("{\"result\":true}"), condition.path("output"));
        assertEquals(Json.parse("{\"result\":\"北京今天晴，气温15°C。\",\"temperature\":15,\"alert\":null}"), end.path("output"));
        for (JsonNode result : List.of(template, variable, condition, end)) {
            assertTrue(result.path("metadata").path("durationMs").isIntegralNumber());
        }
        var log = new DynamoDbEventLog(dynamo, tables.get("ExecutionsTable"), Clock.systemUTC(), Duration.ofDays(1));
        List<String> types = log.eventsAfter("exec_sample_alert", 0).stream().map(ExecutionEvent::type).toList();
        assertEquals(List.of("execution:node_started", "execution:node_completed",
                "execution:node_started", "execution:node_completed"), types);
    }

    private static JsonNode run(TransformNodeHandler handler, String eventFile) {
        return Tasks.json(handler.handleRequest(Tasks.toMap(Tasks.sampleEvent(eventFile)), null));
    }
}
