package dev.agentflow.shared.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * An immutable snapshot of a workflow as saved at one version (restorable).
 *
 * @param workflowId  the workflow
 * @param version     the version number
 * @param name        name at that version
 * @param description description at that version, or null
 * @param definition  definition at that version
 * @param triggers    triggers at that version
 * @param versionArn  the Step Functions state machine version that runs it
 * @param createdAt   when this version was saved
 */
public record WorkflowVersion(String workflowId, int version, String name, String description, JsonNode definition,
                              JsonNode triggers, String versionArn, Instant createdAt) {

    /** The snapshot of a workflow's current version. */
    public static WorkflowVersion of(WorkflowRecord wf) {
        return new WorkflowVersion(wf.workflowId(), wf.version(), wf.name(), wf.description(), wf.definition(),
                wf.triggers(), wf.versionArn(), wf.updatedAt());
    }
}
