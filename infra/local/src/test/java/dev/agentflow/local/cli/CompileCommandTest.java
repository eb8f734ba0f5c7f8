package dev.agentflow.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agentflow compile}: output and exit codes as the CLI contract gives them. */
class CompileCommandTest {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new AgentflowCli().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void compile_whenSampleWorkflow_shouldPrintAslAndExit0() {
        Run r = run("compile", "../../events/workflows/weather-summary.json");
        assertEquals(0, r.code(), r.err());
        JsonNode asl = Json.parse(r.out());
        assertEquals("node_1", asl.get("StartAt").asText());
        assertTrue(asl.get("States").has("node_3"));
    }

    @Test
    void compile_whenBareDefinition_shouldCompile() throws Exception {
        Path f = dir.resolve("bare.json");
        Files.writeString(f, """
                {"nodes": [{"id": "s", "type": "start"}, {"id": "e", "type": "end"}],
                 "edges": [{"source": "s", "target": "e"}]}""");
        Run r = run("compile", f.toString(), "--workflow-id", "wf_9");
        assertEquals(0, r.code(), r.err());
        assertEquals("wf_9", Json.parse(r.out()).at("/States/s/Parameters/execution/workflowId").asText());
    }

    @Test
    void compile_whenInvalidWorkflow_shouldPrintEnvelopeAndExit2() throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"nodes\": [{\"id\": \"a\", \"type\": \"llm\"}], \"edges\": [{\"source\": \"a\", \"target\": \"b\"}]}");
        Run r = run("compile", f.toString());
        assertEquals(2, r.code());
        JsonNode env = Json.parse(r.out());
        assertEquals(false, env.get("success").asBoolean());
        assertEquals("INVALID_WORKFLOW_DEFINITION", env.at("/error/code").asText());
        assertTrue(env.at("/error/details").size() >= 3, r.out());
    }

    @Test
    void compile_whenNotJsonOrMissing_shouldSayOneLineAndExit2() throws Exception {
        Path f = dir.resolve("nope.json");
        Files.writeString(f, "this is { not json");
        Run r = run("compile", f.toString());
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("not valid JSON"));
        Run missing = run("compile", dir.resolve("absent.json").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no such file"));
    }

    @Test
    void help_andUnknownCommand_shouldFollowTheContract() {
        Run help = run();
        assertEquals(0, help.code());
        assertTrue(help.out().contains("compile"));
        assertEquals(0, run("compile", "--help").code());
        assertEquals(2, run("frobnicate").code());
    }
}
