package dev.agentflow.local.compiled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.WorkflowCompiler;
import dev.agentflow.core.compiler.CompileOptions;
import dev.agentflow.core.json.Json;
import dev.agentflow.core.testing.RandomWorkflows;
import dev.agentflow.local.sfn.SfnOptions;
import dev.agentflow.local.sfn.StepFunctionsService;
import dev.agentflow.local.sfn.TaskContext;
import dev.agentflow.local.sfn.TaskFailedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The compiler and the local Step Functions engine together: compiled workflows (random DAGs with a
 * reference outcome, and the samples) run in {@link StepFunctionsService} with fake node handlers, and end
 * as AgentFlow's semantics say (the same random cases also run in aws-local-stepfunctions in
 * workflow-core's tests).
 */
class CompiledWorkflowsEngineTest {

    private static final String ROLE = "arn:aws:iam::000000000000:role/agentflow-state-machine";

    /** Fake node handlers: behaviours keyed by execution name, then node id. */
    private final Map<String, JsonNode> behaviours = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private StepFunctionsService sfn;

    @BeforeEach
    void start() {
        sfn = new StepFunctionsService(this::invoke, describe -> { },
                new SfnOptions(null, null, 4, null, Clock.systemUTC(), 1.0));
    }

    @AfterEach
    void stop() {
        sfn.close();
    }

    private JsonNode invoke(String resource, JsonNode input, TaskContext context) throws TaskFailedException {
        JsonNode payload = input.get("Payload");
        String exec = payload.at("/execution/id").asText();
        String node = payload.at("/node/id").asText();
        calls.computeIfAbsent(exec + "/" + node, k -> new AtomicInteger()).incrementAndGet();
        JsonNode b = behaviours.getOrDefault(exec, Json.object()).path(node);
        if (b.has("fail")) {
            throw new TaskFailedException(b.get("fail").asText(),
                    "{\"errorMessage\":\"failure of " + node + "\",\"errorType\":\"" + b.get("fail").asText() + "\"}");
        }
        ObjectNode seen = Json.object();
        payload.at("/state/nodes").fields().forEachRemaining(e -> seen.put(e.getKey(), e.getValue().path("status").asText()));
        ObjectNode result = Json.object();
        ObjectNode out = result.putObject("Payload");
        out.set("output", b.has("output") ? b.get("output") : Json.object().put("value", node));
        out.putObject("metadata").put("durationMs", 1).set("seen", seen);
        result.put("StatusCode", 200);
        return result;
    }

    private String create(String name, JsonNode workflow) throws Exception {
        String asl = Json.write(WorkflowCompiler.compile(workflow, CompileOptions.NONE).stateMachine())
                .replaceAll("\\$\\{Node(\\w+)FunctionArn}", "arn:aws:lambda:us-east-1:000000000000:function:Node$1Function");
        ObjectNode req = Json.object().put("name", name).put("definition", asl).put("roleArn", ROLE);
        return sfn.handle("CreateStateMachine", req).get("stateMachineArn").asText();
    }

    private String start(String smArn, String name, String input) throws Exception {
        ObjectNode req = Json.object().put("stateMachineArn", smArn).put("name", name).put("input", input);
        return sfn.handle("StartExecution", req).get("executionArn").asText();
    }

    private JsonNode await(String execArn) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode d = sfn.handle("DescribeExecution", Json.object().put("executionArn", execArn));
            if (!d.get("status").asText().equals("RUNNING")) {
                return d;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("execution did not finish: " + execArn);
    }

    @Test
    void randomDags_shouldEndAsTheReferenceModelSays() throws Exception {
        Random rnd = new Random(20261123L);
        List<RandomWorkflows.Case> cases = new ArrayList<>();
        List<String> executions = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            RandomWorkflows.Case c = RandomWorkflows.randomCase("dag" + i, rnd);
            cases.add(c);
            behaviours.put(c.name(), c.behaviours());
            executions.add(start(create("wf-" + c.name(), c.workflow()), c.name(), "{\"n\": " + c.n() + "}"));
        }
        for (int i = 0; i < cases.size(); i++) {
            RandomWorkflows.Case c = cases.get(i);
            JsonNode d = await(executions.get(i));
            String ctx = c.name() + " " + Json.write(c.workflow().get("definition")) + " -> " + d;
            if (c.expectedError() != null) {
                assertEquals("FAILED", d.get("status").asText(), ctx);
                assertEquals(c.expectedError(), d.get("error").asText(), ctx);
                continue;
            }
            assertEquals("SUCCEEDED", d.get("status").asText(), ctx);
            JsonNode nodes = Json.parse(d.get("output").asText()).get("nodes");
            assertEquals(c.expected().size(), nodes.size(), ctx);
            c.expected().forEach((id, status) -> {
                assertEquals(status, nodes.path(id).path("status").asText(), () -> id + " in " + ctx);
                AtomicInteger n = calls.get(c.name() + "/" + id);
                if (n != null) {
                    assertEquals(1, n.get(), () -> id + " runs once in " + ctx);
                }
                JsonNode seen = nodes.path(id).path("metadata").path("seen");
                if (!seen.isMissingNode()) {
                    c.preds().get(id).forEach(p -> assertTrue(seen.has(p), () -> id + " ran before " + p + " in " + ctx));
                }
            });
        }
    }

    @Test
    void samples_shouldRunToTheirOutputs() throws Exception {
        Path samples = Path.of("../../events/workflows");
        behaviours.put("weather", Json.parse("""
                {"node_2": {"output": {"statusCode": 200, "body": {"temperature": 15, "weather": "sunny"}}},
                 "node_3": {"output": {"text": "Sunny, 15 degrees."}}}"""));
        String arn = create("weather", Json.parse(Files.readString(samples.resolve("weather-summary.json"))));
        JsonNode d = await(start(arn, "weather", "{\"city\": \"Beijing\"}"));
        assertEquals("SUCCEEDED", d.get("status").asText(), d::toString);
        assertEquals("Sunny, 15 degrees.", Json.parse(d.get("output").asText()).at("/outputs/result").asText());

        behaviours.put("hot", Json.parse("{\"weather\": {\"output\": {\"statusCode\": 200, \"body\": {\"temperature\": 35}}}}"));
        String alert = create("alert", Json.parse(Files.readString(samples.resolve("temperature-alert.json"))));
        JsonNode hot = Json.parse(await(start(alert, "hot", "{\"city\": \"Dubai\"}")).get("output").asText());
        assertEquals("completed", hot.at("/nodes/alert/status").asText());
        assertEquals("skipped", hot.at("/nodes/normal/status").asText());

        behaviours.put("digest", Json.parse("{\"papers\": {\"fail\": \"dev.agentflow.core.error.HttpRequestFailed\"}, \"digest\": {\"output\": {\"text\": \"d\"}}, \"summary\": {\"output\": {\"text\": \"s\"}}}"));
        String digest = create("digest", Json.parse(Files.readString(samples.resolve("research-digest.json"))));
        JsonNode ddesc = await(start(digest, "digest", "{\"topic\": \"fusion\"}"));
        assertEquals("SUCCEEDED", ddesc.get("status").asText(), ddesc::toString);
        JsonNode dd = Json.parse(ddesc.get("output").asText());
        assertEquals("failed", dd.at("/nodes/papers/status").asText());
        assertEquals("completed", dd.at("/nodes/summary/status").asText());
    }
}
