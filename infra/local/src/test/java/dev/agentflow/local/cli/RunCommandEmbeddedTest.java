package dev.agentflow.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.agentflow.core.json.Json;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agentflow run} with nothing listening at the endpoint: it starts a local cloud in its own process for
 * the run (HTTP API on the endpoint's port, so the sample's sample-data URL reaches it), keeps stdout to the
 * outputs JSON, gives System.out/err back afterwards, and an llm node without any key fails with a message
 * that says how to provide one.
 */
class RunCommandEmbeddedTest {

    @TempDir
    Path dir;

    private RunFixture.Result runEmbedded(String sample, String... inputs) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path file = dir.resolve(sample);
        Files.writeString(file, Files.readString(RunFixture.ROOT.resolve("events/workflows").resolve(sample))
                .replace(RunFixture.SAMPLE_BASE, "http://127.0.0.1:" + port));
        List<String> argv = new java.util.ArrayList<>(List.of(file.toString(), "--endpoint", "http://127.0.0.1:" + port,
                "--in-memory", "--data-dir", dir.resolve("data").toString(),
                "--template", RunFixture.ROOT.resolve("template.yaml").toString()));
        for (String input : inputs) {
            argv.addAll(List.of("--input", input));
        }
        PrintStream out = System.out;
        PrintStream err = System.err;
        RunFixture.Result r = RunFixture.command(new RunCommand(Map.of(), false), argv);
        assertSame(out, System.out, "System.out is given back");
        assertSame(err, System.err, "System.err is given back");
        return r;
    }

    @Test
    void run_withNothingListening_startsALocalCloudForTheRun() throws Exception {
        RunFixture.Result r = runEmbedded("weather-report.json", "city=Reykjavik");

        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("starting a local cloud in this process"), r.err());
        assertEquals("Reykjavik: 4°C, snow, humidity 77%, wind 26 km/h.", Json.parse(r.out()).path("report").asText(),
                "stdout holds only the outputs JSON: " + r.out());
    }

    @Test
    void run_llmNodeWithNoKeyAtAll_failsSayingHowToProvideOne() throws Exception {
        assumeTrue(System.getenv("OPENAI_API_KEY") == null, "this JVM has a platform key in its environment");

        RunFixture.Result r = runEmbedded("weather-summary.json", "city=Tokyo");

        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("at node node_3 (AI summary)"), r.err());
        assertTrue(r.err().contains("No API key for provider 'openai'"), r.err());
        assertTrue(r.err().contains("./agentflow keys add --provider openai"), r.err());
        assertTrue(r.err().contains("OPENAI_API_KEY") && r.err().contains("OPENAI_BASE_URL"), r.err());
        java.util.regex.Matcher log = java.util.regex.Pattern.compile("the local cloud's log: (\\S+)\\)").matcher(r.err());
        assertTrue(log.find(), "a failed run points at the cloud's log: " + r.err());
        Path kept = Path.of(log.group(1));
        assertTrue(Files.readString(kept).contains("NodeLlmFunction"), "the log holds the functions' lines");
        Files.delete(kept);
    }
}
