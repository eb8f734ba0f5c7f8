package dev.agentflow.local.cli.progress;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.local.client.ExecutionEvent;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a run on standard error as its events arrive (issue 7): each node as it starts, streams
 * ({@code node_output} text as it comes) and finishes, with durations; a progress line while waiting; then a
 * line per node state of the execution detail (skipped nodes included) and the outcome, with the error and
 * the failing node on failure. Fed with {@link ExecutionEvent}s and explicit times, so it is tested without
 * a terminal. Not thread-safe: one run loop drives it.
 */
public final class ProgressRenderer {

    /** Without a terminal, a "still running" line after this long without output. */
    public static final long QUIET_PERIOD_MS = 10_000;
    private static final String[] SPINNER_UNICODE = {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};
    private static final String[] SPINNER_ASCII = {"-", "\\", "|", "/"};

    /** A node of the workflow as the definition names it. */
    public record NodeInfo(String id, String type, String label) {
    }

    private final PrintStream err;
    private final Style style;
    private final Map<String, NodeInfo> nodes;
    private final Map<String, Long> running = new LinkedHashMap<>();
    private final Map<String, String> shownFailures = new LinkedHashMap<>();
    private long startedAt = -1;
    private long lastOutputAt;
    private String streaming;
    private boolean midLine;
    private boolean statusShown;
    private int frame;

    /**
     * @param err   where to draw (standard error)
     * @param style terminal or plain
     * @param nodes the workflow's nodes in definition order (labels and types for messages)
     */
    public ProgressRenderer(PrintStream err, Style style, List<NodeInfo> nodes) {
        this.err = err;
        this.style = style;
        this.nodes = new LinkedHashMap<>();
        nodes.forEach(n -> this.nodes.put(n.id(), n));
    }

    /** The first line: what runs, where. */
    public void header(String workflowName, String workflowId, long version, String executionId, String saved, long now) {
        startedAt = now;
        lastOutputAt = now;
        line(bold(glyph("▶", ">>") + " " + workflowName) + dim(" · " + saved + " " + workflowId + " v" + version
                + " · execution " + executionId));
    }

    /** A notice line (e.g. where events come from), dimmed. */
    public void note(String text, long now) {
        lastOutputAt = now;
        line(dim("  " + text));
    }

    /**
     * Draws one event.
     *
     * @param now the current time in ms (any epoch, consistently)
     */
    public void onEvent(ExecutionEvent e, long now) {
        if (startedAt < 0) {
            startedAt = now;
        }
        switch (e.type()) {
            case ExecutionEvent.NODE_STARTED -> {
                running.put(e.nodeId(), now);
                line("  " + cyan(glyph("●", ">")) + " " + name(e) + dim(" started"));
            }
            case ExecutionEvent.NODE_OUTPUT -> stream(e);
            case ExecutionEvent.NODE_COMPLETED -> {
                Long began = running.remove(e.nodeId());
                line("  " + green(glyph("✓", "ok")) + " " + name(e) + " " + dim(duration(e.durationMs(), began, now)));
            }
            case ExecutionEvent.NODE_FAILED -> {
                Long began = running.remove(e.nodeId());
                shownFailures.put(e.nodeId(), errorText(e.errorCode(), e.error()));
                line("  " + red(glyph("✗", "x")) + " " + name(e) + red(" failed") + dim(" after "
                        + duration(e.durationMs(), began, now)) + ": " + errorText(e.errorCode(), e.error()));
            }
            default -> {
                // execution:started / completed / failed / cancelled: the outcome comes with finish()
            }
        }
        lastOutputAt = now;
    }

    /**
     * Called while waiting: in a terminal, redraws the spinner line; otherwise prints a "still running" line
     * after {@link #QUIET_PERIOD_MS} without output.
     */
    public void tick(long now) {
        if (startedAt < 0 || midLine) {
            return;
        }
        String what = running.isEmpty() ? "waiting for the next node"
                : "running " + String.join(", ", running.entrySet().stream()
                        .map(r -> nodeName(r.getKey()) + " (" + seconds(now - r.getValue()) + ")").toList());
        if (style.interactive()) {
            frame++;
            String[] spinner = style.unicode() ? SPINNER_UNICODE : SPINNER_ASCII;
            err.print("\r\033[K" + cyan(spinner[frame % spinner.length]) + " " + seconds(now - startedAt) + dim(" · " + what));
            err.flush();
            statusShown = true;
        } else if (now - lastOutputAt >= QUIET_PERIOD_MS) {
            line(dim("  " + glyph("…", "...") + " " + seconds(now - startedAt) + ": " + what));
            lastOutputAt = now;
        }
    }

    /**
     * Draws the end: one line per node of the execution detail, then the outcome.
     *
     * @param detail the execution detail ({@code GET /api/v1/executions/{id}})
     */
    public void finish(JsonNode detail, long now) {
        endLine();
        String status = detail.path("status").asText("unknown");
        JsonNode states = detail.path("nodes");
        StringBuilder summary = new StringBuilder();
        List<String> notRun = new java.util.ArrayList<>();
        for (String id : orderedIds(states)) {
            if (!states.has(id)) {
                NodeInfo info = nodes.get(id);
                if (info == null || !info.type().equals("start")) { // a failed run records no Pass states
                    notRun.add(id);
                }
                continue;
            }
            JsonNode s = states.path(id);
            String st = s.path("status").asText("unknown");
            if (summary.length() > 0) {
                summary.append(dim(" · "));
            }
            summary.append(id).append(' ').append(switch (st) {
                case "completed" -> green(glyph("✓", "ok"));
                case "failed" -> red(glyph("✗", "failed"));
                case "skipped" -> yellow("skipped");
                default -> st;
            });
            if (s.path("durationMs").isNumber() && !st.equals("skipped")) {
                summary.append(' ').append(dim(millis(s.path("durationMs").asLong())));
            }
        }
        if (!notRun.isEmpty() && !status.equals("completed")) {
            summary.append(dim((summary.length() > 0 ? " · " : "") + "not run: " + String.join(", ", notRun)));
        }
        if (summary.length() > 0) {
            line(dim("  nodes: ") + summary);
        }
        long ms = detail.path("durationMs").isNumber() ? detail.path("durationMs").asLong()
                : startedAt < 0 ? 0 : now - startedAt;
        String tokens = detail.path("tokenUsage").path("total").asLong(0) > 0
                ? dim(" · " + detail.path("tokenUsage").path("total").asLong() + " tokens") : "";
        if (status.equals("completed")) {
            line(green(glyph("✓", "ok") + " completed") + " in " + seconds(ms) + tokens);
        } else {
            String node = detail.path("errorNodeId").asText(null);
            String where = node == null ? "" : " at node " + nodeName(node);
            String code = detail.path("errorCode").asText(null);
            String message = errorText(code, detail.path("errorMessage").asText(null));
            if (node != null && message.equals(shownFailures.get(node)) && code != null) {
                message = code + " (above)";
            }
            line(red(glyph("✗", "x") + " " + status.replace('_', ' ')) + " in " + seconds(ms) + where
                    + (message.isEmpty() ? "" : ": " + message) + tokens);
        }
    }

    /** Clears the spinner line (before the caller prints anything else on stderr). */
    public void clearStatus() {
        if (statusShown) {
            err.print("\r\033[K");
            err.flush();
            statusShown = false;
        }
    }

    private void stream(ExecutionEvent e) {
        String text = e.delta();
        if (text.isEmpty()) {
            return;
        }
        clearStatus();
        if (!e.nodeId().equals(streaming) || !midLine) {
            endLine();
            err.print("    " + dim(glyph("│", "|")) + " ");
            streaming = e.nodeId();
            midLine = true;
        }
        String prefix = "\n    " + dim(glyph("│", "|")) + " ";
        err.print(dim(text.replace("\r\n", "\n").replace("\n", prefix)));
        err.flush();
    }

    private void endLine() {
        clearStatus();
        if (midLine) {
            err.println();
            midLine = false;
            streaming = null;
        }
    }

    private void line(String text) {
        endLine();
        err.println(text);
        err.flush();
    }

    private List<String> orderedIds(JsonNode states) {
        List<String> ids = new java.util.ArrayList<>(nodes.keySet());
        states.fieldNames().forEachRemaining(id -> {
            if (!ids.contains(id)) {
                ids.add(id);
            }
        });
        return ids;
    }

    private String name(ExecutionEvent e) {
        String label = e.nodeName() != null ? e.nodeName() : nodes.containsKey(e.nodeId()) ? nodes.get(e.nodeId()).label() : null;
        return bold(label == null ? e.nodeId() : label) + dim(" (" + e.nodeId() + ")");
    }

    private String nodeName(String id) {
        NodeInfo info = nodes.get(id);
        return info == null || info.label() == null ? id : id + " (" + info.label() + ")";
    }

    private static String errorText(String code, String message) {
        if (code == null || code.isBlank()) {
            return message == null ? "" : message;
        }
        return message == null || message.isBlank() ? code : code + ": " + message;
    }

    private static String duration(Long durationMs, Long began, long now) {
        if (durationMs != null) {
            return millis(durationMs);
        }
        return began == null ? "" : millis(now - began);
    }

    /** {@code 42 ms}, {@code 1.3 s}, {@code 2 min 5 s}. */
    static String millis(long ms) {
        return ms < 1000 ? ms + " ms" : seconds(ms);
    }

    /** {@code 0.4 s}, {@code 12.0 s}, {@code 2 min 5 s}. */
    static String seconds(long ms) {
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return (ms / 60_000) + " min " + (ms % 60_000) / 1000 + " s";
    }

    private String glyph(String unicode, String ascii) {
        return style.unicode() ? unicode : ascii;
    }

    private String ansi(String code, String text) {
        return style.color() ? "\033[" + code + "m" + text + "\033[0m" : text;
    }

    private String bold(String t) {
        return ansi("1", t);
    }

    private String dim(String t) {
        return ansi("2", t);
    }

    private String green(String t) {
        return ansi("32", t);
    }

    private String red(String t) {
        return ansi("31", t);
    }

    private String yellow(String t) {
        return ansi("33", t);
    }

    private String cyan(String t) {
        return ansi("36", t);
    }
}
