package dev.agentflow.local.cli.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.core.json.Json;
import dev.agentflow.local.client.ExecutionEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The run's drawing, fed with events and explicit times: no terminal, no cloud. */
class ProgressRendererTest {

    private static final List<ProgressRenderer.NodeInfo> NODES = List.of(
            new ProgressRenderer.NodeInfo("start", "start", "Start"),
            new ProgressRenderer.NodeInfo("fetch", "http", "Get weather"),
            new ProgressRenderer.NodeInfo("hot", "template", "Heat alert"),
            new ProgressRenderer.NodeInfo("write", "llm", "Write"),
            new ProgressRenderer.NodeInfo("end", "end", "End"));

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private ProgressRenderer renderer(Style style) {
        return new ProgressRenderer(new PrintStream(bytes, true, StandardCharsets.UTF_8), style, NODES);
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static ExecutionEvent event(String type, long seq, String nodeId, String delta, String error, Long durationMs) {
        return new ExecutionEvent(type, "exec_1", seq, nodeId, null, null,
                delta == null ? null : Json.object().put("delta", delta), error, error == null ? null : "HTTP_REQUEST_FAILED",
                durationMs, null);
    }

    @Test
    void plain_drawsEachNodeStartingStreamingAndFinishing_thenTheSummaryWithSkippedNodes() {
        ProgressRenderer r = renderer(Style.plain());
        r.header("Weather", "wf_1", 2, "exec_1", "updated", 0);
        r.onEvent(event(ExecutionEvent.STARTED, 1, null, null, null, null), 10);
        r.onEvent(event(ExecutionEvent.NODE_STARTED, 2, "fetch", null, null, null), 20);
        r.onEvent(event(ExecutionEvent.NODE_COMPLETED, 3, "fetch", null, null, 42L), 70);
        r.onEvent(event(ExecutionEvent.NODE_STARTED, 4, "write", null, null, null), 80);
        r.onEvent(event(ExecutionEvent.NODE_OUTPUT, 5, "write", "Sunny ", null, null), 90);
        r.onEvent(event(ExecutionEvent.NODE_OUTPUT, 6, "write", "and\nwarm.", null, null), 95);
        r.onEvent(event(ExecutionEvent.NODE_COMPLETED, 7, "write", null, null, null), 1_380);
        JsonNode detail = Json.parse("""
                {"status": "completed", "durationMs": 1400, "tokenUsage": {"total": 30},
                 "nodes": {"start": {"status": "completed"}, "fetch": {"status": "completed", "durationMs": 42},
                           "hot": {"status": "skipped"}, "write": {"status": "completed", "durationMs": 1290},
                           "end": {"status": "completed"}}}""");
        r.finish(detail, 1_400);

        assertEquals("""
                >> Weather · updated wf_1 v2 · execution exec_1
                  > Get weather (fetch) started
                  ok Get weather (fetch) 42 ms
                  > Write (write) started
                    | Sunny and
                    | warm.
                  ok Write (write) 1.3 s
                  nodes: start ok · fetch ok 42 ms · hot skipped · write ok 1.3 s · end ok
                ok completed in 1.4 s · 30 tokens
                """, text());
    }

    @Test
    void failure_namesTheNodeAndTheError_once() {
        ProgressRenderer r = renderer(Style.plain());
        r.header("Weather", "wf_1", 1, "exec_1", "created", 0);
        r.onEvent(event(ExecutionEvent.NODE_STARTED, 2, "fetch", null, null, null), 10);
        r.onEvent(event(ExecutionEvent.NODE_FAILED, 3, "fetch", null, "HTTP 503 from api.example.com", 120L), 130);
        r.onEvent(event(ExecutionEvent.FAILED, 4, "fetch", null, "HTTP 503 from api.example.com", null), 140);
        r.finish(Json.parse("""
                {"status": "failed", "durationMs": 150, "errorNodeId": "fetch", "errorCode": "HTTP_REQUEST_FAILED",
                 "errorMessage": "HTTP 503 from api.example.com",
                 "nodes": {"fetch": {"status": "failed", "durationMs": 120}}}"""), 150);

        String t = text();
        assertTrue(t.contains("  x Get weather (fetch) failed after 120 ms: HTTP_REQUEST_FAILED: HTTP 503 from api.example.com\n"), t);
        assertTrue(t.contains("  nodes: fetch failed 120 ms · not run: hot, write, end\n"), t);
        assertTrue(t.endsWith("x failed in 0.2 s at node fetch (Get weather): HTTP_REQUEST_FAILED (above)\n"), t);
    }

    @Test
    void failureWithoutANodeEvent_printsTheWholeMessage() {
        ProgressRenderer r = renderer(Style.plain());
        r.header("W", "wf_1", 1, "exec_1", "created", 0);
        r.finish(Json.parse("{\"status\": \"timed_out\", \"durationMs\": 300000, \"errorCode\": \"TIMEOUT\","
                + " \"errorMessage\": \"The execution ran longer than 300 s\", \"nodes\": {}}"), 300_000);

        assertTrue(text().endsWith("x timed out in 5 min 0 s: TIMEOUT: The execution ran longer than 300 s\n"), text());
    }

    @Test
    void tick_withoutATerminal_printsAStillRunningLineAfterTheQuietPeriod_only() {
        ProgressRenderer r = renderer(Style.plain());
        r.header("W", "wf_1", 1, "exec_1", "created", 0);
        r.onEvent(event(ExecutionEvent.NODE_STARTED, 2, "write", null, null, null), 1_000);
        r.tick(5_000);
        assertFalse(text().contains("..."), text());

        r.tick(1_000 + ProgressRenderer.QUIET_PERIOD_MS);
        r.tick(1_000 + ProgressRenderer.QUIET_PERIOD_MS + 500);

        assertTrue(text().endsWith("  ... 11.0 s: running write (Write) (10.0 s)\n"), text());
        assertEquals(1, text().split("\\.\\.\\. ", -1).length - 1, "once per quiet period");
    }

    @Test
    void tick_inATerminal_redrawsOneSpinnerLine_clearedBeforeTheNextEvent() {
        ProgressRenderer r = renderer(new Style(true, false, true));
        r.header("W", "wf_1", 1, "exec_1", "created", 0);
        r.onEvent(event(ExecutionEvent.NODE_STARTED, 2, "fetch", null, null, null), 0);
        r.tick(100);
        r.tick(200);
        r.onEvent(event(ExecutionEvent.NODE_COMPLETED, 3, "fetch", null, null, 250L), 250);

        String t = text();
        assertTrue(t.contains("\r\033[K⠙ 0.1 s · running fetch (Get weather) (0.1 s)"), t);
        assertTrue(t.contains("\r\033[K⠹ 0.2 s · running fetch (Get weather) (0.2 s)"), t);
        assertTrue(t.endsWith("\r\033[K  ✓ Get weather (fetch) 250 ms\n"), "the spinner line is cleared first: " + t);
    }

    @Test
    void color_wrapsStatusesInAnsiCodes_plainHasNone() {
        ProgressRenderer colored = renderer(new Style(true, true, true));
        colored.header("W", "wf_1", 1, "exec_1", "created", 0);
        colored.onEvent(event(ExecutionEvent.NODE_COMPLETED, 2, "fetch", null, null, 5L), 5);
        assertTrue(text().contains("\033[32m✓\033[0m"), text());

        bytes.reset();
        ProgressRenderer plain = renderer(Style.plain());
        plain.onEvent(event(ExecutionEvent.NODE_COMPLETED, 2, "fetch", null, null, 5L), 5);
        assertFalse(text().contains("\033["), text());
    }

    @Test
    void styleFromEnvironment_followsTheLauncherTtyFlag_noColor_andTheLocale() {
        assertEquals(new Style(true, true, true), Style.fromEnvironment(java.util.Map.of("AGENTFLOW_STDERR_TTY", "1",
                "LANG", "en_US.UTF-8")));
        assertEquals(new Style(true, false, true), Style.fromEnvironment(java.util.Map.of("AGENTFLOW_STDERR_TTY", "1",
                "NO_COLOR", "1")));
        assertEquals(new Style(false, false, false), Style.fromEnvironment(java.util.Map.of("LANG", "C")));
        assertEquals(new Style(false, false, true), Style.fromEnvironment(java.util.Map.of("AGENTFLOW_STDERR_TTY", "1",
                "TERM", "dumb")));
    }
}
