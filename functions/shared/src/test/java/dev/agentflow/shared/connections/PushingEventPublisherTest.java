package dev.agentflow.shared.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentflow.core.json.Json;
import dev.agentflow.shared.events.DynamoDbEventLog;
import dev.agentflow.shared.events.EventPayload;
import dev.agentflow.shared.events.EventType;
import dev.agentflow.shared.events.ExecutionEvent;
import dev.agentflow.shared.events.PushingEventPublisher;
import dev.agentflow.shared.log.JsonLog;
import dev.agentflow.shared.testing.DynamoDbLocal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pushing publisher and its delivery over DynamoDB Local (real conditional writes), with a recording @connections. */
class PushingEventPublisherTest {

    private final RecordingPoster poster = new RecordingPoster();
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private DynamoDbConnectionStore store;
    private DynamoDbEventLog events;
    private SubscriptionDelivery delivery;
    private PushingEventPublisher publisher;

    @BeforeEach
    void setUp() {
        Map<String, String> tables = DynamoDbLocal.freshTables();
        store = new DynamoDbConnectionStore(DynamoDbLocal.client(), tables.get("ConnectionsTable"), Clock.systemUTC());
        events = new DynamoDbEventLog(DynamoDbLocal.client(), tables.get("ExecutionsTable"), Clock.systemUTC(), Duration.ofDays(1));
        JsonLog log = new JsonLog(new PrintStream(logged, true, StandardCharsets.UTF_8), Clock.systemUTC());
        delivery = new SubscriptionDelivery(store, poster, events::eventsAfter, pool, log);
        publisher = new PushingEventPublisher(events, delivery, log);
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    private static ExecutionEvent output(String delta) {
        return ExecutionEvent.of(EventType.NODE_OUTPUT, "exec_1", new EventPayload("n", "LLM", "llm", "running",
                Json.object().put("delta", delta), null, null, null, "2026-11-23T10:00:00Z", null));
    }

    @Test
    void createAndPublish_whenStoredAtomicallyWithTheRecord_shouldNotPush_andWhenOneAfterTheOther_shouldPush() {
        store.subscribe(new Subscription("exec_1", "c1", "u1", 0)); // not possible for real before the record exists
        dev.agentflow.shared.events.LinkedWrite record = dev.agentflow.shared.events.LinkedWrite.alone(() -> true);

        // the transactional store: record and event in one write, so no subscriber can be waiting for the push
        var atomic = new PushingEventPublisher(new dev.agentflow.shared.events.EventPublisher() {
            @Override
            public ExecutionEvent publish(ExecutionEvent event) {
                return events.publish(event);
            }

            @Override
            public Published createAndPublish(dev.agentflow.shared.events.LinkedWrite creation, ExecutionEvent first) {
                return new Published(events.publish(first), creation.applyAlone(), true);
            }
        }, delivery, new JsonLog(new PrintStream(logged, true, StandardCharsets.UTF_8), Clock.systemUTC()));
        assertEquals(1L, atomic.createAndPublish(record, output("a")).event().seq());
        assertEquals(List.of(), poster.seqs("c1"));

        // one after the other (DynamoDB Local's event log with a write that cannot join a transaction): pushed
        assertEquals(2L, publisher.createAndPublish(record, output("b")).event().seq());
        assertEquals(List.of(1L, 2L), poster.seqs("c1")); // the catch-up sends the one not pushed first
    }

    @Test
    void publish_shouldPushToEverySubscriberOfTheExecutionOnly() {
        store.subscribe(new Subscription("exec_1", "c1", "u1", 0));
        store.subscribe(new Subscription("exec_1", "c2", "u1", 0));
        store.subscribe(new Subscription("exec_2", "c3", "u1", 0));

        publisher.publish(output("a"));
        publisher.publish(output("b"));

        assertEquals(List.of(1L, 2L), poster.seqs("c1"));
        assertEquals(List.of(1L, 2L), poster.seqs("c2"));
        assertEquals(List.of(), poster.seqs("c3"));
    }

    @Test
    void publish_toManySubscribers_shouldClaimThemInGroupsAndPushEachEventOnce() {
        for (int i = 0; i < 150; i++) {
            store.subscribe(new Subscription("exec_1", "c" + i, "u1", 0));
        }

        publisher.publish(output("a"));
        publisher.publish(output("b"));
        publisher.publish(output("c"));

        for (int i = 0; i < 150; i++) {
            assertEquals(List.of(1L, 2L, 3L), poster.seqs("c" + i), "c" + i);
        }
        assertTrue(store.subscribers("exec_1").stream().allMatch(s -> s.lastSeq() == 3));
    }

    @Test
    void deliver_toHundredUpToDateSubscribers_shouldClaimInSideBySideGroupsThenPostEachOnce() {
        for (int i = 0; i < 100; i++) {
            store.subscribe(new Subscription("exec_1", "c" + i, "u1", 0));
        }
        List<Integer> groups = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger single = new java.util.concurrent.atomic.AtomicInteger();
        ConnectionStore counting = new ConnectionStore() {
            public void putConnection(String connectionId, String userId) { store.putConnection(connectionId, userId); }
            public java.util.Optional<String> connectionUser(String id) { return store.connectionUser(id); }
            public void deleteConnection(String connectionId) { store.deleteConnection(connectionId); }
            public void subscribe(Subscription subscription) { store.subscribe(subscription); }
            public void unsubscribe(String executionId, String id) { store.unsubscribe(executionId, id); }
            public List<Subscription> subscribers(String executionId) { return store.subscribers(executionId); }

            public java.util.OptionalLong claim(String executionId, String id, long expected, long next) {
                single.incrementAndGet();
                return store.claim(executionId, id, expected, next);
            }

            public List<Subscription> claimAll(String executionId, List<Subscription> subs, long expected, long next) {
                groups.add(subs.size());
                return store.claimAll(executionId, subs, expected, next);
            }
        };
        SubscriptionDelivery grouped = new SubscriptionDelivery(counting, poster, events::eventsAfter, pool,
                new JsonLog(new PrintStream(logged, true, StandardCharsets.UTF_8), Clock.systemUTC()));

        grouped.deliver(events.publish(output("a")));

        assertEquals(SubscriptionDelivery.CLAIM_GROUPS, groups.size(), groups.toString());
        assertEquals(100, groups.stream().mapToInt(Integer::intValue).sum());
        assertTrue(groups.stream().allMatch(g -> g <= 13), groups.toString());
        assertEquals(0, single.get());
        for (int i = 0; i < 100; i++) {
            assertEquals(List.of(1L), poster.seqs("c" + i), "c" + i);
        }
        assertTrue(store.subscribers("exec_1").stream().allMatch(s -> s.lastSeq() == 1));
    }

    @Test
    void publish_whenOneOfManySubscribersLags_shouldGiveItTheGapAndTheOthersTheEventOnce() {
        events.publish(output("stored before anyone subscribed"));
        for (int i = 0; i < 5; i++) {
            store.subscribe(new Subscription("exec_1", "live" + i, "u1", 1)); // replayed event 1 already
        }
        store.subscribe(new Subscription("exec_1", "late", "u1", 0));

        publisher.publish(output("live"));

        for (int i = 0; i < 5; i++) {
            assertEquals(List.of(2L), poster.seqs("live" + i));
        }
        assertEquals(List.of(1L, 2L), poster.seqs("late"));
    }

    @Test
    void claimAll_whenOneWatermarkMovedOn_shouldClaimNoneOfTheGroup() {
        store.subscribe(new Subscription("exec_1", "c1", "u1", 4));
        store.subscribe(new Subscription("exec_1", "c2", "u1", 5));

        List<Subscription> claimed = store.claimAll("exec_1", store.subscribers("exec_1"), 4, 5);

        assertEquals(List.of(), claimed);
        assertEquals(Map.of("c1", 4L, "c2", 5L), store.subscribers("exec_1").stream()
                .collect(Collectors.toMap(Subscription::connectionId, Subscription::lastSeq)));
        assertEquals(List.of("c1"), store.claimAll("exec_1", List.of(new Subscription("exec_1", "c1", "u1", 4)), 4, 5)
                .stream().map(Subscription::connectionId).toList(), "a group whose watermarks all match is claimed");
        assertTrue(store.subscribers("exec_1").stream().allMatch(s -> s.lastSeq() == 5));
    }

    @Test
    void catchUp_thenPublish_shouldSendStoredEventsThenLiveOnesExactlyOnce() {
        publisher.publish(output("a"));
        publisher.publish(output("b"));
        Subscription sub = new Subscription("exec_1", "c1", "u1", 1);
        store.subscribe(sub);

        assertEquals(1, delivery.catchUp(sub));
        assertEquals(0, delivery.catchUp(sub), "a second replay sends nothing again");
        publisher.publish(output("c"));

        assertEquals(List.of(2L, 3L), poster.seqs("c1"));
    }

    @Test
    void publish_whenASubscriberLagsBehind_shouldFillTheGapFromTheLog() {
        events.publish(output("stored while nobody pushed"));
        store.subscribe(new Subscription("exec_1", "c1", "u1", 0));

        publisher.publish(output("live"));

        assertEquals(List.of(1L, 2L), poster.seqs("c1"));
    }

    @Test
    void publish_toAGoneConnection_shouldRemoveItsSubscriptions() {
        store.putConnection("c1", "u1");
        store.subscribe(new Subscription("exec_1", "c1", "u1", 0));
        poster.gone.add("c1");

        publisher.publish(output("a"));

        assertEquals(List.of(), store.subscribers("exec_1"));
        assertTrue(store.connectionUser("c1").isEmpty());
    }

    @Test
    void publish_aLongDelta_shouldBeStoredAndPushedInPiecesThatFitAFrame() {
        store.subscribe(new Subscription("exec_1", "c1", "u1", 0));
        String text = "é\u0001\"".repeat(5_000) + "😀".repeat(3_000);

        publisher.publish(output(text));

        List<String> frames = poster.frames.get("c1");
        assertTrue(frames.size() >= 4, "split into several events: " + frames.size());
        assertTrue(frames.stream().allMatch(f -> f.getBytes(StandardCharsets.UTF_8).length <= EventFrames.MAX_FRAME_BYTES));
        assertEquals(text, frames.stream().map(f -> Json.parse(f).path("payload").path("outputs").path("delta").asText())
                .collect(Collectors.joining()));
        assertEquals(LongStream.rangeClosed(1, frames.size()).boxed().toList(), poster.seqs("c1"));
        assertEquals(frames.size(), events.eventsAfter("exec_1", 0).size(), "replays see the same pieces");
    }

    @Test
    void concurrentPublishersAndALateSubscriber_shouldDeliverEveryEventExactlyOnce() throws Exception {
        ExecutorService publishers = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            int n = i;
            running.add(publishers.submit(() -> publisher.publish(output("d" + n))));
            if (i == 40) {
                Subscription sub = new Subscription("exec_1", "late", "u1", 0);
                store.subscribe(sub);
                running.add(publishers.submit(() -> delivery.catchUp(sub)));
            }
        }
        for (Future<?> f : running) {
            f.get();
        }
        publishers.shutdown();

        List<Long> seqs = new ArrayList<>(poster.seqs("late"));
        assertEquals(120, seqs.size(), "no duplicate, no gap: " + seqs);
        seqs.sort(Long::compare);
        assertEquals(LongStream.rangeClosed(1, 120).boxed().toList(), seqs);
    }
}
