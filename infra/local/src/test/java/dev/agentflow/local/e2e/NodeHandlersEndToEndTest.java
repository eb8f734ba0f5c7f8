package dev.agentflow.local.e2e;

import dev.agentflow.local.AwsClients;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.agentflow.core.WorkflowCompiler;
import dev.agentflow.core.compiler.CompileOptions;
import dev.agentflow.core.json.Json;
import dev.agentflow.core.testing.WorkflowBuilder;
import dev.agentflow.local.LocalCloud;
import dev.agentflow.local.LocalCloudOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Workflows compiled by the compiler, run by the local cloud's Step Functions engine, whose Task states
 * invoke the real node handlers (functions/nodes, found through the repository's template.yaml) in-process:
 * http against a loopback data server, template, variable, condition and end. Node records and events land
 * in the template's DynamoDB tables.
 */
class NodeHandlersEndToEndTest {

    private static LocalCloud cloud;
    private static HttpServer data;
    private static DynamoDbClient dynamo;
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws Exception {
        data = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        data.createContext("/weather", ex -> {
            String city = ex.getRequestURI().getQuery().replace("city=", "");
            int t = city.equals("Dubai") ? 41 : 18;
            byte[] body = ("{\"city\": \"" + city + "\", \"temperature\": " + t + ", \"condition\": \"Sunny\"}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        data.start();
        cloud = LocalCloud.start(LocalCloudOptions.inMemory(Path.of("../../template.yaml"))
                .withEdgePort(0)
                .withParameterOverrides(Map.of("AllowedPrivateNetworks", "127.0.0.0/8"))
                .withLog(new PrintStream(LOG, true, StandardCharsets.UTF_8)));
        dynamo = AwsClients.dynamoDb(cloud.edgeEndpoint());
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
        cloud.close();
        data.stop(0);
    }

    private static JsonNode run(ObjectNode workflow, String name, String input) throws Exception {
        String asl = Json.write(WorkflowCompiler.compile(workflow, new CompileOptions("wf_e2e", "user_e2e")).stateMachine())
                .replaceAll("\\$\\{Node(\\w+)FunctionArn}", "arn:aws:lambda:us-east-1:000000000000:function:Node$1Function");
        String sm = cloud.stepFunctions().handle("CreateStateMachine", Json.object().put("name", name)
                .put("definition", asl).put("roleArn", "arn:aws:iam::000000000000:role/sm")).get("stateMachineArn").asText();
        String exec = cloud.stepFunctions().handle("StartExecution", Json.object().put("stateMachineArn", sm)
                .put("name", name + "-run").put("input", input)).get("executionArn").asText();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode d = cloud.stepFunctions().handle("DescribeExecution", Json.object().put("executionArn", exec));
            if (!d.get("status").asText().equals("RUNNING")) {
                return d;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("execution still running: " + exec);
    }

    private static WorkflowBuilder weatherReport() {
        String url = "http://127.0.0.1:" + data.getAddress().getPort() + "/weather?city={{inputs.city}}";
        return new WorkflowBuilder().start("start")
                .node("weather", "http", "{\"method\": \"GET\", \"url\": \"" + url + "\"}")
                .node("facts", "variable", "{\"variables\": {\"temp\": \"{{weather.output.body.temperature}}\", \"place\": \"{{inputs.city}}\"}}")
                .condition("hot", "weather.output.body.temperature", 30)
                .node("alert", "template", "{\"template\": \"HEAT ALERT in {{ facts.output.place }}: {{ facts.output.temp }}°C\"}")
                .node("report", "template", "{\"template\": \"{{ facts.output.place | upper }} is {{ weather.output.body.condition | lower }}, {{ weather.output.body.temperature }}°C\"}")
                .node("end", "end", null)
                .edge("start", "weather").edge("weather", "facts").edge("facts", "hot")
                .edge("hot", "alert", "true").edge("hot", "report", "false").edge("alert", "end").edge("report", "end");
    }

    @Test
    void weatherReport_shouldRunEveryNodeTypeThroughTheRealHandlers() throws Exception {
        JsonNode mild = run(weatherReport().json(), "report-mild", "{\"city\": \"Oslo\"}");
        assertEquals("SUCCEEDED", mild.get("status").asText(), () -> mild + "\nlog:\n" + LOG);
        JsonNode out = Json.parse(mild.get("output").asText());
        assertEquals(200, out.at("/nodes/weather/output/statusCode").asInt());
        assertEquals(18, out.at("/nodes/facts/output/temp").asInt(), out::toString);
        assertEquals(false, out.at("/nodes/hot/output/result").asBoolean());
        assertEquals("skipped", out.at("/nodes/alert/status").asText());
        assertEquals("OSLO is sunny, 18°C", out.at("/nodes/report/output/text").asText());
        assertEquals("OSLO is sunny, 18°C", out.at("/outputs/report/text").asText(), out::toString);

        JsonNode hot = run(weatherReport().json(), "report-hot", "{\"city\": \"Dubai\"}");
        JsonNode hotOut = Json.parse(hot.get("output").asText());
        assertEquals("HEAT ALERT in Dubai: 41°C", hotOut.at("/nodes/alert/output/text").asText(), hotOut::toString);
        assertEquals("skipped", hotOut.at("/nodes/report/status").asText());
    }

    @Test
    void nodeRecordsAndEvents_shouldBeStoredInTheExecutionsTable() throws Exception {
        JsonNode d = run(weatherReport().json(), "records", "{\"city\": \"Oslo\"}");
        assertEquals("SUCCEEDED", d.get("status").asText(), () -> d + "\nlog:\n" + LOG);
        String table = dynamo.listTables().tableNames().stream().filter(t -> t.contains("Executions") && !t.contains("Record"))
                .findFirst().orElseThrow(() -> new AssertionError("no executions table: " + dynamo.listTables()));
        var items = dynamo.query(QueryRequest.builder().tableName(table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("EXEC#records-run"))).build()).items();
        Set<String> kinds = new HashSet<>();
        items.forEach(i -> kinds.add(i.get("sk").s().replaceAll("#.*", "#")));
        assertTrue(kinds.containsAll(Set.of("NODE#", "EVENT#")), kinds::toString);
        long nodeRecords = items.stream().filter(i -> i.get("sk").s().startsWith("NODE#")).count();
        assertEquals(4, nodeRecords, "weather, facts, report and end (its predecessors may be skipped) ran as Lambda tasks: " + items);
    }

    @Test
    void httpNodeFailure_withFallback_shouldTakeTheErrorBranch() throws Exception {
        WorkflowBuilder wf = new WorkflowBuilder().start("s")
                .node("call", "http", "{\"url\": \"http://169.254.169.254/latest/meta-data/\", \"timeout\": 5}")
                .data("call", "errorHandling", "\"fallback\"")
                .node("ok", "template", "{\"template\": \"fine\"}")
                .node("sorry", "template", "{\"template\": \"refused: {{ call.status }}\"}")
                .end("e").edge("s", "call").edge("call", "ok").edge("call", "sorry", "error").edge("ok", "e").edge("sorry", "e");
        JsonNode d = run(wf.json(), "ssrf", "{}");
        assertEquals("SUCCEEDED", d.get("status").asText(), d::toString);
        JsonNode out = Json.parse(d.get("output").asText());
        assertEquals("failed", out.at("/nodes/call/status").asText());
        assertEquals("dev.agentflow.core.error.HttpRequestFailed", out.at("/nodes/call/error/Error").asText(), out::toString);
        assertEquals("refused: failed", out.at("/nodes/sorry/output/text").asText());
        assertEquals("skipped", out.at("/nodes/ok/status").asText());
    }
}
