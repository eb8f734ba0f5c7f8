package dev.agentflow.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;
import dev.agentflow.local.LocalCloudOptions;
import dev.agentflow.local.cli.progress.ProgressRenderer;
import dev.agentflow.local.cli.progress.Style;
import dev.agentflow.local.client.ApiException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code agentflow run FILE [--input …] [--endpoint URL]} (issue 7): saves the workflow through the HTTP API
 * (created, or updated when a workflow of the same name differs: {@link WorkflowSaver}), executes it, follows
 * its events over the WebSocket API and draws them on stderr ({@link ProgressRenderer}), then prints the final
 * outputs as JSON on stdout, so {@code | jq} works. With nothing listening at a loopback endpoint it starts an
 * embedded local cloud for the run ({@link ApiConnection}).
 *
 * <p>Exit codes: 0 completed; 1 failed, cancelled, timed out, or the API could not be reached; 2 bad input
 * (unreadable or invalid workflow file, bad {@code --input}, missing inputs the workflow reads, unknown option).
 */
public final class RunCommand implements Command {

    private final Map<String, String> env;
    private final boolean cancelOnExit;

    /** The CLI's {@code run}: reads the process environment; Ctrl-C cancels the execution it watches. */
    public RunCommand() {
        this(System.getenv(), true);
    }

    /**
     * @param env          environment (AGENTFLOW_TOKEN, AGENTFLOW_HOME, AGENTFLOW_STDERR_TTY, NO_COLOR…)
     * @param cancelOnExit whether a JVM shutdown (Ctrl-C) cancels the running execution
     */
    public RunCommand(Map<String, String> env, boolean cancelOnExit) {
        this.env = env;
        this.cancelOnExit = cancelOnExit;
    }

    @Override
    public String name() {
        return "run";
    }

    @Override
    public String summary() {
        return "Save and run a workflow file, showing its progress live; outputs JSON on stdout";
    }

    @Override
    public String usage() {
        return """
                Usage: ./agentflow run FILE [--input JSON | --input key=value ...] [OPTIONS]

                Saves the workflow in FILE through the HTTP API (created, or updated when a workflow of the same
                name differs), executes it, shows each node as it starts, streams and finishes on stderr, and
                prints the final outputs as JSON on stdout. When nothing listens at the endpoint (and it is on this
                machine), a local cloud is started in this process for the run.

                  ./agentflow run events/workflows/weather-report.json --input city=Oslo
                  ./agentflow run events/workflows/greeting.json --input '{"name": "ada", "hour": 9}' | jq -r .greeting

                Options:
                  --input JSON|key=value  execution inputs, repeatable: a JSON object, or key=value where the value
                                          is read as JSON when it is a number, boolean, null, object, array or quoted
                                          string (hour=9 is a number), else as text
                  --endpoint URL          the HTTP API (default http://127.0.0.1:3000, ./agentflow up's)
                  --ws-endpoint URL       the WebSocket API (default: what the local cloud announces; without one,
                                          events are polled from the HTTP API)
                  --token T               bearer token (default $AGENTFLOW_TOKEN, else a local token for --user)
                  --user ID               the user of a local token (default dev)
                  --data-dir PATH         the local cloud's data directory: token key, and the data of a cloud
                                          started for the run (default ~/.agentflow/local)
                  --in-memory             a cloud started for the run keeps nothing on disk
                  --template PATH         the SAM template of a cloud started for the run (default the repository's)
                  --timeout SECONDS       stop waiting after this long (exit 1; the execution goes on)
                  --detail                print the whole execution detail on stdout instead of the outputs
                  --verbose               a cloud started for the run logs to stderr (default: a temporary file,
                                          kept and named when the run fails)

                LLM nodes use the platform key from OPENAI_API_KEY (and OPENAI_BASE_URL for any OpenAI-compatible
                server) in the environment of the local cloud, or a key stored with ./agentflow keys add.

                Exit codes: 0 completed; 1 failed, cancelled, timed out, or the API unreachable; 2 bad input.
                """;
    }

    /** Parsed options. */
    private record Options(Path file, List<String> inputs, URI endpoint, URI webSocket, String token, String user,
                           Path dataDir, boolean inMemory, Path template, Duration timeout, boolean detail,
                           boolean verbose) {
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("agentflow run: " + e.getMessage());
            return 2;
        }
        JsonNode workflow;
        ObjectNode inputs;
        try {
            workflow = read(o.file());
            inputs = InputArgs.parse(o.inputs());
        } catch (IllegalArgumentException e) {
            err.println("agentflow run: " + e.getMessage());
            return 2;
        }
        Set<String> missing = InputArgs.missing(InputArgs.required(workflow), inputs);
        if (!missing.isEmpty()) {
            err.println("agentflow run: the workflow reads input" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                    + ": pass " + String.join(" ", missing.stream().map(m -> "--input " + m + "=…").toList()));
            return 2;
        }
        ApiConnection.Options connect = new ApiConnection.Options(o.endpoint(), o.webSocket(), o.token(), o.user(),
                o.dataDir(), o.inMemory(), o.template(), o.verbose());
        try (ApiConnection connection = ApiConnection.open(connect, err, env)) {
            return runOn(connection, workflow, inputs, o, out, err);
        } catch (ApiException e) {
            err.println("agentflow run: " + e.getMessage() + hint(e, o.endpoint()));
            return e.status() >= 400 && e.status() < 500 && e.status() != 401 && e.status() != 403 ? 2 : 1;
        } catch (IllegalArgumentException e) {
            err.println("agentflow run: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("agentflow run: interrupted");
            return 1;
        }
    }

    private int runOn(ApiConnection c, JsonNode workflow, ObjectNode inputs, Options o, PrintStream out, PrintStream err)
            throws InterruptedException {
        WorkflowSaver.Saved saved;
        try {
            saved = new WorkflowSaver(c.api).save(workflow, o.file().getFileName().toString().replaceAll("\\.json$", ""));
        } catch (ApiException e) {
            if ("INVALID_WORKFLOW_DEFINITION".equals(e.code()) || "VALIDATION_ERROR".equals(e.code())) {
                err.println("agentflow run: " + o.file() + " is not a valid workflow: " + e.getMessage());
                if (e.details() != null) {
                    for (JsonNode d : e.details().isArray() ? e.details() : Json.MAPPER.createArrayNode().add(e.details())) {
                        err.println("  - " + describeProblem(d));
                    }
                }
                return 2;
            }
            throw e;
        }
        ProgressRenderer renderer = new ProgressRenderer(err, Style.fromEnvironment(env), nodes(workflow));
        WorkflowRun run = new WorkflowRun(c.api, c.webSocket, HttpClient.newHttpClient(), System::currentTimeMillis);
        Thread hook = cancelOnExit ? cancelHook(run, c) : null;
        try {
            WorkflowRun.Outcome outcome = run.execute(saved, inputs, renderer, o.timeout());
            if (outcome.timedOut()) {
                err.println("agentflow run: stopped waiting after " + o.timeout().toSeconds() + " s; execution "
                        + outcome.executionId() + " goes on (GET /api/v1/executions/" + outcome.executionId() + ")");
            } else if (outcome.exitCode() != 0 && c.embedded() != null && c.keepLog() != null) {
                err.println("  (the local cloud's log: " + c.keepLog() + ")");
            }
            if (o.detail()) {
                out.println(Json.pretty(outcome.detail()));
            } else if (outcome.exitCode() == 0) {
                JsonNode outputs = outcome.detail().path("outputs");
                out.println(Json.pretty(outputs.isMissingNode() ? Json.object() : outputs));
            }
            out.flush();
            return outcome.exitCode();
        } finally {
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running
                }
            }
        }
    }

    /** A next step for errors that usually mean the endpoint is not what the user thinks. */
    private static String hint(ApiException e, URI endpoint) {
        if (e.status() == 404 || "NOT_JSON".equals(e.code())) {
            return " (is " + endpoint + " an AgentFlow HTTP API? Start one with ./agentflow up, or pass --endpoint URL)";
        }
        if (e.status() == 401 || e.status() == 403) {
            return " (the token was refused: ./agentflow up and ./agentflow run must share --data-dir, or pass --token)";
        }
        return "";
    }

    /** On Ctrl-C: cancels the execution being watched, when the API is another process's. */
    private static Thread cancelHook(WorkflowRun run, ApiConnection c) {
        if (c.embedded() != null) {
            return null; // the execution stops with this process
        }
        Thread hook = new Thread(() -> {
            String id = run.runningExecution();
            if (id != null) {
                try {
                    c.api.cancel(id);
                    System.err.println("\nagentflow run: cancelled execution " + id);
                } catch (RuntimeException e) {
                    // it may have ended meanwhile
                }
            }
        }, "agentflow-run-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    private static String describeProblem(JsonNode d) {
        StringBuilder b = new StringBuilder();
        if (d.path("code").isTextual()) {
            b.append(d.path("code").asText());
        }
        if (d.path("nodeId").isTextual()) {
            b.append(" (node ").append(d.path("nodeId").asText()).append(')');
        }
        if (d.path("field").isTextual()) {
            b.append(" (field ").append(d.path("field").asText()).append(')');
        }
        if (d.path("message").isTextual()) {
            b.append(b.length() > 0 ? ": " : "").append(d.path("message").asText());
        }
        return b.length() == 0 ? d.toString() : b.toString();
    }

    private static List<ProgressRenderer.NodeInfo> nodes(JsonNode workflow) {
        JsonNode nodes = workflow.has("definition") ? workflow.path("definition").path("nodes") : workflow.path("nodes");
        List<ProgressRenderer.NodeInfo> out = new ArrayList<>();
        for (JsonNode n : nodes) {
            out.add(new ProgressRenderer.NodeInfo(n.path("id").asText(), n.path("type").asText(),
                    n.path("data").path("label").asText(null)));
        }
        return out;
    }

    private static JsonNode read(Path file) {
        String text;
        try {
            text = file.toString().equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        JsonNode json;
        try {
            json = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is not valid JSON: " + e.getMessage());
        }
        if (!json.isObject() || !(json.has("definition") || json.has("nodes"))) {
            throw new IllegalArgumentException(file + " holds no workflow: expected {\"name\", \"definition\": {\"nodes\","
                    + " \"edges\"}} or {\"nodes\", \"edges\"}");
        }
        return json;
    }

    private Options parse(List<String> args) {
        Path file = null;
        List<String> inputs = new ArrayList<>();
        URI endpoint = ApiConnection.DEFAULT_ENDPOINT;
        URI ws = null;
        String token = null;
        String user = "dev";
        Path dataDir = LocalCloudOptions.defaultDataDirectory();
        boolean inMemory = false;
        Path template = null;
        Duration timeout = null;
        boolean detail = false;
        boolean verbose = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--input", "-i" -> inputs.add(value(args, ++i, a));
                case "--endpoint" -> endpoint = url(value(args, ++i, a), a, "http", "https");
                case "--ws-endpoint" -> ws = url(value(args, ++i, a), a, "ws", "wss");
                case "--token" -> token = value(args, ++i, a);
                case "--user" -> user = value(args, ++i, a);
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, a));
                case "--in-memory" -> inMemory = true;
                case "--template" -> template = Path.of(value(args, ++i, a));
                case "--timeout" -> timeout = seconds(value(args, ++i, a));
                case "--detail" -> detail = true;
                case "--verbose" -> verbose = true;
                default -> {
                    if (a.startsWith("-") && !a.equals("-")) {
                        throw new IllegalArgumentException("unknown option '" + a + "'. See './agentflow run --help'.");
                    }
                    if (file != null) {
                        throw new IllegalArgumentException("one FILE only (got " + file + " and " + a
                                + "). See './agentflow run --help'.");
                    }
                    file = Path.of(a);
                }
            }
        }
        if (file == null) {
            throw new IllegalArgumentException("missing FILE, e.g. ./agentflow run events/workflows/weather-report.json"
                    + " --input city=Oslo. See './agentflow run --help'.");
        }
        if (user.isBlank() || user.length() > 128 || user.contains("#")) {
            throw new IllegalArgumentException("--user must be 1 to 128 characters without '#'");
        }
        return new Options(file, inputs, endpoint, ws, token, user, dataDir, inMemory, template, timeout, detail, verbose);
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }

    private static URI url(String text, String option, String... schemes) {
        try {
            URI uri = new URI(text.trim());
            if (uri.getHost() == null || !List.of(schemes).contains(uri.getScheme())) {
                throw new IllegalArgumentException(option + " wants a " + String.join(" or ", schemes) + " URL, got '" + text + "'");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(option + " is not a URL: '" + text + "'");
        }
    }

    private static Duration seconds(String text) {
        try {
            long s = Long.parseLong(text.trim());
            if (s <= 0) {
                throw new IllegalArgumentException("--timeout must be a positive number of seconds");
            }
            return Duration.ofSeconds(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--timeout must be a whole number of seconds, got '" + text + "'");
        }
    }
}
