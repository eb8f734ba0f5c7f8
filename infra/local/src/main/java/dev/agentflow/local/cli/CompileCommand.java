package dev.agentflow.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.core.WorkflowCompiler;
import dev.agentflow.core.compiler.CompileOptions;
import dev.agentflow.core.error.InvalidWorkflowException;
import dev.agentflow.core.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code agentflow compile FILE}: prints the Amazon States Language for a workflow file.
 *
 * <p>Exit 0 with the ASL on stdout; exit 2 with the {@code INVALID_WORKFLOW_DEFINITION} envelope on stdout
 * for an invalid workflow, or with a one-line error on stderr for a missing or non-JSON file.
 */
final class CompileCommand implements Command {

    @Override
    public String name() {
        return "compile";
    }

    @Override
    public String summary() {
        return "Print the Step Functions state machine (ASL) a workflow file compiles to";
    }

    @Override
    public String usage() {
        return """
                Usage: ./agentflow compile FILE [--workflow-id ID] [--user-id ID]

                Compiles a workflow to Amazon States Language and prints it on stdout.
                FILE holds a workflow as the API takes it ({"name", "definition": {"nodes", "edges", "settings"},
                "triggers"}) or a bare definition ({"nodes", "edges"}); '-' reads stdin.

                Options:
                  --workflow-id ID   bake the workflow id into $.execution.workflowId
                  --user-id ID       bake the owner's user id into $.execution.userId

                Exit codes: 0 compiled; 2 invalid workflow (the error envelope is printed on stdout,
                {"success": false, "error": {"code": "INVALID_WORKFLOW_DEFINITION", "details": [...]}}),
                unreadable file or not JSON (one line on stderr).
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        String file = null;
        String workflowId = null;
        String userId = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if ((a.equals("--workflow-id") || a.equals("--user-id")) && i + 1 < args.size()) {
                if (a.equals("--workflow-id")) {
                    workflowId = args.get(++i);
                } else {
                    userId = args.get(++i);
                }
            } else if (a.startsWith("--")) {
                err.println("agentflow compile: unknown option '" + a + "'. See './agentflow compile --help'.");
                return 2;
            } else if (file == null) {
                file = a;
            } else {
                err.println("agentflow compile: one FILE only. See './agentflow compile --help'.");
                return 2;
            }
        }
        if (file == null) {
            err.println("agentflow compile: missing FILE. See './agentflow compile --help'.");
            return 2;
        }
        String text;
        try {
            text = file.equals("-") ? new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    : Files.readString(Path.of(file));
        } catch (NoSuchFileException e) {
            err.println("agentflow compile: no such file: " + file);
            return 2;
        } catch (IOException e) {
            err.println("agentflow compile: cannot read " + file + ": " + e.getMessage());
            return 2;
        }
        JsonNode json;
        try {
            json = Json.parse(text);
        } catch (IllegalArgumentException e) {
            err.println("agentflow compile: " + file + " is not valid JSON: " + e.getMessage());
            return 2;
        }
        try {
            WorkflowCompiler.Compiled compiled = WorkflowCompiler.compile(json, new CompileOptions(workflowId, userId));
            out.println(Json.pretty(compiled.stateMachine()));
            return 0;
        } catch (InvalidWorkflowException e) {
            out.println(Json.pretty(e.envelope()));
            err.println("agentflow compile: " + e.getMessage());
            return 2;
        }
    }
}
