package dev.zre;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zre.protocol.ZreMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When EVASIVE, SILENT and EXIT(EXPIRED) fire, with short timeouts: evasive 300 ms, expired 2 s.
 * A quiet peer is pinged from half the evasive timeout on, reported EVASIVE after the evasive
 * timeout, SILENT after twice that, and EXIT when the expired timeout passes.
 */
class LivenessTest {

    private static final Duration EVASIVE = Duration.ofMillis(300);
    private static final Duration EXPIRED = Duration.ofMillis(2000);
    private static final Duration DEADLINE = Duration.ofSeconds(5);

    private static ZreConfig.Builder shortTimeouts(TestNodes nodes, String name) {
        return nodes.config(name).evasiveTimeout(EVASIVE).expiredTimeout(EXPIRED);
    }

    @Test
    void quietPeerIsPingedThenReportedEvasiveThenSilentThenExpired() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start(shortTimeouts(nodes, "a"));
            try (RawPeer quiet = RawPeer.connectedTo(a.node())) {
                quiet.hello("quiet");
                List<ZreEvent> seen = a.collect(e -> e instanceof ZreEvent.PeerEvent p && p.peer().equals(quiet.uuid), 4, DEADLINE);
                assertThat(seen).extracting(ZreEvent::type)
                        .containsExactly(ZreEventType.ENTER, ZreEventType.EVASIVE, ZreEventType.SILENT, ZreEventType.EXIT);
                assertThat(((ZreEvent.Exit) seen.get(3)).reason()).isEqualTo(ExitReason.EXPIRED);
                assertThat(a.node().statistics().messagesSent(MessageType.PING)).isPositive(); // it was asked, it did not answer
                assertThat(a.node().peers()).doesNotContain(quiet.uuid);
                assertThat(a.node().statistics().peersExited(ExitReason.EXPIRED)).isEqualTo(1);
            }
        }
    }

    @Test
    void evasivePeerThatSpeaksAgainStartsANewQuietSpell() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start(nodes.config("a").evasiveTimeout(Duration.ofMillis(500)).expiredTimeout(Duration.ofSeconds(3)));
            try (RawPeer peer = RawPeer.connectedTo(a.node())) {
                peer.hello("sleepy");
                a.await(ZreEvent.Evasive.class, e -> e.peer().equals(peer.uuid), DEADLINE);
                assertThat(a.node().peer(peer.uuid).orElseThrow().state()).isNotEqualTo(PeerState.ALIVE);
                peer.send(new ZreMessage.PingOk());
                TestNodes.eventually(DEADLINE, "peer alive again",
                        () -> a.node().peer(peer.uuid).orElseThrow().state() == PeerState.ALIVE);
                // EVASIVE is reported once per spell: a second one means the PING-OK ended the first spell
                a.await(ZreEvent.Evasive.class, e -> e.peer().equals(peer.uuid), DEADLINE);
                assertThat(a.node().statistics().peersExited(ExitReason.EXPIRED)).isZero();
                assertThat(a.node().peers()).contains(peer.uuid);
            }
        }
    }

    @Test
    void idleButHealthyPeersAnswerPingsAndAreNeverReportedEvasive() throws Exception {
        // the answer to a PING sent at half the evasive timeout has the other half (less one check) to
        // arrive: 1 s leaves a loaded test machine ample room
        Duration evasive = Duration.ofSeconds(1);
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start(nodes.config("a").evasiveTimeout(evasive).expiredTimeout(evasive.multipliedBy(3)));
            TestNodes.Started b = nodes.start(nodes.config("b").evasiveTimeout(evasive).expiredTimeout(evasive.multipliedBy(3)));
            a.awaitEnter(b.node());
            // idle: only PING/PING-OK flow. No event marks "a quiet spell passed without EVASIVE", so this
            // is a bounded check: b stays a's peer for 2.5 evasive timeouts
            await("b stays a's peer while idle").during(evasive.multipliedBy(5).dividedBy(2))
                    .atMost(evasive.multipliedBy(5)).until(() -> a.node().peers().contains(b.node().uuid()));
            assertThat(a.node().peers()).containsExactly(b.node().uuid());
            ZreStatistics stats = a.node().statistics(); // whichever side pings first keeps both alive
            assertThat(stats.messagesReceived(MessageType.PING) + stats.messagesReceived(MessageType.PING_OK)).isPositive();
            assertThat(a.node().statistics().peersExited(ExitReason.EXPIRED)).isZero();
            ZreEvent e;
            while ((e = a.inbox().poll()) != null) {
                assertThat(e.type()).isNotIn(ZreEventType.EVASIVE, ZreEventType.SILENT, ZreEventType.EXIT);
            }
        }
    }

    @Test
    void nodeStoppedWithoutBeaconsOrGoodbyeExpiresOnItsPeer() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start(shortTimeouts(nodes, "a").beaconEnabled(false));
            try (RawPeer vanishing = RawPeer.connectedTo(a.node())) {
                vanishing.hello("vanishing");
                a.await(ZreEvent.Enter.class, e -> e.peer().equals(vanishing.uuid), DEADLINE);
            } // its sockets close without GOODBYE or port-0 beacon
            ZreEvent.Exit exit = a.await(ZreEvent.Exit.class, e -> true, DEADLINE);
            assertThat(exit.reason()).isEqualTo(ExitReason.EXPIRED);
        }
    }
}
