package dev.agentflow.core.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.core.WorkflowCompiler;
import dev.agentflow.core.testing.WorkflowBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compiled shape of each node type and construct. */
class AslShapeTest {

    private static JsonNode compile(WorkflowBuilder wf) {
        return WorkflowCompiler.compile(wf.json(), new CompileOptions("wf_1", "user_1")).stateMachine();
    }

    private static JsonNode state(JsonNode asl, String name) {
        JsonNode found = find(asl.get("States"), name);
        if (found == null) {
            throw new AssertionError("no state " + name + " in " + asl);
        }
        return found;
    }

    private static JsonNode find(JsonNode states, String name) {
        if (states.has(name)) {
            return states.get(name);
        }
        for (JsonNode s : states) {
            for (JsonNode b : s.path("Branches")) {
                JsonNode f = find(b.get("States"), name);
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }

    private static List<String> names(JsonNode asl) {
        List<String> out = new ArrayList<>();
        collect(asl.get("States"), out);
        return out;
    }

    private static void collect(JsonNode states, List<String> out) {
        states.fieldNames().forEachRemaining(out::add);
        for (JsonNode s : states) {
            for (JsonNode b : s.path("Branches")) {
                collect(b.get("States"), out);
            }
        }
    }

    private static WorkflowBuilder single(String type, String config) {
        return new WorkflowBuilder().start("s").node("n", type, config).end("e").edge("s", "n").edge("n", "e");
    }

    @Test
    void start_shouldBeAPassSeedingExecutionInputsAndItsRecord() {
        JsonNode asl = compile(single("template", "{\"template\": \"x\"}"));
        assertEquals("s", asl.get("StartAt").asText());
        JsonNode start = state(asl, "s");
        assertEquals("Pass", start.get("Type").asText());
        assertEquals("$$.Execution.Name", start.at("/Parameters/execution/id.$").asText());
        assertEquals("wf_1", start.at("/Parameters/execution/workflowId").asText());
        assertEquals("user_1", start.at("/Parameters/execution/userId").asText());
        assertEquals("$", start.at("/Parameters/inputs.$").asText());
        assertEquals("completed", start.at("/Parameters/nodes/s/status").asText());
    }

    @Test
    void workNodes_shouldBeLambdaTasksWithTheirFamilyPlaceholder() {
        assertEquals("${NodeHttpFunctionArn}", state(compile(single("http", "{\"url\": \"https://a.example\"}")), "n")
                .at("/Parameters/FunctionName").asText());
        assertEquals("${NodeLlmFunctionArn}", state(compile(single("llm", "{\"userPrompt\": \"hi\"}")), "n")
                .at("/Parameters/FunctionName").asText());
        assertEquals("${NodeTransformFunctionArn}", state(compile(single("template", "{\"template\": \"x\"}")), "n")
                .at("/Parameters/FunctionName").asText());
        JsonNode task = state(compile(single("variable", "{\"name\": \"v\", \"value\": 1}")), "n");
        assertEquals("Task", task.get("Type").asText());
        assertEquals(AslCompiler.LAMBDA_INVOKE, task.get("Resource").asText());
        assertEquals("$.nodes.n", task.get("ResultPath").asText());
        assertEquals("$.Payload.output", task.at("/ResultSelector/output.$").asText());
        assertEquals("variable", task.at("/Parameters/Payload/node/type").asText());
        assertEquals(1, task.at("/Parameters/Payload/node/config/value").asInt());
        assertEquals("$.nodes", task.at("/Parameters/Payload/state/nodes.$").asText());
        assertEquals("e", task.get("Next").asText());
    }

    @Test
    void retryTimeoutAndCatch_shouldFollowSettingsAndNodeOverrides() {
        WorkflowBuilder wf = single("http", "{\"url\": \"https://a.example\"}")
                .settings("{\"timeout\": 120, \"retryPolicy\": {\"maxRetries\": 3, \"backoffMs\": 1500}}");
        JsonNode asl = compile(wf);
        assertEquals(120, asl.get("TimeoutSeconds").asInt());
        JsonNode task = state(asl, "n");
        assertEquals(120, task.get("TimeoutSeconds").asInt());
        JsonNode retry = task.get("Retry");
        assertEquals(3, retry.size());
        assertEquals("Lambda.ServiceException", retry.get(0).get("ErrorEquals").get(0).asText());
        assertEquals(0, retry.get(1).get("MaxAttempts").asInt());
        assertTrue(retry.get(1).get("ErrorEquals").toString().contains("dev.agentflow.core.error.NodeConfigInvalid"));
        assertEquals("States.ALL", retry.get(2).get("ErrorEquals").get(0).asText());
        assertEquals(3, retry.get(2).get("MaxAttempts").asInt());
        assertEquals(2, retry.get(2).get("IntervalSeconds").asInt(), "1500 ms rounds up to 2 s");
        assertNull(task.get("Catch"), "errorHandling stop lets the execution fail");

        JsonNode cont = state(compile(single("http", "{\"url\": \"https://a.example\"}")
                .data("n", "errorHandling", "\"continue\"").data("n", "timeout", "30")), "n");
        assertEquals(30, cont.get("TimeoutSeconds").asInt());
        assertEquals("n (failed)", cont.at("/Catch/0/Next").asText());
        assertEquals(1, cont.get("Retry").size(), "no policy: only Lambda service retries");
    }

    @Test
    void nativeCondition_shouldBeAChoiceWithRecordingPasses() {
        WorkflowBuilder wf = new WorkflowBuilder().start("s").condition("c", "inputs.n", 3).task("t").task("f")
                .edge("s", "c").edge("c", "t", "true").edge("c", "f", "false");
        JsonNode asl = compile(wf);
        JsonNode choice = state(asl, "c");
        assertEquals("Choice", choice.get("Type").asText());
        assertEquals("c (true)", choice.at("/Choices/0/Next").asText());
        assertEquals("c (false)", choice.get("Default").asText());
        assertTrue(choice.toString().contains("NumericGreaterThan"));
        assertTrue(state(asl, "c (true)").at("/Result/output/result").asBoolean());
        assertTrue(names(asl).contains("t (guard)"));
        assertTrue(names(asl).contains("f (skipped)"));
        assertFalse(names(asl).contains("c (guard)"), "a node that always runs needs no guard");
    }

    @Test
    void nonNativeCondition_shouldInvokeTheTransformFunction() {
        WorkflowBuilder wf = new WorkflowBuilder().start("s")
                .node("c", "condition", "{\"conditions\": [{\"left\": \"{{inputs.tags}}\", \"operator\": \"contains\", \"right\": \"x\"}]}")
                .task("t").task("f").edge("s", "c").edge("c", "t", "true").edge("c", "f", "false");
        JsonNode c = state(compile(wf), "c");
        assertEquals("Task", c.get("Type").asText());
        assertEquals("${NodeTransformFunctionArn}", c.at("/Parameters/FunctionName").asText());
    }

    @Test
    void end_shouldBeAPassForReferencesAndATaskForRealTemplates() {
        JsonNode asl = compile(single("template", "{\"template\": \"x\"}").data("e", "config", "{\"outputs\": {\"r\": \"{{n.output}}\"}}"));
        JsonNode end = state(asl, "e");
        assertEquals("Pass", end.get("Type").asText());
        assertEquals("$.nodes.n.output", end.at("/Parameters/output/r.$").asText());
        JsonNode finish = state(asl, "Finish");
        assertEquals("$.nodes.e.output", finish.at("/Parameters/outputs.$").asText());
        assertTrue(finish.get("End").asBoolean());

        JsonNode filtered = state(compile(single("template", "{\"template\": \"x\"}")
                .data("e", "config", "{\"outputs\": {\"r\": \"{{ n.output.text | upper }}\"}}")), "e");
        assertEquals("Task", filtered.get("Type").asText());
        assertEquals("[\"n\"]", filtered.at("/Parameters/Payload/node/predecessors").toString());
    }

    @Test
    void independentBranches_shouldRunInAParallelStateAndMerge() {
        WorkflowBuilder wf = new WorkflowBuilder().start("s").task("a").task("b").end("e")
                .edge("s", "a").edge("s", "b").edge("a", "e").edge("b", "e");
        JsonNode asl = compile(wf);
        JsonNode par = state(asl, "Parallel 1");
        assertEquals("Parallel", par.get("Type").asText());
        assertEquals(2, par.get("Branches").size());
        assertEquals("Merge 1", par.get("Next").asText());
        assertEquals("States.JsonMerge(States.JsonMerge($.nodes, $.branches[0], false), $.branches[1], false)",
                state(asl, "Merge 1").at("/Parameters/nodes.$").asText());
        assertFalse(names(asl).contains("a (guard)"));
    }

    @Test
    void stateNames_shouldBeUniqueAndAtMost80Chars() {
        WorkflowBuilder wf = new WorkflowBuilder().start("s").end("e");
        String longId = "n".repeat(64);
        wf.condition(longId, "inputs.x", 1).task("a").task("b").edge("s", longId).edge(longId, "a", "true")
                .edge(longId, "b", "false").edge("a", "e").edge("b", "e");
        List<String> names = names(compile(wf));
        assertEquals(names.size(), names.stream().distinct().count());
        assertTrue(names.stream().allMatch(n -> n.length() <= 80), names::toString);
    }
}
