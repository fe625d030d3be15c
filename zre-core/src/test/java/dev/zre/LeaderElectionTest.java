package dev.zre;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** zyre's leader election between real nodes on loopback. */
class LeaderElectionTest {

    /**
     * A wait bound, not a timing assertion: an election that collides with a restart on HELLO may take
     * two 5 s watchdog restarts (about 11 s) before it completes, more on a loaded machine.
     */
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    /** Ids chosen so their zyre forms sort 1 < 2 < 3 < 4. */
    private static final UUID ONE = UUID.fromString("10000000-0000-0000-0000-000000000000");
    private static final UUID TWO = UUID.fromString("20000000-0000-0000-0000-000000000000");
    private static final UUID THREE = UUID.fromString("30000000-0000-0000-0000-000000000000");
    private static final UUID FOUR = UUID.fromString("40000000-0000-0000-0000-000000000000");

    private static TestNodes.Started contesting(TestNodes nodes, String name, UUID uuid) {
        TestNodes.Started started = nodes.start(nodes.config(name).uuid(uuid));
        started.node().contest("ops");
        return started;
    }

    private static ZreEvent.Leader awaitLeader(TestNodes.Started node, UUID leader) throws InterruptedException {
        return node.await(ZreEvent.Leader.class, e -> e.group().equals("ops") && e.leader().equals(leader), DEADLINE);
    }

    @Test
    void threeContestingNodesAndOneMemberElectTheLowestContestingId() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started member = nodes.start(nodes.config("member").uuid(ONE).group("ops")); // lowest, not contesting
            List<TestNodes.Started> all = new ArrayList<>(List.of(member));
            all.add(contesting(nodes, "c4", FOUR));
            all.add(contesting(nodes, "c2", TWO));
            all.add(contesting(nodes, "c3", THREE));
            for (TestNodes.Started node : all) {
                ZreEvent.Leader leader = awaitLeader(node, TWO);
                assertThat(leader.leaderName()).isEqualTo("c2");
            }
            TestNodes.eventually(DEADLINE, "every node answers c2 to leader(ops)",
                    () -> all.stream().allMatch(n -> n.node().leader("ops").equals(java.util.Optional.of(TWO))));
        }
    }

    @Test
    void whenTheLeaderStopsTheOthersElectTheNextLowest() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started c2 = contesting(nodes, "c2", TWO);
            TestNodes.Started c3 = contesting(nodes, "c3", THREE);
            TestNodes.Started c4 = contesting(nodes, "c4", FOUR);
            for (TestNodes.Started node : List.of(c2, c3, c4)) {
                awaitLeader(node, TWO);
            }
            c2.node().stop();
            awaitLeader(c3, THREE);
            awaitLeader(c4, THREE);
            TestNodes.eventually(DEADLINE, "c4 answers c3 to leader(ops)",
                    () -> c4.node().leader("ops").equals(java.util.Optional.of(THREE)));
        }
    }

    @Test
    void aNodeJoiningStartsAnElectionThatKeepsALowerLeaderAndElectsALowerNewcomer() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started c2 = contesting(nodes, "c2", TWO);
            TestNodes.Started c3 = contesting(nodes, "c3", THREE);
            awaitLeader(c2, TWO);
            awaitLeader(c3, TWO);
            TestNodes.Started c4 = contesting(nodes, "c4", FOUR);
            awaitLeader(c4, TWO); // re-elected, same leader: the newcomer is not lower
            awaitLeader(c3, TWO);
            TestNodes.Started c1 = contesting(nodes, "c1", ONE);
            for (TestNodes.Started node : List.of(c1, c2, c3, c4)) {
                awaitLeader(node, ONE);
            }
        }
    }

    @Test
    void aNodeAloneInAContestedGroupLeadsItself() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started alone = contesting(nodes, "alone", THREE);
            assertThat(alone.node().leader("ops")).as("no leader yet").isEmpty();
            awaitLeader(alone, THREE);
            TestNodes.eventually(DEADLINE, "leader(ops) is itself",
                    () -> alone.node().leader("ops").equals(java.util.Optional.of(THREE)));
        }
    }
}
