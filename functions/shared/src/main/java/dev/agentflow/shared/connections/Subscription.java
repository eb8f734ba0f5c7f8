package dev.agentflow.shared.connections;

/**
 * A WebSocket connection's subscription to one execution's events.
 *
 * @param executionId the execution
 * @param connectionId API Gateway connection id
 * @param userId       the connection's user (JWT {@code sub}), who owns the execution
 * @param lastSeq      the last event sequence number delivered to the connection (0: none)
 */
public record Subscription(String executionId, String connectionId, String userId, long lastSeq) {
}
