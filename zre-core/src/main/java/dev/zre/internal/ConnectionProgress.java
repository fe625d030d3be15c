package dev.zre.internal;

import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.zeromq.ZEvent;
import zmq.ZMQ;

/**
 * How far one DEALER has got, as JeroMQ reports it through the socket's event hook: TCP refused,
 * TCP up, ZMTP greeting exchanged, connection lost. A stalled JeroMQ handshake (see the protocol
 * notes) shows as TCP up and no greeting. The hook runs on a JeroMQ I/O thread; the actor
 * reads the fields when it checks its peers, so each is a volatile timestamp (monotonic nanos, 0 =
 * not yet). It also keeps its context's {@link GreetingActivity} up to date.
 */
final class ConnectionProgress implements ZEvent.ZEventConsummer {

    /** The events the hook asks JeroMQ for. */
    static final int EVENTS = ZMQ.ZMQ_EVENT_CONNECTED | ZMQ.ZMQ_EVENT_CONNECT_RETRIED
            | ZMQ.ZMQ_EVENT_HANDSHAKE_PROTOCOL | ZMQ.ZMQ_EVENT_HANDSHAKE_SUCCEEDED | ZMQ.ZMQ_EVENT_DISCONNECTED
            | ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_AUTH | ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL
            | ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL;

    /** How a secured handshake ended, as far as the client can tell. */
    enum Failure {
        /** The server refused our credentials (ZAP said no: ERROR after INITIATE / HELLO). */
        AUTH,
        /** The two sides did not agree on the protocol (another mechanism, a malformed command). */
        PROTOCOL,
        /** The link went down after the greeting, before the handshake succeeded, without a reason (CURVE: wrong server key). */
        CLOSED_IN_HANDSHAKE
    }

    private volatile long refusedAt;
    private volatile long connectedAt;
    private volatile long handshakeAt;
    /** Whether a greeting ever came on this DEALER (not reset when JeroMQ reconnects). */
    private volatile boolean everGreeted;
    private volatile long lostAt;
    private volatile long succeededAt;
    private volatile @Nullable Failure failure;
    /** How many connections on the context waited for their greeting when TCP last came up. */
    private volatile int awaitedAtConnect;
    private final GreetingActivity activity;
    /** {@link #IDLE}, {@link #WAITING} (counted in the activity) or {@link #CLOSED}. */
    private final AtomicInteger waitState = new AtomicInteger(IDLE);
    private static final int IDLE = 0;
    private static final int WAITING = 1;
    private static final int CLOSED = 2;

    /** @param activity the greeting activity of the context the DEALER belongs to */
    ConnectionProgress(GreetingActivity activity) {
        this.activity = activity;
    }

    /** A connection of a context of its own (tests). */
    ConnectionProgress() {
        this(new GreetingActivity());
    }

    @Override
    public void consume(ZEvent event) {
        long now = System.nanoTime();
        switch (event.getEvent()) {
            case CONNECT_RETRIED -> connectFailed(now);
            case CONNECTED -> connected(now);
            // JeroMQ 0.6.0 reports the ZMTP greeting (PROTOCOL), not always SUCCEEDED: either is progress
            case HANDSHAKE_SUCCEEDED -> {
                greeted(now);
                succeededAt = now;
            }
            case HANDSHAKE_PROTOCOL -> greeted(now);
            case HANDSHAKE_FAILED_AUTH -> failure = Failure.AUTH;
            case HANDSHAKE_FAILED_PROTOCOL, HANDSHAKE_FAILED_NO_DETAIL -> {
                if (failure == null) {
                    failure = Failure.PROTOCOL;
                }
            }
            case DISCONNECTED -> {
                lostAt = now;
                if (waitState.compareAndSet(WAITING, IDLE)) {
                    activity.noLongerWaiting(); // JeroMQ gave up on the handshake; it reconnects
                }
                if (succeededAt == 0 && handshakeAt != 0 && failure == null) {
                    failure = Failure.CLOSED_IN_HANDSHAKE;
                }
            }
            default -> {
                // not asked for
            }
        }
    }

    /** A connection attempt failed before TCP came up (refused, unreachable); JeroMQ retries. */
    void connectFailed(long now) {
        if (connectedAt == 0) {
            refusedAt = now; // nothing accepted the connection: nothing listens there
        }
    }

    /** TCP came up, also after JeroMQ reconnected: a new greeting is due. */
    void connected(long now) {
        if (waitState.compareAndSet(IDLE, WAITING)) {
            awaitedAtConnect = activity.waiting();
        }
        handshakeAt = 0;
        connectedAt = now;
        refusedAt = 0;
    }

    /** The peer's ZMTP greeting arrived. */
    void greeted(long now) {
        if (waitState.compareAndSet(WAITING, IDLE)) {
            activity.greeted(now);
        }
        if (handshakeAt == 0) {
            handshakeAt = now;
        }
        everGreeted = true;
    }

    /** The DEALER was closed: it no longer counts as waiting for a greeting. */
    void closed() {
        if (waitState.getAndSet(CLOSED) == WAITING) {
            activity.noLongerWaiting();
        }
    }

    /** How many connections on the context waited for their greeting when this one's TCP came up. */
    int awaitedAtConnect() {
        return awaitedAtConnect;
    }

    /** Whether every attempt so far was refused (or unreachable) and none got through. */
    boolean refused() {
        return refusedAt != 0 && connectedAt == 0;
    }

    /** When TCP came up, or 0. */
    long connectedAt() {
        return connectedAt;
    }

    /** Whether the peer's greeting ever came on this DEALER, also before JeroMQ reconnected it. */
    boolean everGreeted() {
        return everGreeted;
    }

    /** When the ZMTP handshake completed, or 0. */
    long handshakeAt() {
        return handshakeAt;
    }

    /** When the security handshake (greeting and mechanism) succeeded, or 0. */
    long succeededAt() {
        return succeededAt;
    }

    /** Why the secured handshake failed, or null (so far it did not). */
    @Nullable Failure failure() {
        return failure;
    }

    /** When the connection was last lost, or 0. */
    long lostAt() {
        return lostAt;
    }
}
