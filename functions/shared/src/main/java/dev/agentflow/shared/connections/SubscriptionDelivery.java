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
 * ({@link ConnectionStore#claimAll}: one transaction per group), the rest one by one. They are split into up to
 * {@value #CLAIM_GROUPS} groups, each claimed and then posted to on the executor, side by side: with 100
 * subscribers a single claim of all of them kept one core busy while the posts waited for it.
 *
 * <p>Delivery is at most once per claim: when a post fails for another reason than a gone connection
 * (throttling, 5xx) the event is logged as lost for that connection, and the client, seeing a gap in
 * {@code seq}, fetches it from {@code GET /api/v1/executions/{id}/events?afterSeq=}.
 */
public final class SubscriptionDelivery {

    /** Groups the up-to-date subscribers of one event are split into, at most (one task each on the executor). */
    public static final int CLAIM_GROUPS = RealtimePush.PUSH_THREADS;
    /** Smallest group claimed together. */
    static final int MIN_CLAIM_GROUP = 4;

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
        if (subs.isEmpty()) {
            return;
        }
        if (subs.size() == 1) {
            sendLive(subs.get(0), event);
            return;
        }
        long seq = event.seq();
        List<Subscription> upToDate = new ArrayList<>();
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (Subscription sub : subs) {
            if (sub.lastSeq() == seq - 1) {
                upToDate.add(sub);
            } else {
                running.add(CompletableFuture.runAsync(() -> sendLive(sub, event), executor));
            }
        }
        if (upToDate.size() == 1) {
            running.add(CompletableFuture.runAsync(() -> sendLive(upToDate.get(0), event), executor));
        } else if (!upToDate.isEmpty()) {
            String frame = EventFrames.frame(event); // the same text for every subscriber
            int size = Math.max(MIN_CLAIM_GROUP, (upToDate.size() + CLAIM_GROUPS - 1) / CLAIM_GROUPS);
            for (int from = 0; from < upToDate.size(); from += size) {
                List<Subscription> group = upToDate.subList(from, Math.min(upToDate.size(), from + size));
                running.add(CompletableFuture.runAsync(() -> claimAndPost(group, event, frame), executor));
            }
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
    }

    /**
     * Claims the event at once for a group of subscribers that had everything before it (one write for many
     * subscribers instead of one each), then posts it to them; the ones the store could not claim as a group go
     * the one-by-one way ({@link #sendLive}).
     */
    private void claimAndPost(List<Subscription> group, ExecutionEvent event, String frame) {
        Set<String> claimed = new HashSet<>();
        store.claimAll(event.executionId(), group, event.seq() - 1, event.seq())
                .forEach(s -> claimed.add(s.connectionId()));
        for (Subscription sub : group) {
            if (claimed.contains(sub.connectionId())) {
                post(sub, event, frame);
            } else {
                sendLive(sub, event);
            }
        }
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
        return post(sub, event, EventFrames.frame(event));
    }

    private boolean post(Subscription sub, ExecutionEvent event, String frame) {
        try {
            if (poster.post(sub.connectionId(), frame)) {
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
