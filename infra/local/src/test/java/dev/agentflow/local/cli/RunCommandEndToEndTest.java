package dev.agentflow.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.local.client.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 7: every sample of events/workflows through {@code agentflow run}'s code path ({@link RunCommand} in
 * process) against the local cloud with the real handlers, the samples' data from the cloud's
 * {@code /sample-data/} routes, a scripted OpenAI-compatible server as the LLM and a loopback data server for
 * failures. Each case checks the exit code, the outputs printed on stdout, and the per-node states of the
 * execution detail, skipped nodes on the branch not taken included.
 */
class RunCommandEndToEndTest {

    /** The samples the cases below run; a new sample without a case fails {@link #everySample_hasACase()}. */
    private static final Set<String> COVERED = Set.of("weather-report.json", "weather-summary.json",
            "temperature-alert.json", "greeting.json", "product-selection.json", "research-digest.json");
    private static final Pattern EXECUTION = Pattern.compile("execution (exec_[A-Za-z0-9]+)");

    private static RunFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new RunFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    private static JsonNode detail(String user, RunFixture.Result r) {
        Matcher m = EXECUTION.matcher(r.err());
        assertTrue(m.find(), "the header names the execution: " + r.err());
        return new ApiClient(f.cloud.httpApiEndpoint(), f.token(user)).execution(m.group(1));
    }

    private static void assertNodes(JsonNode detail, Map<String, String> expected) {
        Map<String, String> actual = new java.util.TreeMap<>();
        detail.path("nodes").fields().forEachRemaining(e -> actual.put(e.getKey(), e.getValue().path("status").asText()));
        assertEquals(new java.util.TreeMap<>(expected), actual, () -> "node states of " + detail);
    }

    private static String why(RunFixture.Result r) {
        return "exit " + r.exit() + "\nstdout:\n" + r.out() + "\nstderr:\n" + r.err() + "\ncloud log tail:\n"
                + tail(f.log.toString());
    }

    private static String tail(String s) {
        return s.length() < 4000 ? s : s.substring(s.length() - 4000);
    }

    @Test
    void everySample_hasACase() throws Exception {
        try (Stream<Path> files = Files.list(RunFixture.ROOT.resolve("events/workflows"))) {
            Set<String> samples = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(new TreeSet<>(COVERED), samples, "every sample in events/workflows has an end-to-end case here");
        }
    }

    @Test
    void weatherReport_mildCity_completes_printsTheReport_andSkipsTheOtherBranches() throws Exception {
        RunFixture.Result r = f.run("ann", f.sample("weather-report.json"), "--input", "city=Oslo");

        assertEquals(0, r.exit(), () -> why(r));
        JsonNode out = r.json();
        assertEquals("Oslo: 12°C, cloudy, humidity 71%, wind 18 km/h.", out.path("report").asText(), r.out());
        assertTrue(out.path("alert").isNull() && out.path("fallback").isNull(), r.out());
        assertNodes(detail("ann", r), Map.of("start", "completed", "weather", "completed", "reading", "completed",
                "is_hot", "completed", "report", "completed", "alert", "skipped", "unavailable", "skipped", "end", "completed"));
        assertTrue(r.err().contains("Get weather (weather)") && r.err().contains("completed in"), r.err());
        assertTrue(r.err().contains("alert skipped") && r.err().contains("unavailable skipped"), r.err());
        assertFalse(r.err().contains("polling"), "events came over the WebSocket the cloud announces: " + r.err());
    }

    @Test
    void weatherReport_hotCity_takesTheAlertBranch() throws Exception {
        RunFixture.Result r = f.run("ann", f.sample("weather-report.json"), "--input", "{\"city\": \"Dubai\"}");

        assertEquals(0, r.exit(), () -> why(r));
        assertEquals("Heat alert for Dubai: 38°C and sunny. Stay in the shade.", r.json().path("alert").asText());
        assertNodes(detail("ann", r), Map.of("start", "completed", "weather", "completed", "reading", "completed",
                "is_hot", "completed", "alert", "completed", "report", "skipped", "unavailable", "skipped", "end", "completed"));
    }

    @Test
    void weatherReport_unknownCity_failsTheHttpNode_andErrorHandlingFallbackTakesTheFallbackBranch() throws Exception {
        RunFixture.Result r = f.run("ann", f.sample("weather-report.json"), "--input", "city=Atlantis");

        assertEquals(0, r.exit(), () -> why(r));
        assertTrue(r.json().path("fallback").asText().startsWith("No weather data for Atlantis"), r.out());
        JsonNode d = detail("ann", r);
        assertNodes(d, Map.of("start", "completed", "weather", "failed", "unavailable", "completed", "reading", "skipped",
                "is_hot", "skipped", "alert", "skipped", "report", "skipped", "end", "completed"));
        assertEquals("completed", d.path("status").asText());
        assertTrue(r.err().contains("HTTP_REQUEST_FAILED") && r.err().contains("404"), "the node's failure is shown: " + r.err());
    }

    @Test
    void weatherSummary_withTheLlm_completesWithItsAnswer() throws Exception {
        f.answer.set("Paris is sunny at 19 degrees.");
        f.llmRequests.clear();
        RunFixture.Result r = f.run("bob", f.sample("weather-summary.json"), "--input", "city=Paris");

        assertEquals(0, r.exit(), () -> why(r));
        assertEquals("Paris is sunny at 19 degrees.", r.json().path("result").asText());
        assertNodes(detail("bob", r), Map.of("node_1", "completed", "node_2", "completed", "node_3", "completed",
                "node_4", "completed"));
        String prompt = f.llmRequests.peek().toString();
        assertTrue(prompt.contains("Paris") && prompt.contains("\\\"temperature\\\":19"), "the prompt carries the sample data: " + prompt);
        assertTrue(r.err().contains("30 tokens"), r.err());
    }

    @Test
    void weatherSummary_whenTheLlmRejectsTheKey_failsWithErrorHandlingStop_exit1_namingTheNode() throws Exception {
        f.llmStatus.set(401);
        try {
            RunFixture.Result r = f.run("bob", f.sample("weather-summary.json"), "--input", "city=Paris");

            assertEquals(1, r.exit(), () -> why(r));
            assertEquals("", r.out().trim(), "no outputs on stdout for a failed run");
            JsonNode d = detail("bob", r);
            assertEquals("failed", d.path("status").asText(), d::toString);
            assertEquals("node_3", d.path("errorNodeId").asText(), d::toString);
            assertEquals("failed", d.at("/nodes/node_3/status").asText());
            assertEquals("completed", d.at("/nodes/node_2/status").asText());
            assertTrue(r.err().contains("failed") && r.err().contains("at node node_3 (AI summary)"), r.err());
            assertTrue(r.err().contains("LLM_AUTH_ERROR"), r.err());
        } finally {
            f.llmStatus.set(200);
        }
    }

    @Test
    void temperatureAlert_takesTheBranchTheTemperatureSelects() throws Exception {
        RunFixture.Result hot = f.run("cat", f.sample("temperature-alert.json"), "--input", "city=Cairo");
        RunFixture.Result mild = f.run("cat", f.sample("temperature-alert.json"), "--input", "city=London");

        assertEquals(0, hot.exit(), () -> why(hot));
        assertEquals(0, mild.exit(), () -> why(mild));
        assertEquals("HEAT ALERT for Cairo: 33°C. Stay indoors.", hot.json().path("alert").path("text").asText(), hot.out());
        assertEquals("London is a pleasant 14°C.", mild.json().path("normal").path("text").asText(), mild.out());
        assertNodes(detail("cat", hot), Map.of("start", "completed", "weather", "completed", "is_hot", "completed",
                "alert", "completed", "normal", "skipped", "end", "completed"));
        assertNodes(detail("cat", mild), Map.of("start", "completed", "weather", "completed", "is_hot", "completed",
                "alert", "skipped", "normal", "completed", "end", "completed"));
    }

    @Test
    void greeting_runsWithNoNetwork_andKeyValueInputsAreTyped() throws Exception {
        RunFixture.Result r = f.run("dan", f.sample("greeting.json"), "--input", "name=ada lovelace", "--input", "hour=9");

        assertEquals(0, r.exit(), () -> why(r));
        assertEquals("Good morning, Ada Lovelace!", r.json().path("morning").path("text").asText(), r.out());
        assertNodes(detail("dan", r), Map.of("start", "completed", "profile", "completed", "is_morning", "completed",
                "morning", "completed", "later", "skipped", "end", "completed"));
    }

    @Test
    void productSelection_enoughProducts_runsThePipeline_tooFew_skipsIt() throws Exception {
        RunFixture.Result many = f.run("eve", f.sample("product-selection.json"), "--input", "limit=150");
        RunFixture.Result few = f.run("eve", f.sample("product-selection.json"), "--input", "limit=50");

        assertEquals(0, many.exit(), () -> why(many));
        assertEquals(150, many.json().path("count").asInt(), many.out());
        assertTrue(many.json().path("csv").asText().startsWith("product,score\np1,0.93\n"), many.out());
        assertNodes(detail("eve", many), Map.of("start", "completed", "scrape", "completed", "count", "completed",
                "check_count", "completed", "process_images", "completed", "calculate_similarity", "completed",
                "export_results", "completed", "end", "completed"));
        assertEquals(0, few.exit(), () -> why(few));
        assertEquals(50, few.json().path("count").asInt(), few.out());
        assertTrue(few.json().path("csv").isNull(), few.out());
        assertNodes(detail("eve", few), Map.of("start", "completed", "scrape", "completed", "count", "completed",
                "check_count", "completed", "process_images", "skipped", "calculate_similarity", "skipped",
                "export_results", "skipped", "end", "completed"));
    }

    @Test
    void researchDigest_streamsTheSummaryLive_andContinuesPastAFailedSource() throws Exception {
        f.answer.set("Line one about fusion.\nLine two.");
        f.dataStatus.set(503);
        RunFixture.Result r = f.run("fay", f.sample("research-digest.json",
                        f.cloud.httpApiEndpoint() + "/sample-data/papers", f.dataUrl() + "/papers"),
                "--input", "topic=fusion");

        assertEquals(0, r.exit(), () -> why(r));
        assertEquals("Line one about fusion.\nLine two.", r.json().path("summary").asText(), r.out());
        assertTrue(r.json().path("digest").asText().contains("News 1 on fusion"), r.out());
        assertTrue(r.json().path("digest").asText().contains("Papers status: failed"), r.out());
        JsonNode d = detail("fay", r);
        assertNodes(d, Map.of("start", "completed", "news", "completed", "papers", "failed",
                "stats", "completed", "digest", "completed", "summary", "completed", "end", "completed"));
        assertEquals(2, d.at("/nodes/papers/attempts").asInt(), "retried once (settings.retryPolicy), then continued: " + d);
        assertTrue(r.err().contains("│ Line one about fusion.\n    │ Line two.\n"),
                "the streamed text is shown as it comes: " + r.err());
    }

    @Test
    void runningAFileAgain_reusesTheWorkflow_andAChangedFileUpdatesIt() throws Exception {
        Path file = f.sample("greeting.json");
        RunFixture.Result first = f.run("gus", file, "--input", "name=x", "--input", "hour=20");
        RunFixture.Result again = f.run("gus", file, "--input", "name=x", "--input", "hour=20");
        Files.writeString(file, Files.readString(file).replace("Good morning", "Top of the morning"));
        RunFixture.Result changed = f.run("gus", file, "--input", "name=x", "--input", "hour=8");

        assertEquals(0, first.exit(), () -> why(first));
        assertTrue(first.err().contains("created wf_") && first.err().contains(" v1 "), first.err());
        assertTrue(again.err().contains("unchanged wf_") && again.err().contains(" v1 "), again.err());
        assertTrue(changed.err().contains("updated wf_") && changed.err().contains(" v2 "), changed.err());
        assertEquals("Top of the morning, X!", changed.json().path("morning").path("text").asText(), changed.out());
        assertEquals("Good evening, X!", first.json().path("later").path("text").asText(), first.out());
        assertEquals(1, new ApiClient(f.cloud.httpApiEndpoint(), f.token("gus")).get("/api/v1/workflows")
                .path("items").size(), "one workflow, updated in place");
    }

    @Test
    void withoutAReachableWebSocket_theEventsArePolled_andTheRunStillShowsEveryNode() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        RunFixture.Result r = f.run("jo", f.sample("temperature-alert.json"), "--input", "city=Sydney",
                "--ws-endpoint", "ws://127.0.0.1:" + closed);

        assertEquals(0, r.exit(), () -> why(r));
        assertTrue(r.err().contains("polling the events endpoint instead"), r.err());
        assertTrue(r.err().contains("Get weather (weather) started") && r.err().contains("Normal report (normal)"), r.err());
        assertEquals("Sydney is a pleasant 22°C.", r.json().path("normal").path("text").asText(), r.out());
    }

    @Test
    void detail_printsTheWholeExecutionDetail() throws Exception {
        RunFixture.Result r = f.run("hal", f.sample("greeting.json"), "--input", "name=kim", "--input", "hour=13", "--detail");

        assertEquals(0, r.exit(), () -> why(r));
        JsonNode d = r.json();
        assertEquals("completed", d.path("status").asText());
        assertEquals("Good afternoon, Kim!", d.at("/outputs/later/text").asText(), r.out());
        assertEquals("skipped", d.at("/nodes/morning/status").asText());
    }

    @Test
    void badInput_exits2_beforeAnythingRuns() throws Exception {
        Path invalid = Files.writeString(f.work.resolve("cycle.json"), """
                {"name": "Cycle", "definition": {"nodes": [
                  {"id": "s", "type": "start", "data": {}},
                  {"id": "a", "type": "template", "data": {"config": {"template": "x"}}},
                  {"id": "b", "type": "template", "data": {"config": {"template": "y"}}}],
                 "edges": [{"source": "s", "target": "a"}, {"source": "a", "target": "b"}, {"source": "b", "target": "a"}]}}
                """);
        Path notJson = Files.writeString(f.work.resolve("broken.json"), "{\"name\": ");

        RunFixture.Result missingInput = f.run("ivy", f.sample("weather-report.json"));
        RunFixture.Result badInput = f.run("ivy", f.sample("weather-report.json"), "--input", "city");
        RunFixture.Result cycle = f.run("ivy", invalid);
        RunFixture.Result broken = f.run("ivy", notJson);
        RunFixture.Result unknownOption = f.run("ivy", invalid, "--frobnicate");
        RunFixture.Result noFile = f.run("ivy", f.work.resolve("nope.json"));

        assertEquals(2, missingInput.exit(), () -> why(missingInput));
        assertTrue(missingInput.err().contains("reads input city: pass --input city=…"), missingInput.err());
        assertEquals(2, badInput.exit());
        assertTrue(badInput.err().contains("--input wants a JSON object or key=value"), badInput.err());
        assertEquals(2, cycle.exit(), () -> why(cycle));
        assertTrue(cycle.err().contains("CYCLE_DETECTED"), cycle.err());
        assertEquals(2, broken.exit());
        assertTrue(broken.err().contains("is not valid JSON"), broken.err());
        assertEquals(2, unknownOption.exit());
        assertEquals(2, noFile.exit());
        assertTrue(noFile.err().contains("no such file"), noFile.err());
        assertEquals(0, new ApiClient(f.cloud.httpApiEndpoint(), f.token("ivy")).get("/api/v1/workflows").path("items").size(),
                "nothing was saved");
        assertNotEquals("", missingInput.err());
        assertFalse(Stream.of(missingInput, badInput, cycle, broken, unknownOption, noFile).anyMatch(r -> !r.out().isEmpty()),
                "nothing on stdout");
    }
}
