package dev.zre.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Tells apart what can go wrong with our connection to a peer, from what JeroMQ reported about it
 * ({@link ConnectionProgress}), and asks for the right remedy:
 * <ul>
 * <li><b>refused</b>: nothing listens at the endpoint — drop the peer at once;</li>
 * <li><b>stalled</b>: TCP is up but the ZMTP greeting never came (JeroMQ 0.6.0's stalled
 * handshake) — rebuild the connection. A greeting that is merely slow (many nodes meshing at once,
 * a loaded host) is not a stall: a connection counts as stalled once it has waited a multiple of
 * the slowest recent greeting (at least the floor) while its JeroMQ context is not busy with
 * greetings: few connections wait for one, or none anywhere on the context was greeted for as long
 * as that deadline; or once it has waited the cap. The load figures are the context's
 * ({@link GreetingActivity}), since nodes that share a context share its I/O threads. (That a
 * younger connection was greeted first is no proof: measured in a 50-node burst, 89 of 108
 * connections judged stalled that way got their greeting later, 4 ms to 3.7 s after the verdict;
 * JeroMQ serves greetings in selector order, not in connection order.)</li>
 * <li><b>no HELLO</b>: the connection works but the peer has not said HELLO — rebuild (the caller
 * gives up after a few tries, or at once when room is short). The deadline follows how long peers
 * recently took to say HELLO, at least the {@code helloTimeout}, doubling per attempt; while the
 * context is busy with greetings (the peer's connection back to us waits its turn) it waits on, up
 * to 10× the {@code helloTimeout};</li>
 * <li>no answer at all (TCP not up, not refused): judged by the HELLO deadline too.</li>
 * </ul>
 * Every deadline gets up to a quarter of jitter, so that rebuilds do not come in waves. Time is
 * passed in (monotonic nanoseconds), so every rule is testable without a clock.
 */
final class HandshakeMonitor {

    /** What the node does about a connection. */
    interface Actions {

        void refused(Peer peer);

        void stalled(Peer peer);

        void helloOverdue(Peer peer);

        /** Our secured link to the peer failed its handshake (counted, the peer dropped). */
        default void handshakeFailed(Peer peer, dev.zre.HandshakeFailure reason) {
            refused(peer);
        }
    }

    /**
     * With at most this many connections of the context waiting for their greeting, its I/O threads
     * are not busy: a greeting late by the stall deadline is a stall.
     */
    private static final int QUIET_HANDSHAKES = 8;
    /** Deadlines are this many times the slowest recent duration. */
    private static final int FACTOR = 4;
    /** Caps are this many times the floor. */
    private static final int CAP_FACTOR = 10;
    private static final int SAMPLES = 32;

    private final long stallFloorNanos;
    private final long stallCapNanos;
    private final long helloFloorNanos;
    private final long helloCapNanos;
    private final RecentTimes greetings = new RecentTimes(SAMPLES);
    private final RecentTimes hellos = new RecentTimes(SAMPLES);
    private final TransportSecurity security;
    private final GreetingActivity activity;

    /**
     * @param handshakeFloor the shortest stall deadline (the {@code handshakeInterval} setting)
     * @param hello the shortest HELLO deadline (the {@code helloTimeout} setting)
     */
    HandshakeMonitor(Duration handshakeFloor, Duration hello) {
        this(handshakeFloor, hello, TransportSecurity.NONE, new GreetingActivity());
    }

    /**
     * As above, for links secured by the mechanism (whose handshake failures are then watched), on a
     * context whose greetings {@code activity} follows.
     */
    HandshakeMonitor(Duration handshakeFloor, Duration hello, TransportSecurity security, GreetingActivity activity) {
        this.security = security;
        this.activity = activity;
        this.stallFloorNanos = handshakeFloor.toNanos();
        this.stallCapNanos = stallFloorNanos * CAP_FACTOR;
        this.helloFloorNanos = hello.toNanos();
        this.helloCapNanos = helloFloorNanos * CAP_FACTOR;
    }

    /** The longest a ZMTP handshake may take before JeroMQ itself gives up on it: the stall cap. */
    Duration socketHandshakeDeadline() {
        return Duration.ofNanos(stallCapNanos);
    }

    /** The current stall deadline: {@value #FACTOR}× the slowest recent greeting, within floor and cap. */
    long stallDeadlineNanos() {
        return Math.max(stallFloorNanos, Math.min(stallCapNanos, greetings.slowest() * FACTOR));
    }

    /** The current first HELLO deadline: {@value #FACTOR}× the slowest recent HELLO, within floor and cap. */
    long helloDeadlineNanos() {
        return Math.max(helloFloorNanos, Math.min(helloCapNanos, hellos.slowest() * FACTOR));
    }

    /** A peer we connected to said HELLO this long after we opened the connection. */
    void helloAfter(long nanos) {
        hellos.record(nanos);
    }

    /** The greeting activity of the context this node's connections belong to. */
    GreetingActivity activity() {
        return activity;
    }

    /** Looks at the peer's connection and asks for what is due. */
    void check(Peer peer, long now, Actions actions) {
        PeerConnection c = peer.connection;
        if (c == null) {
            return;
        }
        ConnectionProgress p = c.progress();
        dev.zre.HandshakeFailure failure = failure(p, peer.ready);
        if (failure != null) {
            actions.handshakeFailed(peer, failure);
            return;
        }
        if (p.refused()) {
            if (!peer.ready) {
                actions.refused(peer); // an entered peer that went away is liveness's business
            }
            return;
        }
        if (stalled(c, now, peer.stalls)) {
            actions.stalled(peer);
            return;
        }
        long handshakeAt = p.handshakeAt();
        if (peer.ready || (p.connectedAt() != 0 && handshakeAt == 0)) {
            return; // entered, or its greeting is still on its way
        }
        long since = handshakeAt != 0 ? handshakeAt : c.openedAt();
        long waited = now - since;
        if (waited >= c.helloDeadline(() -> jittered(helloDeadlineNanos()) << Math.min(peer.rebuilds, 16))
                && (waited >= helloCapNanos || !greetingsBusy(since, now))) {
            actions.helloOverdue(peer);
        }
    }

    /**
     * Whether the context's I/O threads are still working through many greetings (many connections
     * wait for one, and one came within the stall floor): a peer's HELLO comes on its connection
     * back to us, which then waits its turn like ours did, so its HELLO is late, not missing.
     */
    private boolean greetingsBusy(long since, long now) {
        return activity.awaiting() > QUIET_HANDSHAKES && activity.quietFor(since, now) < stallFloorNanos;
    }

    /**
     * Why the secured handshake failed, or null. JeroMQ 0.6.0 reports no success event for CURVE, so
     * a link closed right after the greeting counts as a wrong server key only while the peer has
     * not entered (an entered peer that goes away is liveness's business).
     */
    dev.zre.@org.jspecify.annotations.Nullable HandshakeFailure failure(ConnectionProgress p, boolean ready) {
        if (!security.secured()) {
            return null;
        }
        ConnectionProgress.Failure f = p.failure();
        if (f == null) {
            return null;
        }
        return switch (f) {
            case AUTH -> security.authFailure();
            case PROTOCOL -> dev.zre.HandshakeFailure.MECHANISM_MISMATCH;
            case CLOSED_IN_HANDSHAKE -> ready ? null
                    : security.mechanism() == dev.zre.security.ZreSecurity.Mechanism.CURVE
                            ? dev.zre.HandshakeFailure.WRONG_SERVER_KEY : dev.zre.HandshakeFailure.MECHANISM_MISMATCH;
        };
    }

    /**
     * Whether the connection's TCP is up and its greeting overdue: past the cap, or past the stall
     * deadline while the context's I/O threads are evidently not too busy for it (few connections
     * wait for a greeting, or no greeting came anywhere on the context for a whole deadline). The
     * deadline doubles with each stall already seen on the same link, so that a host too loaded to
     * greet in time is not made busier by rebuilds. Also records the greeting times the deadline is
     * based on: only of connections that came up while the context was quiet, since in a burst the
     * time a greeting waits for its turn says nothing about how long one takes.
     *
     * @param earlierStalls stalls already seen on this link
     */
    boolean stalled(PeerConnection c, long now, int earlierStalls) {
        ConnectionProgress p = c.progress();
        long connectedAt = p.connectedAt();
        long handshakeAt = p.handshakeAt();
        if (handshakeAt != 0 && !c.handshakeRecorded()) {
            c.markHandshakeRecorded();
            if (p.awaitedAtConnect() <= QUIET_HANDSHAKES) {
                greetings.record(handshakeAt - (connectedAt != 0 ? connectedAt : c.openedAt()));
            }
        }
        if (connectedAt == 0 || handshakeAt != 0) {
            return false;
        }
        long waited = now - connectedAt;
        if (waited >= stallCapNanos << Math.min(earlierStalls, 3)) {
            return true;
        }
        long deadline = c.stallDeadline(() -> jittered(stallDeadlineNanos()) << Math.min(earlierStalls, 5));
        if (waited < deadline) {
            return false;
        }
        return activity.awaiting() <= QUIET_HANDSHAKES || activity.quietFor(connectedAt, now) >= deadline;
    }

    private static long jittered(long deadline) {
        return deadline + ThreadLocalRandom.current().nextLong(deadline / 4 + 1);
    }
}
