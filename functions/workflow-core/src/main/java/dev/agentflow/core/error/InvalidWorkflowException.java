package dev.agentflow.core.error;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;
import java.util.List;

/**
 * A workflow definition failed validation: {@code INVALID_WORKFLOW_DEFINITION} with every problem found
 * (seed 000 appendix B). Never carries a stack trace to the user: render it with {@link #envelope()}.
 */
public final class InvalidWorkflowException extends RuntimeException {

    private final transient List<Problem> problems;

    /** @param problems at least one problem */
    public InvalidWorkflowException(List<Problem> problems) {
        super(summary(problems), null, false, false);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid workflow needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    private static String summary(List<Problem> problems) {
        return "Workflow definition is invalid: " + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + (problems.isEmpty() ? "" : "; first: " + problems.get(0).message());
    }

    /** The problems, in the order they were found. */
    public List<Problem> problems() {
        return problems;
    }

    /**
     * The API error envelope:
     * {@code {"success": false, "error": {"code": "INVALID_WORKFLOW_DEFINITION", "message": "…", "details": [problem…]}}}.
     */
    public ObjectNode envelope() {
        ObjectNode root = Json.object();
        root.put("success", false);
        ObjectNode error = root.putObject("error");
        error.put("code", ErrorCode.INVALID_WORKFLOW_DEFINITION.name());
        error.put("message", getMessage());
        error.set("details", Json.MAPPER.valueToTree(problems));
        return root;
    }
}
