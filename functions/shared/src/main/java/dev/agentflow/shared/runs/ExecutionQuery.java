package dev.agentflow.shared.runs;

import java.time.Instant;

/**
 * A listing of one user's executions, newest first.
 *
 * @param userId     the caller (always required: listings are scoped to the owner)
 * @param workflowId only this workflow, or null
 * @param status     only this status, or null
 * @param from       only executions started at or after this instant, or null
 * @param to         only executions started before this instant, or null
 * @param limit      page size, 1–100
 * @param cursor     the previous page's cursor, or null
 */
public record ExecutionQuery(String userId, String workflowId, ExecutionStatus status, Instant from, Instant to,
                             int limit, String cursor) {
}
