package dev.agentflow.shared.runs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;

/**
 * Result-callback deliveries recorded on the execution record (issue 8, seed 002 §3.6.2), so that one result is
 * delivered by one worker: {@link #claim} takes the delivery with a lease (a duplicate status event finds it
 * taken), {@link #record} writes the attempts' outcome. A worker that dies mid-delivery leaves the lease to
 * expire, after which a retried event may claim it again: delivery is at least once, and receivers dedupe on
 * the {@code X-AgentFlow-Delivery} id (functions/triggers/README.md).
 */
public interface CallbackLedger {

    /**
     * Claims the delivery of an execution's result.
     *
     * @param delivery what to record while delivering ({@code {state: "delivering", event, url, …}})
     * @param lease    how long the claim holds before another worker may take it over
     * @return false when the execution does not exist, or its delivery is done or held by a live claim
     */
    boolean claim(String executionId, JsonNode delivery, Instant now, Duration lease);

    /** Records the final delivery state ({@code delivered} or {@code failed}) and releases the claim. */
    void record(String executionId, JsonNode delivery);
}
