package dev.zre.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Refused, slow, stalled and silent-at-HELLO connections told apart, on a clock the test moves and
 * with JeroMQ's reports played by the test.
 */
class HandshakeMonitorTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    /** The greetings of the (pretend) JeroMQ context every connection of the test belongs to. */
    private final GreetingActivity context = new GreetingActivity();

    /** Floor 1 s (cap 10 s), HELLO deadline 3 s. */
    private final HandshakeMonitor monitor = new HandshakeMonitor(Duration.ofSeconds(1), Duration.ofSeconds(3),
            TransportSecurity.NONE, context);

    private final List<String> actions = new ArrayList<>();

    private final HandshakeMonitor.Actions recorder = new HandshakeMonitor.Actions() {
        @Override
        public void refused(Peer peer) {
            actions.add("refused");
        }

        @Override
        public void stalled(Peer peer) {
            actions.add("stalled");
        }

        @Override
        public void helloOverdue(Peer peer) {
            actions.add("helloOverdue");
        }
    };

    /** A peer found by a discovery, its connection opened at {@code openedAtMillis}. */
    private Peer connecting(long openedAtMillis) {
        Peer peer = new Peer(UUID.randomUUID(), "tcp://127.0.0.1:1", openedAtMillis * MS);
        // no socket: the monitor only reads the connection's progress and times
        peer.connection = new PeerConnection(null, peer.endpoint, openedAtMillis * MS, new ConnectionProgress(context));
        return peer;
    }

    private static ConnectionProgress progress(Peer peer) {
        return peer.connection.progress();
    }

    private List<String> check(Peer peer, long atMillis) {
        actions.clear();
        monitor.check(peer, atMillis * MS, recorder);
        return List.copyOf(actions);
    }

    @Test
    void aRefusedConnectionIsReportedAtOnce() {
        Peer peer = connecting(0);
        progress(peer).connectFailed(5 * MS);
        assertThat(check(peer, 10)).containsExactly("refused");
    }

    @Test
    void aRefusalAfterTcpWasUpIsNotARefusal() {
        Peer peer = connecting(0);
        progress(peer).connected(5 * MS);
        progress(peer).greeted(6 * MS);
        progress(peer).connectFailed(900 * MS); // JeroMQ reconnecting after a loss
        assertThat(check(peer, 1000)).isEmpty();
    }

    @Test
    void anEnteredPeerWhoseEndpointRefusesIsLeftToLiveness() {
        Peer peer = connecting(0);
        peer.ready = true;
        progress(peer).connectFailed(5 * MS);
        assertThat(check(peer, 10)).isEmpty();
    }

    /** Twenty other connections of the context (other nodes' too) waiting for their greeting. */
    private List<Peer> busyContext() {
        List<Peer> waiting = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Peer other = connecting(0);
            progress(other).connected(10 * MS);
            waiting.add(other);
        }
        return waiting;
    }

    /** One more connection of the context comes up and is greeted at {@code atMillis}: the I/O threads get on. */
    private void anotherGreeted(long atMillis) {
        Peer other = connecting(atMillis - 20);
        progress(other).connected((atMillis - 10) * MS);
        progress(other).greeted(atMillis * MS);
    }

    @Test
    void aSlowGreetingIsNotAStallWhileManyWaitAndGreetingsKeepComing() {
        Peer slow = connecting(0);
        progress(slow).connected(10 * MS);
        busyContext();
        for (long t = 500; t <= 10_000; t += 500) {
            anotherGreeted(t);
            assertThat(check(slow, t + 9)).as("at %d ms, others greeted meanwhile: load, not a stall", t).isEmpty();
        }
        assertThat(check(slow, 10_010)).as("the cap").containsExactly("stalled");
    }

    @Test
    void aYoungerConnectionGreetedFirstIsNoProofOfAStall() {
        Peer old = connecting(0);
        progress(old).connected(10 * MS);
        busyContext();
        Peer younger = connecting(100);
        progress(younger).connected(110 * MS);
        progress(younger).greeted(900 * MS); // JeroMQ serves greetings in selector order
        assertThat(check(younger, 950)).isEmpty();
        assertThat(check(old, 1_300)).as("past the floor, but a greeting came 400 ms ago").isEmpty();
    }

    @Test
    void aConnectionIsStalledWhenNoGreetingCameOnTheContextForAWholeDeadlineThoughManyWait() {
        Peer stuck = connecting(0);
        progress(stuck).connected(10 * MS);
        busyContext();
        anotherGreeted(200);
        assertThat(check(stuck, 1_000)).as("within the floor").isEmpty();
        assertThat(check(stuck, 1_150)).as("a greeting came less than a deadline ago").isEmpty();
        assertThat(check(stuck, 1_460)).as("nothing greeted for the floor plus at most a quarter of jitter")
                .containsExactly("stalled");
    }

    @Test
    void aLateGreetingWhileFewWaitIsAStall() {
        Peer stuck = connecting(0);
        progress(stuck).connected(10 * MS);
        anotherGreeted(1_000);
        assertThat(check(stuck, 1_000)).as("within the floor").isEmpty();
        assertThat(check(stuck, 1_260)).as("past the floor plus at most a quarter of jitter")
                .containsExactly("stalled");
    }

    @Test
    void aClosedConnectionNoLongerCountsAsWaiting() {
        List<Peer> waiting = busyContext();
        assertThat(context.awaiting()).isEqualTo(20);
        progress(waiting.get(0)).closed();
        progress(waiting.get(1)).greeted(20 * MS);
        progress(waiting.get(1)).closed();
        assertThat(context.awaiting()).isEqualTo(18);
    }

    @Test
    void eachStallSeenOnALinkDoublesItsNextStallDeadline() {
        Peer peer = connecting(0);
        peer.stalls = 1;
        progress(peer).connected(10 * MS);
        assertThat(check(peer, 2_000)).as("within twice the floor").isEmpty();
        assertThat(check(peer, 2_510)).as("past twice the floor plus jitter").containsExactly("stalled");
    }

    @Test
    void greetingsThatWaitedTheirTurnInABusyContextDoNotRaiseTheStallDeadline() {
        busyContext();
        Peer queued = connecting(0);
        progress(queued).connected(10 * MS);
        progress(queued).greeted(3_000 * MS);
        check(queued, 3_100);
        assertThat(monitor.stallDeadlineNanos()).isEqualTo(1_000 * MS);
    }

    @Test
    void theStallDeadlineFollowsTheSlowestRecentHandshakeWithinFloorAndCap() {
        assertThat(monitor.stallDeadlineNanos()).isEqualTo(1_000 * MS);
        Peer a = connecting(0);
        progress(a).connected(0);
        progress(a).greeted(600 * MS);
        check(a, 700);
        assertThat(monitor.stallDeadlineNanos()).as("4 × 600 ms").isEqualTo(2_400 * MS);
        Peer b = connecting(0);
        progress(b).connected(0);
        progress(b).greeted(5_000 * MS);
        check(b, 5_100);
        assertThat(monitor.stallDeadlineNanos()).as("capped at 10 × the floor").isEqualTo(10_000 * MS);
        assertThat(monitor.socketHandshakeDeadline()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aWorkingConnectionWithoutHelloIsOverdueAfterTheDeadlineWhichDoublesPerRebuild() {
        Peer peer = connecting(0);
        progress(peer).connected(1 * MS);
        progress(peer).greeted(2 * MS);
        assertThat(check(peer, 3_001)).as("within the 3 s floor").isEmpty();
        assertThat(check(peer, 3_752)).as("past the floor plus at most a quarter of jitter")
                .containsExactly("helloOverdue");
        peer.rebuilds = 1;
        peer.connection = new PeerConnection(null, peer.endpoint, 4_000 * MS, new ConnectionProgress(context));
        progress(peer).connected(4_001 * MS);
        progress(peer).greeted(4_002 * MS);
        assertThat(check(peer, 10_001)).as("the second attempt waits twice as long").isEmpty();
        assertThat(check(peer, 11_502)).containsExactly("helloOverdue");
    }

    @Test
    void aHelloIsNotOverdueWhileTheContextIsBusyWithGreetingsUpToTheCap() {
        Peer peer = connecting(0);
        progress(peer).connected(1 * MS);
        progress(peer).greeted(2 * MS);
        busyContext(); // the peer's connection back to us waits its turn among these
        for (long t = 4_000; t < 30_000; t += 500) {
            anotherGreeted(t);
            assertThat(check(peer, t + 9)).as("at %d ms, greetings still coming", t).isEmpty();
        }
        assertThat(check(peer, 30_002)).as("10 × the HELLO floor").containsExactly("helloOverdue");
    }

    @Test
    void aHelloIsOverdueWhenGreetingsStoppedThoughManyWait() {
        Peer peer = connecting(0);
        progress(peer).connected(1 * MS);
        progress(peer).greeted(2 * MS);
        busyContext();
        anotherGreeted(3_000);
        assertThat(check(peer, 3_752)).as("past the HELLO deadline, but a greeting came 752 ms ago").isEmpty();
        assertThat(check(peer, 3_990)).isEmpty();
        assertThat(check(peer, 4_001)).as("none for the stall floor").containsExactly("helloOverdue");
    }

    @Test
    void theHelloDeadlineFollowsHowLongPeersRecentlyTookToSayHello() {
        assertThat(monitor.helloDeadlineNanos()).isEqualTo(3_000 * MS);
        monitor.helloAfter(1_500 * MS);
        assertThat(monitor.helloDeadlineNanos()).as("4 × 1.5 s").isEqualTo(6_000 * MS);
        monitor.helloAfter(60_000 * MS);
        assertThat(monitor.helloDeadlineNanos()).as("capped at 10 × the floor").isEqualTo(30_000 * MS);
    }

    @Test
    void aConnectionThatNeverGotAnAnswerIsJudgedByTheHelloDeadline() {
        Peer peer = connecting(0);
        assertThat(check(peer, 2_999)).isEmpty();
        assertThat(check(peer, 3_751)).containsExactly("helloOverdue");
    }

    @Test
    void anEnteredPeerIsNeverOverdue() {
        Peer peer = connecting(0);
        peer.ready = true;
        progress(peer).connected(1 * MS);
        progress(peer).greeted(2 * MS);
        assertThat(check(peer, 600_000)).isEmpty();
    }
}
