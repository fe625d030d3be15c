package dev.zre.internal;

import dev.zre.PeerState;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Decides, from how long a peer has been quiet, what the node does about it. With <i>E</i> the
 * evasive timeout and <i>X</i> the expired timeout: from <i>E</i>/2 of silence a PING every
 * <i>E</i>/2; EVASIVE at <i>E</i> and SILENT at 2<i>E</i>, once per quiet spell, and every 2<i>E</i>
 * after SILENT a call to try the link again; EXPIRED at <i>X</i>. Peers that have not said HELLO yet are left to the {@link HandshakeMonitor}. Time is passed in (monotonic nanoseconds), so every
 * rule is testable without a clock.
 */
final class LivenessMonitor {

    /** What the node does; the monitor has already updated the peer's liveness state. */
    interface Actions {

        void ping(Peer peer);

        void evasive(Peer peer);

        void silent(Peer peer);

        /** Still SILENT one more silent spell after {@link #silent} or the last call of this: try the link again. */
        void stillSilent(Peer peer);

        void expired(Peer peer);
    }

    private final long pingAfterNanos;
    private final long evasiveNanos;
    private final long silentNanos;
    private final long expiredNanos;

    LivenessMonitor(Duration evasive, Duration expired) {
        this.evasiveNanos = evasive.toNanos();
        this.pingAfterNanos = evasiveNanos / 2;
        this.silentNanos = 2 * evasiveNanos;
        this.expiredNanos = expired.toNanos();
    }

    /** How often {@link #check} should run: <i>E</i>/5, at least every 10 ms and at most every second. */
    long checkIntervalNanos() {
        return Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(TimeUnit.SECONDS.toNanos(1), evasiveNanos / 5));
    }

    /** Looks at one peer and asks for what is due. */
    void check(Peer peer, long now, Actions actions) {
        if (!peer.ready) {
            return; // not entered yet: the HandshakeMonitor's business
        }
        long silence = now - peer.lastHeard;
        if (silence >= expiredNanos) {
            actions.expired(peer);
            return;
        }
        if (silence >= pingAfterNanos && now - peer.lastPingSent >= pingAfterNanos) {
            peer.lastPingSent = now;
            actions.ping(peer);
        }
        if (silence >= evasiveNanos && !peer.evasiveReported) {
            peer.evasiveReported = true;
            peer.state = PeerState.EVASIVE;
            actions.evasive(peer);
        }
        if (silence >= silentNanos) {
            if (!peer.silentReported) {
                peer.silentReported = true;
                peer.state = PeerState.SILENT;
                peer.relinkedAt = now;
                actions.silent(peer);
            } else if (now - peer.relinkedAt >= silentNanos) {
                // the new link did not help (its HELLO can be lost when the peer's ROUTER hands the
                // identity over): another one, each silent spell, until the peer speaks or expires
                peer.relinkedAt = now;
                actions.stillSilent(peer);
            }
        }
    }
}
