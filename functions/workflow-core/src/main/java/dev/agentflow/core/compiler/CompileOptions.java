package dev.agentflow.core.compiler;

/**
 * What the compiled state machine bakes in besides the graph.
 *
 * @param workflowId the workflow's id, copied into {@code $.execution.workflowId}; null to leave out
 * @param userId     the owner's id (JWT {@code sub}), copied into {@code $.execution.userId}; null to leave out
 */
public record CompileOptions(String workflowId, String userId) {

    /** No workflow or user baked in (the {@code agentflow compile} default). */
    public static final CompileOptions NONE = new CompileOptions(null, null);
}
