package dev.zre.internal.election;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zre.PeerId;
import dev.zre.internal.election.ElectionNetwork.Node;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whole elections among several engines on an in-memory network: who wins, how often LEADER is
 * reported, what happens when the leader goes, when a member stays silent or a message is lost, and
 * what a partition does. Ids: {@code M < E2 < E1 < E3 < E4}; M never contests.
 */
class ElectionNetworkTest {

    static final PeerId M = LeaderElectionsTest.id('1');
    static final PeerId E2 = LeaderElectionsTest.id('6');
    static final PeerId E1 = LeaderElectionsTest.id('8');
    static final PeerId E3 = LeaderElectionsTest.id('C');
    static final PeerId E4 = LeaderElectionsTest.id('E');

    final ElectionNetwork net = new ElectionNetwork(Duration.ofSeconds(5));

    /** E1, E2, E3 contesting and M a member, started one after the other as in zyre's trace. */
    void startAll() {
        net.start(E1, true);
        net.start(E2, true);
        net.settle();
        net.start(E3, true);
        net.settle();
        net.start(M, false);
        net.settle();
    }

    void assertEveryNodeLastDecided(PeerId leader) {
        for (Node node : net.nodes.values()) {
            assertThat(node.lastDecision()).as("leader decided by %s", node.id).isEqualTo(leader);
            assertThat(node.engine.leader(ElectionNetwork.G)).contains(leader);
            assertThat(node.engine.electing(ElectionNetwork.G)).isFalse();
        }
    }

    @Test
    void theLowestContestingIdWinsAndANonContestingMemberNeverDoes() {
        startAll();

        assertEveryNodeLastDecided(E2);
        // as in zyre's trace: a LEADER after every completed election, also when the leader stays
        assertThat(net.node(E1).decisions).containsExactly(E2, E2, E2);
        assertThat(net.node(E3).decisions).containsExactly(E2, E2);
        assertThat(net.node(M).decisions).containsExactly(E2);
    }

    @Test
    void nodesStartingTogetherAgreeAsWell() {
        net.start(E3, true);
        net.start(M, false);
        net.start(E1, true);
        net.start(E2, true);
        net.settle();

        assertEveryNodeLastDecided(E2);
    }

    @Test
    void whenTheLeaderStopsTheNextLowestContestingNodeLeadsAfterOneRound() {
        startAll();

        net.stop(E2);
        net.settle();

        assertEveryNodeLastDecided(E1);
        assertThat(net.node(M).decisions).containsExactly(E2, E1);
    }

    @Test
    void whenTheChallengerStopsMidElectionItsWaveDiesOutWhateverIsInFlight() {
        for (int delivered = 0; delivered < 40; delivered++) {
            ElectionNetwork n = new ElectionNetwork(Duration.ofSeconds(5));
            n.start(E2, true);
            n.start(E1, true);
            n.start(E3, true);
            n.deliver(delivered);
            n.stop(E2);
            n.settle(); // fails when ELECT/LEADER naming the gone E2 go round for ever
            for (int round = 0; round < 3; round++) { // the watchdogs restart what E2's exit left unfinished
                n.passTimeout();
                n.settle();
            }
            for (Node node : n.nodes.values()) {
                assertThat(node.engine.leader(ElectionNetwork.G)).as("after %d messages: leader at %s", delivered, node.id)
                        .contains(E1);
            }
        }
    }

    @Test
    void whenTheChallengerStopsAndItsExitReachesTheOthersAtDifferentTimesItsWaveDiesOut() {
        for (int delivered = 0; delivered < 30; delivered++) {
            for (int between = 0; between < 12; between++) {
                ElectionNetwork n = new ElectionNetwork(Duration.ofSeconds(5));
                n.start(E2, true);
                n.start(E1, true);
                n.start(E3, true);
                n.deliver(delivered);
                n.stopSeenBy(E2, E1);
                n.deliver(between);
                n.exitSeenBy(E2, E3);
                n.settle(); // fails when ELECT/LEADER naming the gone E2 go round for ever
                for (int round = 0; round < 3; round++) {
                    n.passTimeout();
                    n.settle();
                }
                for (Node node : n.nodes.values()) {
                    assertThat(node.engine.leader(ElectionNetwork.G))
                            .as("after %d + %d messages: leader at %s", delivered, between, node.id).contains(E1);
                }
            }
        }
    }

    @Test
    void aHigherNodeJoiningReElectsTheSameLeader() {
        startAll();

        net.start(E4, true);
        net.settle();

        assertEveryNodeLastDecided(E2);
        assertThat(net.node(M).decisions).containsExactly(E2, E2);
    }

    @Test
    void aLowerContestingNodeJoiningTakesOver() {
        net.start(E1, true);
        net.start(E3, true);
        net.settle();
        assertEveryNodeLastDecided(E1);

        net.start(E2, true);
        net.settle();

        assertEveryNodeLastDecided(E2);
    }

    @Test
    void aNodeAloneHasNoLeaderUntilTheTimeoutThenLeads() {
        Node e1 = net.start(E1, true);
        net.settle();
        assertThat(e1.decisions).isEmpty();
        assertThat(e1.engine.leader(ElectionNetwork.G)).isEmpty();

        net.passTimeout();

        assertThat(e1.decisions).containsExactly(E1);
        net.start(E3, true);
        net.settle();
        assertEveryNodeLastDecided(E1);
    }

    @Test
    void aLostMessageStallsTheElectionUntilTheWatchdogRestartsIt() {
        net.lose(m -> m.from().equals(M) && m.elect()); // M's echoes of the first waves vanish
        startAll();
        assertThat(net.node(M).decisions).isEmpty();
        assertThat(net.node(E2).engine.electing(ElectionNetwork.G)).isTrue();

        net.lose(m -> false);
        net.passTimeout();
        net.settle();

        assertEveryNodeLastDecided(E2);
    }

    @Test
    void aChallengerRestartingWhileItsWaveIsOnItsWayStillGetsElected() {
        startAll();
        net.hello(M, E2); // E2 restarts (a second HELLO) ...
        net.deliver(4);
        net.hello(E3, E2); // ... and again while the first restart's wave travels

        net.settle();

        assertEveryNodeLastDecided(E2);
    }

    @Test
    void watchdogRestartsAMomentApartDoNotUndoTheLowerChallengersWave() {
        net.lose(m -> m.from().equals(M) && m.elect()); // the first waves stall
        startAll();
        net.lose(m -> false);

        net.passTime(net.timeout, E2); // E2's watchdog fires first and restarts its wave
        net.deliver(3); // its ELECTs reach E1, E3 and M
        net.passTime(Duration.ofMillis(20), E1, E3, M); // the others' watchdogs, a moment later
        net.settle();

        assertEveryNodeLastDecided(E2);
    }

    @Test
    void aSilentMemberBlocksTheElectionThroughWatchdogRestartsUntilItExits() {
        net.start(E1, true);
        net.start(E2, true);
        net.settle();
        net.startSilent(E4);
        net.settle();
        List<PeerId> before = List.copyOf(net.node(E1).decisions);

        net.passTimeout();
        net.settle();
        assertThat(net.node(E1).decisions).as("no election completes while E4 is silent").isEqualTo(before);
        assertThat(net.node(E1).engine.leader(ElectionNetwork.G)).isEmpty();

        net.stop(E4); // expired
        net.settle();
        assertEveryNodeLastDecided(E2);
    }

    @Test
    void aPartitionElectsOneLeaderPerSideAndHealingOneAgain() {
        startAll();

        net.split(E2);
        net.settle();
        assertThat(net.node(E2).lastDecision()).isEqualTo(E2);
        assertThat(net.node(E1).lastDecision()).isEqualTo(E1);
        assertThat(net.node(M).lastDecision()).isEqualTo(E1);

        net.heal();
        net.settle();
        assertEveryNodeLastDecided(E2);
    }
}
