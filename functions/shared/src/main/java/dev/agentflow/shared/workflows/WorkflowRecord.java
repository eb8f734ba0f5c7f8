package dev.agentflow.shared.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A saved workflow (seed 000 §5.1 workflows), the head item of its partition.
 *
 * @param workflowId      {@code wf_<32 hex>}
 * @param userId          owner (JWT {@code sub})
 * @param name            display name, 1–200 characters
 * @param description     description, or null
 * @param status          {@code draft}, {@code active} or {@code archived}
 * @param version         current version, from 1; bumped by every successful update
 * @param definition      the editor's {@code definition} ({@code {nodes, edges, settings}})
 * @param triggers        the {@code triggers} array (possibly empty)
 * @param stateMachineArn the workflow's Step Functions state machine
 * @param versionArn      the state machine version published for {@link #version}; executions start it
 * @param runCount        finished executions (bumped once per execution by the status function)
 * @param createdAt       creation time
 * @param updatedAt       last update time
 * @param deletedAt       soft-delete time, or null while the workflow is live
 */
public record WorkflowRecord(String workflowId, String userId, String name, String description, String status,
                             int version, JsonNode definition, JsonNode triggers, String stateMachineArn,
                             String versionArn, long runCount, Instant createdAt, Instant updatedAt,
                             Instant deletedAt) {

    /** Whether the workflow has been soft-deleted. */
    public boolean deleted() {
        return deletedAt != null;
    }

    /** Whether {@code userId} owns this live workflow. */
    public boolean visibleTo(String userId) {
        return !deleted() && this.userId.equals(userId);
    }
}
