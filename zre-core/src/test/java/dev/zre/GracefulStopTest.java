package dev.zre;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link ZreNode#stop(Duration)}: LEAVE for each group, then EXIT, and the groups come back with the
 * next start. The nodes find each other by static endpoint, without beacons, so every message of
 * the stopping node travels on one connection (LEAVEs, then GOODBYE) and the order seen is exact.
 */
class GracefulStopTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @Test
    void peerSeesLeaveForEachGroupThenExitLeftAndTheRestartedNodeJoinsAgain() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started bob = nodes.start("bob", c -> c.beaconEnabled(false));
            TestNodes.Started alice = nodes.start("alice", c -> c.beaconEnabled(false)
                    .endpoint(bob.node().endpoint().orElseThrow()).group("G").group("H"));
            alice.awaitEnter(bob.node());
            bob.awaitEnter(alice.node());
            bob.collect(e -> e instanceof ZreEvent.Join j && j.peer().equals(alice.node().uuid()), 2, DEADLINE);

            alice.node().stop(Duration.ofSeconds(2));

            List<ZreEvent> seen = bob.collect(TestNodes.Started.of(alice.node()), 3, DEADLINE);
            assertThat(seen.subList(0, 2)).allMatch(ZreEvent.Leave.class::isInstance)
                    .extracting(e -> ((ZreEvent.Leave) e).group()).containsExactlyInAnyOrder("G", "H");
            assertThat(seen.get(2)).isInstanceOfSatisfying(ZreEvent.Exit.class,
                    exit -> assertThat(exit.reason()).isEqualTo(ExitReason.LEFT));
            assertThat(alice.node().ownGroups()).isEqualTo(Set.of("G", "H"));

            alice.node().start();

            assertThat(bob.await(ZreEvent.Enter.class, e -> e.peer().equals(alice.node().uuid()), DEADLINE)).isNotNull();
            List<ZreEvent> joins = bob.collect(e -> e instanceof ZreEvent.Join j && j.peer().equals(alice.node().uuid()),
                    2, DEADLINE);
            assertThat(joins).extracting(e -> ((ZreEvent.Join) e).group()).containsExactlyInAnyOrder("G", "H");
        }
    }

    @Test
    void zeroGraceStopsWithoutLeaving() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started bob = nodes.start("bob", c -> c.beaconEnabled(false));
            TestNodes.Started alice = nodes.start("alice", c -> c.beaconEnabled(false)
                    .endpoint(bob.node().endpoint().orElseThrow()).group("G"));
            alice.awaitEnter(bob.node());
            bob.await(ZreEvent.Join.class, j -> j.peer().equals(alice.node().uuid()));

            alice.node().stop(Duration.ZERO);

            // a LEAVE would travel ahead of the GOODBYE on the same connection
            List<ZreEvent> seen = bob.collect(TestNodes.Started.of(alice.node()), 1, DEADLINE);
            assertThat(seen.get(0)).isInstanceOfSatisfying(ZreEvent.Exit.class,
                    exit -> assertThat(exit.reason()).isEqualTo(ExitReason.LEFT));
        }
    }
}
