package dev.agentflow.shared.connections;

import dev.agentflow.shared.events.ExecutionEvent;
import dev.agentflow.shared.log.JsonLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Sends stored events to subscribed connections in sequence order, each exactly once per subscription.
 *
 * <p>Every subscription has a watermark, the last sequence number sent to it. To send event {@code n} a
 * sender first claims it ({@code lastSeq: n-1 → n}, a conditional write), then posts it; a sender that
 * loses the claim learns the newer watermark and moves on. A sender that finds the watermark behind its
 * event reads the missing ones from the event log and sends them first, waiting briefly for one that
 * another publisher has numbered but not yet stored. So a publisher and a replaying subscribe, or two
 * publishers of parallel branches, never send an event twice or skip one. Two senders may still write
 * neighbouring frames in swapped order (each claims, then posts): clients order by {@code seq}.
 *
 * <p>The subscribers of an event that had everything before it are claimed together when there are several
 * ({@link ConnectionStore#claimAll}, e.g. one transaction for up to 100), the rest one by one.
 *
 * <p>Delivery is at most once per claim: when a post fails for another reason than a gone connection
 * (throttling, 5xx) the event is logged as lost for that connection, and the client, seeing a gap in
 * {@code seq}, fetches it from {@code GET /api/v1/executions/{id}/events?afterSeq=}.
 */
public final class SubscriptionDelivery {

    /** Longest wait for an event that another publisher has numbered but not stored yet. */
    public static final Duration HOLE_WAIT = Duration.ofSeconds(1);

    private final ConnectionStore store;
    private final ConnectionPoster poster;
    private final StoredEvents stored;
    private final Executor executor;
    private final JsonLog log;

    /**
     * @param store    connections and subscriptions
     * @param poster   the @connections API
     * @param stored   the event log
     * @param executor runs the subscribers of one event side by side ({@code Runnable::run} for one at a time)
     * @param log      structured log
     */
    public SubscriptionDelivery(ConnectionStore store, ConnectionPoster poster, StoredEvents stored, Executor executor,
                                JsonLog log) {
        this.store = store;
        this.poster = poster;
        this.stored = stored;
        this.executor = executor;
        this.log = log;
    }

    /**
     * Sends a stored event to every subscriber of its execution that has not had it yet (with the events
     * before it that a subscriber still misses). Returns once every subscriber was served.
     */
    public void deliver(ExecutionEvent event) {
        List<Subscription> subs = store.subscribers(event.executionId());
        if (subs.size() == 1) {
            sendLive(subs.get(0), event);
            return;
        }
        Set<String> claimed = claimTogether(event, subs);
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (Subscription sub : subs) {
            running.add(CompletableFuture.runAsync(claimed.contains(sub.connectionId())
                    ? () -> post(sub, event) : () -> sendLive(sub, event), executor));
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
    }

    /**
     * Claims the event at once for the subscribers that had everything before it (the common case: one
     * write for many subscribers instead of one each); returns their connection ids. The others, and any
     * group the store could not claim whole, go the one-by-one way.
     */
    private Set<String> claimTogether(ExecutionEvent event, List<Subscription> subs) {
        long seq = event.seq();
        List<Subscription> upToDate = subs.stream().filter(s -> s.lastSeq() == seq - 1).toList();
        if (upToDate.size() < 2) {
            return Set.of();
        }
        Set<String> claimed = new HashSet<>();
        store.claimAll(event.executionId(), upToDate, seq - 1, seq).forEach(s -> claimed.add(s.connectionId()));
        return claimed;
    }

    /**
     * Sends one subscription every stored event after its watermark (the replay of a subscribe).
     *
     * @return how many events this call sent
     */
    public int catchUp(Subscription sub) {
        return catchUp(sub, sub.lastSeq(), null);
    }

    /** The common case costs one conditional write: the subscriber had everything up to {@code seq - 1}. */
    private void sendLive(Subscription sub, ExecutionEvent event) {
        long seq = event.seq();
        OptionalLong found = store.claim(sub.executionId(), sub.connectionId(), seq - 1, seq);
        if (found.isEmpty()) {
            post(sub, event);
            return;
        }
        long watermark = found.getAsLong();
        if (watermark >= 0 && watermark < seq - 1) {
            catchUp(sub, watermark, event); // a replay in progress, or an earlier event still being written
        }
    }

    /**
     * Sends the stored events after {@code watermark} in order (and {@code last}, when given). A missing
     * number below the newest known event is an event another publisher is still writing: it is waited for
     * up to {@link #HOLE_WAIT}, then skipped (its publisher failed between numbering and storing it).
     */
    private int catchUp(Subscription sub, long watermark, ExecutionEvent last) {
        NavigableMap<Long, ExecutionEvent> known = new TreeMap<>();
        read(sub, watermark, known);
        if (last != null) {
            known.putIfAbsent(last.seq(), last);
        }
        long holeDeadline = 0;
        int sent = 0;
        while (true) {
            ExecutionEvent next = known.get(watermark + 1);
            if (next == null) {
                Map.Entry<Long, ExecutionEvent> later = known.higherEntry(watermark);
                if (later == null) {
                    return sent;
                }
                long now = System.nanoTime();
                if (holeDeadline == 0) {
                    holeDeadline = now + HOLE_WAIT.toNanos();
                }
                if (now < holeDeadline) {
                    pause();
                    read(sub, watermark, known);
                    continue;
                }
                log.warn("event number skipped: never stored", Map.of("executionId", sub.executionId(), "seq", watermark + 1));
                next = later.getValue();
            }
            holeDeadline = 0;
            OptionalLong found = store.claim(sub.executionId(), sub.connectionId(), watermark, next.seq());
            if (found.isPresent()) {
                if (found.getAsLong() < 0) {
                    return sent;
                }
                watermark = found.getAsLong();
                continue;
            }
            watermark = next.seq();
            if (!post(sub, next)) {
                return sent;
            }
            sent++;
        }
    }

    private void read(Subscription sub, long watermark, NavigableMap<Long, ExecutionEvent> known) {
        for (ExecutionEvent e : stored.after(sub.executionId(), watermark)) {
            known.putIfAbsent(e.seq(), e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an event being stored", e);
        }
    }

    private boolean post(Subscription sub, ExecutionEvent event) {
        try {
            if (poster.post(sub.connectionId(), EventFrames.frame(event))) {
                return true;
            }
            store.deleteConnection(sub.connectionId());
            log.info("connection gone, removed", Map.of("connectionId", sub.connectionId(),
                    "executionId", sub.executionId()));
        } catch (RuntimeException e) {
            log.warn("event not delivered", Map.of("connectionId", sub.connectionId(), "executionId", sub.executionId(),
                    "seq", event.seq(), "exception", e.getClass().getName(), "reason", String.valueOf(e.getMessage())));
        }
        return false;
    }
}
