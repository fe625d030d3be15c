package dev.zre.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zre.PeerId;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Leader election across a partition: three sample apps contest #chat (as the sample's application.yml
 * says). Cut the leader off: each side has a leader (the cut-off node keeps running its leader task, the
 * other two elect the lower of them). Heal: exactly one leader again, the lowest id of the three.
 * ZRE's election is not consensus, and this is what that means.
 */
@Testcontainers(disabledWithoutDocker = true)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ZreLeaderIT {

    static final String GROUP = "chat";
    static final Duration EVASIVE = Duration.ofSeconds(1);
    static final Duration EXPIRED = Duration.ofSeconds(4);
    /** Discovery, expiry, one election round and two busy cores. */
    static final Duration DEADLINE = Duration.ofSeconds(40);

    static ThreeNodeCluster cluster;
    static ZreContainer alice;
    static ZreContainer bob;
    static ZreContainer carol;

    @BeforeAll
    static void startCluster() {
        cluster = new ThreeNodeCluster(ZreLeaderIT::node);
        alice = cluster.alice;
        bob = cluster.bob;
        carol = cluster.carol;
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static ZreContainer node(String name) {
        return new ZreContainer()
                .withNodeName(name)
                .withEvasiveTimeout(EVASIVE)
                .withExpiredTimeout(EXPIRED)
                .withZreProperty("election.timeout", "2s")
                .withEnv("SAMPLE_LEADERTASK_INTERVAL", "500ms")
                // each run of the leader task is logged at debug
                .withEnv("LOGGING_LEVEL_DEV_ZRE_SAMPLE_LEADER", "DEBUG");
    }

    /**
     * Waits until every node of a side shows the lowest id among them as the leader of #chat, and only that
     * node says it leads; returns it. Joins and HELLOs restart the election and a slow member may see an
     * intermediate leader for a moment, so this is a state reached, polled.
     */
    private static ZreContainer awaitLowestLeads(List<ZreContainer> side) {
        PeerId lowest = side.stream().map(c -> c.api().id()).min(Comparator.comparing(PeerId::toString)).orElseThrow();
        await("every node of " + side + " shows " + lowest + " as the one leader of #" + GROUP).atMost(DEADLINE)
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> side.stream().allMatch(c -> c.api().leader(GROUP).equals(Optional.of(lowest))
                        && leading(c) == c.api().id().equals(lowest)));
        return side.stream().filter(c -> c.api().id().equals(lowest)).findFirst().orElseThrow();
    }

    private static boolean leading(ZreContainer node) {
        return node.api().groups().stream().anyMatch(g -> g.name().equals(GROUP) && g.leading());
    }

    private static void awaitLeaderTick(ZreContainer node, int logMark) {
        await(node + " runs the leader task").atMost(DEADLINE).pollInterval(Duration.ofMillis(250))
                .until(() -> node.getLogs().substring(logMark).contains("leader tick"));
    }

    @Test
    void aPartitionHasOneLeaderPerSideAndExactlyOneAfterItHeals() {
        List<ZreContainer> all = List.of(alice, bob, carol);
        for (ZreContainer node : all) {
            node.await().peers(2, DEADLINE);
        }
        ZreContainer leader = awaitLowestLeads(all);

        List<ZreContainer> others = all.stream().filter(c -> c != leader).toList();
        leader.faults().disconnect();
        try {
            // the other side elects the lower of the two others
            ZreContainer otherLeader = awaitLowestLeads(others);
            // the cut-off leader never heard of it: its HTTP port is unreachable, its log shows it still leads
            awaitLeaderTick(leader, leader.getLogs().length());
            awaitLeaderTick(otherLeader, otherLeader.getLogs().length());
        } finally {
            leader.faults().reconnect();
        }

        for (ZreContainer node : all) {
            node.await().peers(2, DEADLINE);
        }
        // exactly one leader again, the lowest id of the three
        assertThat(awaitLowestLeads(all)).isSameAs(leader);
    }
}
