package dev.agentflow.nodes.runtime;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code execution} object of a node task: who and what is running.
 *
 * @param id         Step Functions execution name (the platform's execution id)
 * @param arn        execution ARN, or null
 * @param startTime  ISO-8601 start, or null
 * @param workflowId workflow id, or null
 * @param userId     owner (JWT {@code sub}), or null; selects the user's stored API keys
 * @param raw        the object as received, for templates ({@code {{execution.id}}})
 */
public record ExecutionInfo(String id, String arn, String startTime, String workflowId, String userId, JsonNode raw) {
}
