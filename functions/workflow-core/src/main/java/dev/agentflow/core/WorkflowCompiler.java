package dev.agentflow.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.compiler.AslCompiler;
import dev.agentflow.core.compiler.CompileOptions;
import dev.agentflow.core.error.InvalidWorkflowException;
import dev.agentflow.core.error.Problem;
import dev.agentflow.core.model.WorkflowDocument;
import dev.agentflow.core.model.WorkflowParser;
import dev.agentflow.core.validation.WorkflowValidator;
import java.util.ArrayList;
import java.util.List;

/**
 * The one entry point from the editor's JSON to ASL: parse, validate (every problem at once), compile.
 * Pure and thread-safe; the API's save path and {@code ./agentflow compile} both call it.
 */
public final class WorkflowCompiler {

    private WorkflowCompiler() {
    }

    /**
     * A compiled workflow.
     *
     * @param document     the parsed workflow
     * @param stateMachine the ASL definition, with {@code ${Node…FunctionArn}} placeholders to substitute
     */
    public record Compiled(WorkflowDocument document, ObjectNode stateMachine) {
    }

    /**
     * Parses, validates and compiles.
     *
     * @param json a workflow ({@code {name, definition, triggers}}) or a bare definition ({@code {nodes, edges}})
     * @throws InvalidWorkflowException ({@code INVALID_WORKFLOW_DEFINITION}) listing every problem; never
     *                                  any other exception for bad input
     */
    public static Compiled compile(JsonNode json, CompileOptions options) {
        WorkflowParser.Result parsed = WorkflowParser.parse(json);
        List<Problem> problems = new ArrayList<>(parsed.problems());
        problems.addAll(WorkflowValidator.validate(parsed.document().definition()));
        if (!problems.isEmpty()) {
            throw new InvalidWorkflowException(problems);
        }
        return new Compiled(parsed.document(), AslCompiler.compile(parsed.document().definition(), options));
    }
}
