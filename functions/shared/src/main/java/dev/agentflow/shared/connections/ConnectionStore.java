package dev.agentflow.shared.connections;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * WebSocket connections and their subscriptions (table {@code ConnectionsTable}, layout in
 * functions/realtime/README.md). Each subscription carries the last sequence number delivered to it, the
 * watermark that makes delivery exactly once: a sender first <em>claims</em> the next event with a
 * conditional write, then posts it.
 */
public interface ConnectionStore {

    /** Records an open connection of a user. */
    void putConnection(String connectionId, String userId);

    /** The user of an open connection, if it is known. */
    Optional<String> connectionUser(String connectionId);

    /** Forgets a connection and all its subscriptions. */
    void deleteConnection(String connectionId);

    /** Creates or replaces a subscription; its watermark becomes {@code subscription.lastSeq()}. */
    void subscribe(Subscription subscription);

    /** Removes one subscription. */
    void unsubscribe(String executionId, String connectionId);

    /** The subscriptions of an execution, read consistently. */
    List<Subscription> subscribers(String executionId);

    /**
     * Advances a subscription's watermark from {@code expected} to {@code next}, only if it is still
     * {@code expected}.
     *
     * @return empty when claimed; otherwise the watermark found (-1 when the subscription is gone)
     */
    OptionalLong claim(String executionId, String connectionId, long expected, long next);

    /**
     * Claims event {@code next} for several subscriptions of one execution at once, each only if its watermark is
     * still {@code expected}: all of a group or none of it (a store may group, e.g. 100 to a transaction). The
     * subscriptions not returned are unchanged and are claimed one by one ({@link #claim}) by the caller.
     *
     * @return the subscriptions claimed
     */
    default List<Subscription> claimAll(String executionId, List<Subscription> subscriptions, long expected, long next) {
        return List.of();
    }
}
