package dev.agentflow.core.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.WorkflowCompiler;
import dev.agentflow.core.json.Json;
import dev.agentflow.core.testing.NodeTools;
import dev.agentflow.core.testing.WorkflowBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs compiled workflows in an independent Step Functions interpreter (aws-local-stepfunctions) with fake
 * node handlers, and checks the join/skip semantics: every node recorded once, nodes behind an untaken
 * branch skipped, a join running after all its predecessors finished or were skipped.
 */
class ExecutionSemanticsTest {

    private static final String HTTP_FAILED = "dev.agentflow.core.error.HttpRequestFailed";

    @BeforeAll
    static void tools() {
        NodeTools.require();
    }

    private static JsonNode run(WorkflowBuilder wf, String input, String behaviours) {
        ArrayNode cases = Json.MAPPER.createArrayNode();
        ObjectNode c = cases.addObject();
        c.put("name", "case");
        c.set("definition", WorkflowCompiler.compile(wf.json(), CompileOptions.NONE).stateMachine());
        c.set("input", Json.parse(input));
        c.set("behaviours", Json.parse(behaviours));
        return NodeTools.execute(cases).get(0);
    }

    private static void assertStatuses(JsonNode result, Map<String, String> expected) {
        assertEquals("SUCCEEDED", result.get("status").asText(), () -> "execution failed: " + result);
        JsonNode nodes = result.get("output").get("nodes");
        expected.forEach((id, status) -> assertEquals(status, nodes.path(id).path("status").asText(),
                () -> "status of " + id + " in " + nodes));
        assertEquals(expected.size(), nodes.size(), () -> "every node recorded exactly once: " + nodes);
    }

    private static void assertRanAfter(JsonNode result, String node, String... predecessors) {
        JsonNode seen = result.get("output").get("nodes").get(node).get("metadata").get("seen");
        for (String p : predecessors) {
            assertTrue(seen.has(p), () -> node + " ran before " + p + " had finished: saw " + seen);
        }
    }

    @Test
    void condition_whenTrue_shouldRunTrueBranchAndSkipFalseBranchThenJoinOnce() {
        WorkflowBuilder wf = new WorkflowBuilder().start("s").condition("c", "inputs.n", 10)
                .task("yes").task("no").task("yes2").task("join").end("end")
                .edge("s", "c").edge("c", "yes", "true").edge("c", "no", "false")
                .edge("yes", "yes2").edge("yes2", "join").edge("no", "join").edge("join", "end");
        JsonNode hot = run(wf, "{\"n\": 42}", "{}");
        assertStatuses(hot, Map.of("s", "completed", "c", "completed", "yes", "completed", "yes2", "completed",
                "no", "skipped", "join", "completed", "end", "completed"));
        assertRanAfter(hot, "join", "yes2", "no");
        assertEquals(1, hot.get("calls").get("join").asInt());
        assertTrue(hot.get("output").get("nodes").get("c").get("output").get("result").asBoolean());

        JsonNode cold = run(wf, "{\"n\": 3}", "{}");
        assertStatuses(cold, Map.of("s", "completed", "c", "completed", "yes", "skipped", "yes2", "skipped",
                "no", "completed", "join", "completed", "end", "completed"));
        assertTrue(cold.get("calls").path("yes").isMissingNode(), "untaken branch must not be invoked");
    }

    @Test
    void skip_whenEveryIncomingEdgeInactive_shouldPropagateToTheEnd() {
        WorkflowBuilder wf = new WorkflowBuilder().start("s").condition("c", "inputs.n", 10)
                .task("a").task("b").end("end")
                .edge("s", "c").edge("c", "a", "true").edge("a", "b").edge("b", "end").edge("c", "end", "false");
        JsonNode r = run(wf, "{\"n\": 1}", "{}");
        assertStatuses(r, Map.of("s", "completed", "c", "completed", "a", "skipped", "b", "skipped", "end", "completed"));
    }

    @Test
    void nonNestedDag_nShape_shouldRunEveryNodeAfterItsPredecessors() {
        // a→c, b→c, b→d: not series-parallel
        WorkflowBuilder wf = new WorkflowBuilder().start("s").task("a").task("b").task("c").task("d").end("end")
                .edge("s", "a").edge("s", "b").edge("a", "c").edge("b", "c").edge("b", "d")
                .edge("c", "end").edge("d", "end");
        JsonNode r = run(wf, "{}", "{}");
        assertStatuses(r, Map.of("s", "completed", "a", "completed", "b", "completed", "c", "completed",
                "d", "completed", "end", "completed"));
        assertRanAfter(r, "c", "a", "b");
        assertRanAfter(r, "d", "b");
    }

    @Test
    void diamondWithCrossEdge_shouldRespectEveryEdge() {
        WorkflowBuilder wf = new WorkflowBuilder().start("s").task("a").task("b").task("c").task("d").task("e").end("end")
                .edge("s", "a").edge("s", "b").edge("a", "c").edge("b", "d").edge("a", "d") // cross edge
                .edge("c", "e").edge("d", "e").edge("e", "end");
        JsonNode r = run(wf, "{}", "{}");
        assertStatuses(r, Map.of("s", "completed", "a", "completed", "b", "completed", "c", "completed",
                "d", "completed", "e", "completed", "end", "completed"));
        assertRanAfter(r, "d", "a", "b");
        assertRanAfter(r, "e", "c", "d");
    }

    @Test
    void conditionInsideParallelBranch_joiningOutsideIt_shouldSkipOnlyTheUntakenSide() {
        WorkflowBuilder wf = new WorkflowBuilder().start("s").task("side").condition("c", "inputs.n", 5)
                .task("t").task("f").task("join").end("end")
                .edge("s", "side").edge("s", "c").edge("c", "t", "true").edge("c", "f", "false")
                .edge("t", "join").edge("f", "join").edge("side", "join").edge("join", "end");
        JsonNode r = run(wf, "{\"n\": 9}", "{}");
        assertStatuses(r, Map.of("s", "completed", "side", "completed", "c", "completed", "t", "completed",
                "f", "skipped", "join", "completed", "end", "completed"));
        assertRanAfter(r, "join", "side", "t", "f");
    }

    @Test
    void errorHandlingStop_whenNodeFails_shouldFailTheExecutionWithTheNodeError() {
        WorkflowBuilder wf = new WorkflowBuilder().start("s").task("a").task("b").end("end")
                .edge("s", "a").edge("a", "b").edge("b", "end");
        JsonNode r = run(wf, "{}", "{\"a\": {\"fail\": \"" + HTTP_FAILED + "\"}}");
        assertEquals("FAILED", r.get("status").asText());
        assertEquals(HTTP_FAILED, r.get("error").asText());
        assertTrue(r.get("calls").path("b").isMissingNode());
    }

    @Test
    void errorHandlingContinue_whenNodeFails_shouldRecordFailureAndRunSuccessors() {
        WorkflowBuilder wf = new WorkflowBuilder().start("s").task("a").task("b").end("end")
                .edge("s", "a").edge("a", "b").edge("b", "end")
                .data("a", "errorHandling", "\"continue\"");
        JsonNode r = run(wf, "{}", "{\"a\": {\"fail\": \"" + HTTP_FAILED + "\"}}");
        assertStatuses(r, Map.of("s", "completed", "a", "failed", "b", "completed", "end", "completed"));
        assertEquals(HTTP_FAILED, r.get("output").get("nodes").get("a").get("error").get("Error").asText());
    }

    @Test
    void errorHandlingFallback_shouldTakeErrorEdgeOnFailureAndNormalEdgeOnSuccess() {
        WorkflowBuilder wf = new WorkflowBuilder().start("s").task("a").task("ok").task("recover").end("end")
                .edge("s", "a").edge("a", "ok").edge("a", "recover", "error").edge("ok", "end").edge("recover", "end")
                .data("a", "errorHandling", "\"fallback\"");
        JsonNode failed = run(wf, "{}", "{\"a\": {\"fail\": \"" + HTTP_FAILED + "\"}}");
        assertStatuses(failed, Map.of("s", "completed", "a", "failed", "ok", "skipped", "recover", "completed", "end", "completed"));
        JsonNode fine = run(wf, "{}", "{}");
        assertStatuses(fine, Map.of("s", "completed", "a", "completed", "ok", "completed", "recover", "skipped", "end", "completed"));
    }

    @Test
    void retryPolicy_shouldRetryRetryableErrorsButNotConfigErrors() {
        WorkflowBuilder wf = new WorkflowBuilder().start("s").task("a").end("end").edge("s", "a").edge("a", "end")
                .settings("{\"retryPolicy\": {\"maxRetries\": 2, \"backoffMs\": 10}}");
        JsonNode flaky = run(wf, "{}", "{\"a\": {\"fail\": \"" + HTTP_FAILED + "\", \"failTimes\": 2}}");
        assertEquals("SUCCEEDED", flaky.get("status").asText(), flaky::toString);
        assertEquals(3, flaky.get("calls").get("a").asInt());
        JsonNode config = run(wf, "{}", "{\"a\": {\"fail\": \"dev.agentflow.core.error.NodeConfigInvalid\"}}");
        assertEquals("FAILED", config.get("status").asText());
        assertEquals(1, config.get("calls").get("a").asInt(), "a config error is not retried");
    }

    @Test
    void endOutputs_shouldMapReferencesAndFormatText() {
        WorkflowBuilder wf = new WorkflowBuilder().start("s").task("a").end("end").edge("s", "a").edge("a", "end");
        ((ObjectNode) wf.json().get("definition").get("nodes").get(2).get("data")).set("config",
                Json.parse("{\"outputs\": {\"raw\": \"{{a.output}}\", \"text\": \"got {{a.output}}!\", \"k\": 7}}"));
        JsonNode r = run(wf, "{\"city\": \"Paris\"}", "{\"a\": {\"output\": \"hello\"}}");
        JsonNode outputs = r.get("output").get("outputs");
        assertEquals("hello", outputs.get("raw").asText());
        assertEquals("got hello!", outputs.get("text").asText());
        assertEquals(7, outputs.get("k").asInt());
    }

    @Test
    void wideFanOut_shouldMergeMoreBranchesThanOnePassMerges() {
        WorkflowBuilder wf = new WorkflowBuilder().start("s").end("end");
        for (int i = 0; i < 20; i++) {
            wf.task("t" + i).edge("s", "t" + i).edge("t" + i, "end");
        }
        JsonNode r = run(wf, "{}", "{}");
        assertEquals("SUCCEEDED", r.get("status").asText(), r::toString);
        JsonNode nodes = r.get("output").get("nodes");
        assertEquals(22, nodes.size());
        for (int i = 0; i < 20; i++) {
            assertEquals("completed", nodes.get("t" + i).get("status").asText());
        }
        List.of("s").forEach(p -> assertTrue(nodes.has(p)));
    }
}
