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
 * the slowest recent handshake (at least the floor, with jitter so that rebuilds do not come in
 * waves) while connections that came up after it were greeted, or while few handshakes were under
 * way; or once it has waited the cap;</li>
 * <li><b>no HELLO</b>: the connection works but the peer has not said HELLO — rebuild with a
 * deadline that doubles per attempt (the caller gives up after a few), or give up at once when
 * room is short;</li>
 * <li>no answer at all (TCP not up, not refused): judged by the HELLO deadline too.</li>
 * </ul>
 * Time is passed in (monotonic nanoseconds), so every rule is testable without a clock.
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
     * With at most this many connections waiting for their greeting, the I/O threads are not busy:
     * a greeting late by the stall deadline is a stall even when no younger connection got past it.
     */
    private static final int QUIET_HANDSHAKES = 8;
    /** How many recent handshake times the stall deadline is based on. */
    private static final int SAMPLES = 32;
    /** The stall deadline is this many times the slowest recent handshake. */
    private static final int STALL_FACTOR = 4;
    /** The cap is this many times the floor. */
    private static final int CAP_FACTOR = 10;

    private final long floorNanos;
    private final long capNanos;
    private final long helloNanos;
    private final TransportSecurity security;
    private final long[] recent = new long[SAMPLES];
    private int recorded;
    /** When the newest connection whose greeting we have seen came up: proof the I/O threads get past older ones. */
    private long newestGreetedConnectedAt;
    private boolean anyGreeted;
    /** Connections waiting for their greeting, counted over the last complete pass and the current one. */
    private int awaitingGreetingLastPass;
    private int awaitingGreetingThisPass;

    /**
     * @param handshakeFloor the shortest stall deadline (the {@code handshakeInterval} setting)
     * @param hello how long a working connection may go without the peer's HELLO at first
     */
    HandshakeMonitor(Duration handshakeFloor, Duration hello) {
        this(handshakeFloor, hello, TransportSecurity.NONE);
    }

    /** As above, for links secured by the mechanism (whose handshake failures are then watched). */
    HandshakeMonitor(Duration handshakeFloor, Duration hello, TransportSecurity security) {
        this.security = security;
        this.floorNanos = handshakeFloor.toNanos();
        this.capNanos = floorNanos * CAP_FACTOR;
        this.helloNanos = hello.toNanos();
    }

    /** The longest a ZMTP handshake may take before JeroMQ itself gives up on it: the cap. */
    Duration socketHandshakeDeadline() {
        return Duration.ofNanos(capNanos);
    }

    /** The current stall deadline: {@value #STALL_FACTOR}× the slowest recent handshake, within floor and cap. */
    long stallDeadlineNanos() {
        long slowest = 0;
        for (int i = 0; i < Math.min(recorded, SAMPLES); i++) {
            slowest = Math.max(slowest, recent[i]);
        }
        return Math.max(floorNanos, Math.min(capNanos, slowest * STALL_FACTOR));
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
        if (stalled(c, now)) {
            actions.stalled(peer);
            return;
        }
        long handshakeAt = p.handshakeAt();
        if (p.connectedAt() != 0 && handshakeAt == 0) {
            return; // greeting still on its way
        }
        if (!peer.ready) {
            long since = handshakeAt != 0 ? handshakeAt : c.openedAt();
            if (now - since >= helloNanos << Math.min(peer.rebuilds, 16)) {
                actions.helloOverdue(peer);
            }
        }
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
     * deadline while the I/O threads are evidently not too busy for it (younger connections were
     * greeted, or few are waiting). Also records the handshake times the deadline is based on.
     */
    boolean stalled(PeerConnection c, long now) {
        ConnectionProgress p = c.progress();
        long connectedAt = p.connectedAt();
        long handshakeAt = p.handshakeAt();
        if (handshakeAt != 0 && !c.handshakeRecorded()) {
            c.markHandshakeRecorded();
            long upAt = connectedAt != 0 ? connectedAt : c.openedAt();
            record(handshakeAt - upAt);
            if (!anyGreeted || upAt - newestGreetedConnectedAt > 0) {
                newestGreetedConnectedAt = upAt;
                anyGreeted = true;
            }
        }
        if (connectedAt == 0 || handshakeAt != 0) {
            return false;
        }
        awaitingGreetingThisPass++;
        long waited = now - connectedAt;
        if (waited >= capNanos) {
            return true;
        }
        boolean othersGotPast = anyGreeted && newestGreetedConnectedAt - connectedAt > 0;
        boolean quiet = awaitingGreetingLastPass <= QUIET_HANDSHAKES;
        return (othersGotPast || quiet) && waited >= c.stallDeadline(this::jitteredStallDeadline);
    }

    /** Ends one pass over all connections (the load figure for the next pass). */
    void endPass() {
        awaitingGreetingLastPass = awaitingGreetingThisPass;
        awaitingGreetingThisPass = 0;
    }

    private long jitteredStallDeadline() {
        long deadline = stallDeadlineNanos();
        return deadline + ThreadLocalRandom.current().nextLong(deadline / 4 + 1);
    }

    private void record(long handshakeNanos) {
        recent[recorded % SAMPLES] = Math.max(0, handshakeNanos);
        recorded++;
    }
}
