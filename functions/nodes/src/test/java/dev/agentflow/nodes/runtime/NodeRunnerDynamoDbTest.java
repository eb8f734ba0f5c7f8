package dev.agentflow.nodes.runtime;

import static dev.agentflow.nodes.testing.StubHttpServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.error.HttpRequestFailed;
import dev.agentflow.core.json.Json;
import dev.agentflow.nodes.HttpNodeHandler;
import dev.agentflow.nodes.TransformNodeHandler;
import dev.agentflow.nodes.http.HttpNodeExecutor;
import dev.agentflow.nodes.http.HttpNodeSettings;
import dev.agentflow.shared.net.AddressPolicy;
import dev.agentflow.shared.net.HostResolver;
import dev.agentflow.nodes.testing.DynamoRuntime;
import dev.agentflow.nodes.testing.StubHttpServer;
import dev.agentflow.nodes.testing.Tasks;
import dev.agentflow.shared.events.ExecutionEvent;
import dev.agentflow.shared.output.OutputReference;
import dev.agentflow.shared.store.Attrs;
import dev.agentflow.shared.store.NodeRecord;
import dev.agentflow.shared.store.NodeStatus;
import dev.agentflow.shared.testing.DynamoDbLocal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The runner around real executors, recording into DynamoDB Local through the production adapters. */
class NodeRunnerDynamoDbTest {

    private StubHttpServer server;
    private DynamoRuntime dynamo;
    private HttpNodeHandler http;
    private TransformNodeHandler transform;

    @BeforeEach
    void setUp() {
        server = StubHttpServer.start();
        dynamo = DynamoRuntime.create();
        http = new HttpNodeHandler(dynamo.runner(), new HttpNodeExecutor(HttpNodeExecutor.newClient(),
                new HttpNodeSettings(AddressPolicy.allowing("127.0.0.0/8"), HttpNodeSettings.DEFAULT_MAX_BODY_BYTES, 5,
                        Duration.ofSeconds(10)), HostResolver.system()));
        transform = new TransformNodeHandler(dynamo.runner(), TransformNodeHandler.executors());
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private Map<String, Object> httpTask(String path) {
        return Tasks.task("exec_d", "user_1", "{\"id\":\"node_2\",\"type\":\"http\",\"label\":\"Get weather\","
                + "\"config\":{\"url\":\"" + server.url(path) + "?city={{inputs.city}}\"}}",
                "{\"inputs\":{\"city\":\"Paris\"},\"nodes\":{\"node_1\":{\"status\":\"completed\",\"output\":{\"city\":\"Paris\"}}}}");
    }

    @Test
    void completedNode_shouldBeRecordedWithTimesInputsOutputAndEvents() {
        server.enqueue("/weather", json(200, "{\"temperature\":15}"));

        JsonNode result = Tasks.json(http.handleRequest(httpTask("/weather"), null));

        NodeRecord record = dynamo.store().findNode("exec_d", "node_2").orElseThrow();
        assertEquals(NodeStatus.COMPLETED, record.status());
        assertEquals("http", record.nodeType());
        assertEquals("Get weather", record.label());
        assertNotNull(record.startedAt());
        assertTrue(!record.completedAt().isBefore(record.startedAt()));
        assertEquals(result.path("metadata").path("durationMs").asLong(), record.durationMs());
        assertEquals(server.url("/weather") + "?city=Paris", record.inputs().path("url").asText());
        assertEquals(15, record.output().path("body").path("temperature").asInt());
        assertEquals(1, record.attempts());

        List<ExecutionEvent> events = dynamo.events().eventsAfter("exec_d", 0);
        assertEquals(List.of("execution:node_started", "execution:node_completed"), events.stream().map(ExecutionEvent::type).toList());
        assertEquals(List.of(1L, 2L), events.stream().map(ExecutionEvent::seq).toList());
        ExecutionEvent completed = events.get(1);
        assertEquals("node_2", completed.payload().nodeId());
        assertEquals("Get weather", completed.payload().nodeName());
        assertEquals("completed", completed.payload().status());
        assertEquals(15, completed.payload().outputs().path("body").path("temperature").asInt());
        assertNotNull(completed.payload().durationMs());
        assertNotNull(completed.payload().timestamp());
    }

    @Test
    void failedNode_shouldBeRecordedAndPublishedThenRethrown() {
        server.enqueue("/weather", json(503, "{}"));
        Map<String, Object> task = httpTask("/weather");
        ((Map<String, Object>) ((Map<String, Object>) task.get("node")).get("config")).put("failOnError", true);

        assertThrows(HttpRequestFailed.class, () -> http.handleRequest(task, null));

        NodeRecord record = dynamo.store().findNode("exec_d", "node_2").orElseThrow();
        assertEquals(NodeStatus.FAILED, record.status());
        assertEquals("HTTP_REQUEST_FAILED", record.error().code());
        assertTrue(record.error().message().contains("HTTP 503"));
        ExecutionEvent failed = dynamo.events().eventsAfter("exec_d", 1).get(0);
        assertEquals("execution:node_failed", failed.type());
        assertEquals("HTTP_REQUEST_FAILED", failed.payload().errorCode());
    }

    @Test
    void largeOutput_shouldBeStoredAsideAndResolvedByALaterNode() {
        StringBuilder items = new StringBuilder("[");
        for (int i = 0; i < 6_000; i++) {
            items.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"name\":\"item number ").append(i).append("\"}");
        }
        String body = "{\"items\":" + items.append("]}");
        assertTrue(body.length() > 200_000);
        server.enqueue("/big", json(200, body));

        // node_2 fetches the large body: the Lambda result carries a reference, not the value
        JsonNode result = Tasks.json(http.handleRequest(httpTask("/big"), null));
        JsonNode carried = result.path("output");
        assertEquals("agentflow:output:exec_d:node_2", carried.path("$ref").asText());
        assertTrue(Json.write(result).length() < 5_000, "the state stays small");
        assertTrue(OutputReference.from(dynamo.store().findNode("exec_d", "node_2").orElseThrow().output()).isPresent());
        assertTrue(DynamoDbLocal.scan(dynamo.tables().get("ExecutionsTable")).stream()
                .anyMatch(item -> "OUTPUT#node_2".equals(Attrs.str(item, "sk"))));

        // node_3 runs with the state Step Functions would hand it, and sees the full value
        ObjectNode state = (ObjectNode) Json.parse("{\"inputs\":{\"city\":\"Paris\"},\"nodes\":{}}");
        ObjectNode node2 = ((ObjectNode) state.get("nodes")).putObject("node_2");
        node2.put("status", "completed");
        node2.set("output", carried);
        node2.set("metadata", result.path("metadata"));
        Map<String, Object> next = Tasks.task("exec_d", "user_1", """
                {"id":"node_3","type":"template","config":{"template":
                 "{{ node_2.output.body['items'] | length }} items, last: {{node_2.output.body['items'][5999].name}}"}}""",
                Json.write(state));

        JsonNode text = Tasks.json(transform.handleRequest(next, null)).path("output").path("text");

        assertEquals("6000 items, last: item number 5999", text.asText());
    }
}
