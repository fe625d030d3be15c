package dev.zre.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zre.PeerState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the liveness check asks for as a peer stays quiet, on a clock the test moves. */
class LivenessMonitorTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    /** E = 1 s, X = 5 s. */
    private final LivenessMonitor monitor = new LivenessMonitor(Duration.ofSeconds(1), Duration.ofSeconds(5));

    private final List<String> actions = new ArrayList<>();

    private final LivenessMonitor.Actions recorder = new LivenessMonitor.Actions() {
        @Override
        public void ping(Peer peer) {
            actions.add("ping");
        }

        @Override
        public void evasive(Peer peer) {
            actions.add("evasive");
        }

        @Override
        public void silent(Peer peer) {
            actions.add("silent");
        }

        @Override
        public void stillSilent(Peer peer) {
            actions.add("still silent");
        }

        @Override
        public void expired(Peer peer) {
            actions.add("expired");
        }
    };

    private static Peer enteredPeer() {
        Peer peer = new Peer(UUID.randomUUID(), "tcp://127.0.0.1:1", 0);
        peer.ready = true;
        return peer;
    }

    private List<String> check(Peer peer, long atMillis) {
        actions.clear();
        monitor.check(peer, atMillis * MS, recorder);
        return List.copyOf(actions);
    }

    @Test
    void aQuietPeerIsPingedThenReportedEvasiveSilentAndExpired() {
        Peer peer = enteredPeer();
        assertThat(check(peer, 400)).isEmpty();
        assertThat(check(peer, 500)).containsExactly("ping");
        assertThat(check(peer, 600)).as("no second ping within E/2").isEmpty();
        assertThat(check(peer, 1000)).containsExactly("ping", "evasive");
        assertThat(peer.state).isEqualTo(PeerState.EVASIVE);
        assertThat(check(peer, 1200)).as("EVASIVE once per spell").isEmpty();
        assertThat(check(peer, 2000)).containsExactly("ping", "silent");
        assertThat(peer.state).isEqualTo(PeerState.SILENT);
        assertThat(check(peer, 5000)).containsExactly("expired");
    }

    @Test
    void aPeerStillSilentAfterItsLinkWasRebuiltGetsAnotherLinkEachSilentSpellUntilItExpires() {
        LivenessMonitor longExpiry = new LivenessMonitor(Duration.ofSeconds(1), Duration.ofSeconds(10));
        Peer peer = enteredPeer();
        List<String> seen = new ArrayList<>();
        for (long ms = 200; ms <= 10_000; ms += 200) {
            actions.clear();
            longExpiry.check(peer, ms * MS, recorder);
            for (String a : actions) {
                if (!a.equals("ping")) {
                    seen.add(a + "@" + ms);
                }
            }
        }
        // SILENT at 2 s, then every 2 s (E = 1 s) a new link, then expiry at 10 s
        assertThat(seen).containsExactly("evasive@1000", "silent@2000", "still silent@4000", "still silent@6000",
                "still silent@8000", "expired@10000");
    }

    @Test
    void hearingFromThePeerStartsANewSpell() {
        Peer peer = enteredPeer();
        check(peer, 1000);
        peer.heard(1500 * MS);
        assertThat(peer.state).isEqualTo(PeerState.ALIVE);
        assertThat(check(peer, 1900)).as("0.4 s after the message").isEmpty();
        assertThat(check(peer, 2000)).containsExactly("ping");
        assertThat(check(peer, 2500)).as("EVASIVE again in the new spell").containsExactly("ping", "evasive");
    }

    @Test
    void silentIsNeverReportedWhenExpiryComesFirst() {
        LivenessMonitor shortExpiry = new LivenessMonitor(Duration.ofSeconds(1), Duration.ofMillis(1500));
        Peer peer = enteredPeer();
        actions.clear();
        shortExpiry.check(peer, 1000 * MS, recorder);
        shortExpiry.check(peer, 1500 * MS, recorder);
        shortExpiry.check(peer, 2000 * MS, recorder);
        assertThat(actions).doesNotContain("silent").contains("evasive", "expired");
    }

    @Test
    void aPeerThatHasNotSaidHelloIsLeftToTheHandshakeMonitor() {
        Peer peer = new Peer(UUID.randomUUID(), "tcp://127.0.0.1:1", 0);
        assertThat(check(peer, 60_000)).isEmpty();
    }

    @Test
    void checksRunAFifthOfTheEvasiveTimeoutApartWithinBounds() {
        assertThat(monitor.checkIntervalNanos()).isEqualTo(200 * MS);
        assertThat(new LivenessMonitor(Duration.ofMillis(20), Duration.ofSeconds(1)).checkIntervalNanos())
                .isEqualTo(10 * MS);
        assertThat(new LivenessMonitor(Duration.ofSeconds(60), Duration.ofSeconds(120)).checkIntervalNanos())
                .isEqualTo(1000 * MS);
    }
}
