package dev.agentflow.local.apigw.ws;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * The open WebSocket connections of the local API, by connection id: what the @connections API posts to,
 * reads and closes. Sends on one connection are serialized (one frame written at a time, in call order).
 */
public final class LiveConnections {

    /** Longest wait for a frame to be written, seconds. */
    static final int SEND_TIMEOUT_SECONDS = 2;

    /**
     * One open connection.
     *
     * @param info         what API Gateway knows of it
     * @param session      the Jetty session
     * @param lastActiveAt last message in or out
     */
    record Live(WebSocketEvents.Connection info, Session session, java.util.concurrent.atomic.AtomicReference<Instant> lastActiveAt) {
    }

    private final Map<String, Live> open = new ConcurrentHashMap<>();

    void add(WebSocketEvents.Connection info, Session session) {
        open.put(info.connectionId(), new Live(info, session, new java.util.concurrent.atomic.AtomicReference<>(info.connectedAt())));
    }

    Optional<Live> get(String connectionId) {
        return Optional.ofNullable(open.get(connectionId));
    }

    Optional<Live> remove(String connectionId) {
        return Optional.ofNullable(open.remove(connectionId));
    }

    void touch(String connectionId, Instant at) {
        get(connectionId).ifPresent(l -> l.lastActiveAt().set(at));
    }

    /** How many connections are open. */
    public int size() {
        return open.size();
    }

    /**
     * Sends a text frame and waits until it is written.
     *
     * @return false when the connection is not open (gone), or writing failed or took over
     *     {@value #SEND_TIMEOUT_SECONDS} s (the connection is then closed)
     * @throws InterruptedException when interrupted while writing
     */
    boolean send(String connectionId, String text, Instant now) throws InterruptedException {
        Live live = open.get(connectionId);
        if (live == null || !live.session().isOpen()) {
            return false;
        }
        synchronized (live) {
            Callback.Completable done = new Callback.Completable();
            live.session().sendText(text, done);
            try {
                done.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // the peer is gone or stuck: API Gateway drops such a connection; later posts answer 410
                open.remove(connectionId);
                live.session().close(1011, "Write failed", Callback.NOOP);
                return false;
            }
        }
        live.lastActiveAt().set(now);
        return true;
    }

    /** Closes a connection (the @connections DELETE); its $disconnect follows. */
    boolean close(String connectionId) {
        Live live = open.get(connectionId);
        if (live == null) {
            return false;
        }
        live.session().close(1000, "Connection deleted", Callback.NOOP);
        return true;
    }
}
