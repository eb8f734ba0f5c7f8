package dev.agentflow.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;
import dev.agentflow.shared.connections.ConnectionPoster;
import dev.agentflow.shared.connections.ConnectionStore;
import dev.agentflow.shared.connections.Subscription;
import dev.agentflow.shared.connections.SubscriptionDelivery;
import dev.agentflow.shared.runs.ExecutionRepository;
import java.time.Clock;
import java.util.Optional;

/**
 * What the WebSocket routes do (seed 000 §2.3; ARCHITECTURE.md "WebSocket"). Messages sent to the client
 * besides events: {@code {"type": "subscribed", "executionId", "afterSeq"}}, {@code {"type":
 * "unsubscribed", "executionId"}}, {@code {"type": "pong", "timestamp"}} and {@code {"type": "error",
 * "code", "message", "executionId"?}} with codes {@code VALIDATION_ERROR}, {@code UNAUTHORIZED},
 * {@code EXECUTION_NOT_FOUND} (also for another user's execution: nothing tells it exists).
 *
 * <p>Subscribe: the ownership check, the acknowledgement, then the subscription is <em>registered</em>
 * (watermark {@code afterSeq}) and only then are the stored events after {@code afterSeq} replayed. An
 * event stored after the replay's read finds the subscription and is pushed by its publisher; one stored
 * before is replayed; the watermark claim ({@link SubscriptionDelivery}) sends each exactly once, in order.
 */
public final class RealtimeService {

    /** Longest accepted execution id. */
    static final int MAX_ID = 128;

    private final ConnectionStore connections;
    private final ExecutionRepository executions;
    private final SubscriptionDelivery delivery;
    private final ConnectionPoster poster;
    private final Clock clock;

    /**
     * @param connections connections and subscriptions
     * @param executions  execution records (owner check)
     * @param delivery    replays stored events
     * @param poster      sends acknowledgements and errors
     * @param clock       clock for pong
     */
    public RealtimeService(ConnectionStore connections, ExecutionRepository executions, SubscriptionDelivery delivery,
                           ConnectionPoster poster, Clock clock) {
        this.connections = connections;
        this.executions = executions;
        this.delivery = delivery;
        this.poster = poster;
        this.clock = clock;
    }

    /** {@code $connect}, after the authorizer allowed it: remembers the connection's user. */
    public void connect(String connectionId, String userId) {
        connections.putConnection(connectionId, userId);
    }

    /** {@code $disconnect}: forgets the connection and its subscriptions. */
    public void disconnect(String connectionId) {
        connections.deleteConnection(connectionId);
    }

    /**
     * {@code {"type": "subscribe", "executionId", "afterSeq"?}}.
     *
     * @param userId the authorizer's user, or null (then the connection record's)
     * @return events replayed
     */
    public int subscribe(String connectionId, String userId, JsonNode message) {
        String executionId = executionId(connectionId, message);
        if (executionId == null) {
            return 0;
        }
        JsonNode after = message.path("afterSeq");
        if (!after.isMissingNode() && !after.isNull() && (!after.canConvertToLong() || !after.isIntegralNumber() || after.asLong() < 0)) {
            error(connectionId, "VALIDATION_ERROR", "'afterSeq' must be a whole number from 0.", executionId);
            return 0;
        }
        long afterSeq = after.isIntegralNumber() ? after.asLong() : 0;
        Optional<String> user = Optional.ofNullable(userId).or(() -> connections.connectionUser(connectionId));
        if (user.isEmpty()) {
            error(connectionId, "UNAUTHORIZED", "Unknown connection.", executionId);
            return 0;
        }
        boolean owned = executions.find(executionId).map(e -> e.userId().equals(user.get())).orElse(false);
        if (!owned) {
            error(connectionId, "EXECUTION_NOT_FOUND", "Execution " + executionId + " not found.", executionId);
            return 0;
        }
        send(connectionId, Json.object().put("type", "subscribed").put("executionId", executionId).put("afterSeq", afterSeq));
        Subscription sub = new Subscription(executionId, connectionId, user.get(), afterSeq);
        connections.subscribe(sub);
        return delivery.catchUp(sub);
    }

    /** {@code {"type": "unsubscribe", "executionId"}}. */
    public void unsubscribe(String connectionId, JsonNode message) {
        String executionId = executionId(connectionId, message);
        if (executionId != null) {
            connections.unsubscribe(executionId, connectionId);
            send(connectionId, Json.object().put("type", "unsubscribed").put("executionId", executionId));
        }
    }

    /** {@code {"type": "ping"}}: answers pong. */
    public void ping(String connectionId) {
        send(connectionId, Json.object().put("type", "pong").put("timestamp", clock.instant().toString()));
    }

    /** A message no route takes ({@code $default}). */
    public void unknown(String connectionId) {
        error(connectionId, "VALIDATION_ERROR", "'type' must be subscribe, unsubscribe or ping.", null);
    }

    private String executionId(String connectionId, JsonNode message) {
        JsonNode id = message.path("executionId");
        if (!id.isTextual() || id.asText().isBlank() || id.asText().length() > MAX_ID) {
            error(connectionId, "VALIDATION_ERROR", "'executionId' must be an execution id.", null);
            return null;
        }
        return id.asText();
    }

    private void error(String connectionId, String code, String message, String executionId) {
        ObjectNode frame = Json.object().put("type", "error").put("code", code).put("message", message);
        if (executionId != null) {
            frame.put("executionId", executionId);
        }
        send(connectionId, frame);
    }

    private void send(String connectionId, ObjectNode frame) {
        if (!poster.post(connectionId, Json.write(frame))) {
            connections.deleteConnection(connectionId);
        }
    }
}
