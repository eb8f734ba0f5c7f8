package dev.agentflow.core.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.WorkflowCompiler;
import dev.agentflow.core.compiler.CompileOptions;
import dev.agentflow.core.error.InvalidWorkflowException;
import dev.agentflow.core.error.Problem;
import dev.agentflow.core.json.Json;
import dev.agentflow.core.testing.WorkflowBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per validation rule: the rule's code, with the offending node or edge id and field. */
class WorkflowValidatorTest {

    private static List<Problem> problems(JsonNode json) {
        InvalidWorkflowException e = assertThrows(InvalidWorkflowException.class,
                () -> WorkflowCompiler.compile(json, CompileOptions.NONE));
        return e.problems();
    }

    private static List<Problem> problems(WorkflowBuilder wf) {
        return problems(wf.json());
    }

    private static Problem only(List<Problem> problems, String code) {
        List<Problem> matching = problems.stream().filter(p -> p.code().equals(code)).toList();
        assertEquals(1, matching.size(), () -> "expected one " + code + " in " + problems);
        return matching.get(0);
    }

    private static WorkflowBuilder linear() {
        return new WorkflowBuilder().start("s").task("a").end("e").edge("s", "a").edge("a", "e");
    }

    @Test
    void validWorkflow_shouldCompile() {
        assertTrue(WorkflowCompiler.compile(linear().json(), CompileOptions.NONE).stateMachine().has("States"));
    }

    @Test
    void noStartNode_shouldBeReported() {
        only(problems(new WorkflowBuilder().task("a").end("e").edge("a", "e")), "NO_START_NODE");
    }

    @Test
    void severalStartNodes_shouldBeReportedOnTheSecond() {
        Problem p = only(problems(linear().start("s2").edge("s2", "a")), "MULTIPLE_START_NODES");
        assertEquals("s2", p.nodeId());
    }

    @Test
    void unreachableNode_shouldBeReported() {
        WorkflowBuilder wf = linear().task("island").task("island2").edge("island", "island2");
        List<Problem> ps = problems(wf);
        assertEquals(2, ps.stream().filter(p -> p.code().equals("UNREACHABLE_NODE")).count(), ps::toString);
    }

    @Test
    void cycle_shouldBeReportedWithItsNodes() {
        WorkflowBuilder wf = new WorkflowBuilder().start("s").task("a").task("b").end("e")
                .edge("s", "a").edge("a", "b").edge("b", "a").edge("b", "e");
        List<Problem> ps = problems(wf);
        List<String> onCycle = ps.stream().filter(p -> p.code().equals("CYCLE_DETECTED")).map(Problem::nodeId).sorted().toList();
        assertEquals(List.of("a", "b"), onCycle);
    }

    @Test
    void danglingEdge_shouldNameTheEdgeAndTheMissingEnd() {
        Problem p = only(problems(linear().edge("a", "ghost")), "DANGLING_EDGE");
        assertEquals("e3", p.edgeId());
        assertEquals("target", p.field());
        assertTrue(p.message().contains("ghost"));
    }

    @Test
    void unknownNodeType_shouldBeReported() {
        Problem p = only(problems(linear().node("x", "teleport", null).edge("a", "x")), "UNKNOWN_NODE_TYPE");
        assertEquals("x", p.nodeId());
    }

    @Test
    void invalidAndDuplicateNodeIds_shouldBeReported() {
        only(problems(linear().node("9lives", "template", "{\"template\": \"x\"}").edge("a", "9lives")), "INVALID_NODE_ID");
        only(problems(linear().task("a")), "DUPLICATE_NODE_ID");
        only(problems(linear().node("inputs", "template", "{\"template\": \"x\"}").edge("a", "inputs")), "INVALID_NODE_ID");
    }

    @Test
    void llm_withoutUserPrompt_shouldBeMissingConfig() {
        WorkflowBuilder wf = new WorkflowBuilder().start("s").node("l", "llm", "{\"model\": \"gpt-4\", \"temperature\": 5}")
                .end("e").edge("s", "l").edge("l", "e");
        List<Problem> ps = problems(wf);
        assertEquals("data.config.userPrompt", only(ps, "MISSING_CONFIG").field());
        assertEquals("data.config.temperature", only(ps, "INVALID_CONFIG").field());
    }

    @Test
    void http_withBadMethodAndUrl_shouldBeInvalidConfig() {
        WorkflowBuilder wf = new WorkflowBuilder().start("s").node("h", "http", "{\"method\": \"FETCH\", \"url\": \"ftp://x\"}")
                .end("e").edge("s", "h").edge("h", "e");
        List<Problem> ps = problems(wf);
        assertEquals(List.of("data.config.method", "data.config.url"),
                ps.stream().filter(p -> p.code().equals("INVALID_CONFIG")).map(Problem::field).sorted().toList());
        only(problems(new WorkflowBuilder().start("s").node("h", "http", "{}").end("e").edge("s", "h").edge("h", "e")),
                "MISSING_CONFIG");
    }

    @Test
    void http_withTemplatedUrl_shouldBeAccepted() {
        WorkflowBuilder wf = new WorkflowBuilder().start("s").node("h", "http", "{\"url\": \"{{inputs.url}}\"}")
                .node("h2", "http", "{\"url\": \"https://api.example.com/{{h.output.body.id}}\", \"method\": \"post\"}")
                .end("e").edge("s", "h").edge("h", "h2").edge("h2", "e");
        WorkflowCompiler.compile(wf.json(), CompileOptions.NONE);
    }

    @Test
    void templateVariableCondition_configs_shouldBeChecked() {
        only(problems(new WorkflowBuilder().start("s").node("t", "template", "{\"template\": 3}").end("e")
                .edge("s", "t").edge("t", "e")), "INVALID_CONFIG");
        only(problems(new WorkflowBuilder().start("s").node("v", "variable", "{\"name\": \"x\"}").end("e")
                .edge("s", "v").edge("v", "e")), "MISSING_CONFIG");
        WorkflowBuilder cond = new WorkflowBuilder().start("s")
                .node("c", "condition", "{\"conditions\": [{\"left\": \"{{inputs.a}}\", \"operator\": \"~=\", \"right\": 1}]}")
                .task("t").task("f").edge("s", "c").edge("c", "t", "true").edge("c", "f", "false");
        assertEquals("data.config.conditions[0].operator", only(problems(cond), "INVALID_CONFIG").field());
    }

    @Test
    void condition_withoutBothBranches_shouldBeReported() {
        WorkflowBuilder wf = new WorkflowBuilder().start("s").condition("c", "inputs.n", 1).task("t").end("e")
                .edge("s", "c").edge("c", "t", "true").edge("t", "e");
        Problem p = only(problems(wf), "CONDITION_BRANCH_MISSING");
        assertEquals("c", p.nodeId());
        assertTrue(p.message().contains("false"));
    }

    @Test
    void conditionEdge_withoutHandle_andErrorEdge_withoutFallback_shouldBeInvalidHandles() {
        WorkflowBuilder wf = new WorkflowBuilder().start("s").condition("c", "inputs.n", 1).task("t").task("f").task("x").end("e")
                .edge("s", "c").edge("c", "t", "true").edge("c", "f", "false").edge("c", "x")
                .edge("t", "e").edge("f", "e").edge("x", "e", "error");
        List<Problem> ps = problems(wf);
        assertEquals(2, ps.stream().filter(p -> p.code().equals("INVALID_EDGE_HANDLE")).count(), ps::toString);
    }

    @Test
    void dataWhen_shouldLabelConditionBranches() {
        ObjectNode json = new WorkflowBuilder().start("s").condition("c", "inputs.n", 1).task("t").task("f").end("e")
                .edge("s", "c").edge("c", "t").edge("c", "f").edge("t", "e").edge("f", "e").json();
        ((ObjectNode) json.get("definition").get("edges").get(1)).putObject("data").put("when", true);
        ((ObjectNode) json.get("definition").get("edges").get(2)).putObject("data").put("when", false);
        WorkflowCompiler.compile(json, CompileOptions.NONE);
    }

    @Test
    void references_toUnknownOrDownstreamNodes_shouldBeInvalid() {
        WorkflowBuilder wf = new WorkflowBuilder().start("s")
                .node("a", "template", "{\"template\": \"{{ b.output.text }} and {{ ghost.output }} and {{ inputs.x }}\"}")
                .node("b", "template", "{\"template\": \"{{ a.output.text }} {% for i in a.output.items %}{{ i.name | upper }}{% endfor %}\"}")
                .end("e").edge("s", "a").edge("a", "b").edge("b", "e");
        List<Problem> ps = problems(wf);
        List<String> msgs = ps.stream().filter(p -> p.code().equals("INVALID_REFERENCE")).map(Problem::message).toList();
        assertEquals(2, msgs.size(), ps::toString);
        assertTrue(msgs.stream().anyMatch(m -> m.contains("'b'") && m.contains("not upstream")), msgs::toString);
        assertTrue(msgs.stream().anyMatch(m -> m.contains("ghost")), msgs::toString);
        assertEquals("a", ps.get(0).nodeId());
    }

    @Test
    void settings_outOfRange_shouldBeInvalidSetting() {
        List<Problem> ps = problems(linear().settings("{\"timeout\": -1, \"retryPolicy\": {\"maxRetries\": 99}, \"errorHandling\": \"ignore\"}"));
        assertEquals(3, ps.stream().filter(p -> p.code().equals("INVALID_SETTING")).count(), ps::toString);
    }

    @Test
    void reservedConfigKey_shouldBeReported() {
        WorkflowBuilder wf = new WorkflowBuilder().start("s")
                .node("h", "http", "{\"url\": \"https://x.example\", \"headers\": {\"a.$\": \"$.secret\"}}")
                .end("e").edge("s", "h").edge("h", "e");
        assertEquals("data.config.headers.a.$", only(problems(wf), "RESERVED_CONFIG_KEY").field());
    }

    @Test
    void malformedShapes_shouldBeReportedNotThrown() {
        for (String text : List.of("[]", "{}", "{\"definition\": 3}", "{\"nodes\": {}, \"edges\": []}",
                "{\"nodes\": [1, {\"type\": \"start\"}], \"edges\": [{\"source\": 1}]}")) {
            List<Problem> ps = problems(Json.parse(text));
            assertTrue(ps.stream().anyMatch(p -> p.code().equals("MALFORMED_DEFINITION") || p.code().equals("NO_START_NODE")),
                    () -> text + " -> " + ps);
        }
    }

    @Test
    void everyProblem_shouldBeReportedAtOnce_inTheEnvelope() {
        WorkflowBuilder wf = new WorkflowBuilder().task("a").node("h", "http", "{}").edge("a", "zzz");
        InvalidWorkflowException e = assertThrows(InvalidWorkflowException.class,
                () -> WorkflowCompiler.compile(wf.json(), CompileOptions.NONE));
        JsonNode env = e.envelope();
        assertEquals(false, env.get("success").asBoolean());
        assertEquals("INVALID_WORKFLOW_DEFINITION", env.get("error").get("code").asText());
        assertTrue(env.get("error").get("details").size() >= 3, env::toString);
    }
}
