package dev.zre.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zre.PeerId;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.containers.Network;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.lifecycle.Startables;

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

    static Network network;
    static ZreContainer alice;
    static ZreContainer bob;
    static ZreContainer carol;

    @BeforeAll
    static void startCluster() {
        network = Network.newNetwork();
        alice = node("alice");
        bob = node("bob");
        carol = node("carol");
        Startables.deepStart(alice, bob, carol).join();
    }

    @AfterAll
    static void stopCluster() {
        Stream.of(alice, bob, carol).filter(c -> c != null).forEach(ZreContainer::stop);
        if (network != null) {
            network.close();
        }
    }

    private static ZreContainer node(String name) {
        return new ZreContainer()
                .withNetwork(network)
                .withNodeName(name)
                .withEvasiveTimeout(EVASIVE)
                .withExpiredTimeout(EXPIRED)
                .withZreProperty("election.timeout", "2s")
                .withEnv("SAMPLE_LEADERTASK_INTERVAL", "500ms")
                // each run of the leader task is logged at debug
                .withEnv("LOGGING_LEVEL_DEV_ZRE_SAMPLE_LEADER", "DEBUG");
    }

    /** Waits until every node shows the same leader of #chat, one of them, and returns it. */
    private static ZreContainer awaitOneLeader(List<ZreContainer> side) {
        PeerId[] agreed = new PeerId[1];
        await("one leader of #" + GROUP + " among " + side).atMost(DEADLINE).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> {
                    List<Optional<PeerId>> seen = side.stream().map(c -> c.api().leader(GROUP)).toList();
                    Optional<PeerId> first = seen.get(0);
                    boolean same = first.isPresent() && seen.stream().allMatch(first::equals)
                            && side.stream().anyMatch(c -> c.api().id().equals(first.get()));
                    agreed[0] = same ? first.get() : null;
                    return same;
                });
        return side.stream().filter(c -> c.api().id().equals(agreed[0])).findFirst().orElseThrow();
    }

    private static PeerId lowest(List<ZreContainer> nodes) {
        return nodes.stream().map(c -> c.api().id()).min(Comparator.comparing(PeerId::toString)).orElseThrow();
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
        ZreContainer leader = awaitOneLeader(all);
        assertThat(leader.api().id()).as("the lowest id wins").isEqualTo(lowest(all));
        assertThat(all.stream().filter(c -> c.api().groups().stream()
                .anyMatch(g -> g.name().equals(GROUP) && g.leading()))).containsExactly(leader);

        List<ZreContainer> others = all.stream().filter(c -> c != leader).toList();
        leader.faults().disconnect();
        try {
            ZreContainer otherLeader = awaitOneLeader(others);
            assertThat(otherLeader.api().id()).as("the lower of the two others").isEqualTo(lowest(others));
            // the cut-off leader never heard of it: its HTTP port is unreachable, its log shows it still leads
            awaitLeaderTick(leader, leader.getLogs().length());
            awaitLeaderTick(otherLeader, otherLeader.getLogs().length());
        } finally {
            leader.faults().reconnect();
        }

        for (ZreContainer node : all) {
            node.await().peers(2, DEADLINE);
        }
        ZreContainer healed = awaitOneLeader(all);
        assertThat(healed.api().id()).isEqualTo(lowest(all));
        assertThat(all.stream().filter(c -> c.api().groups().stream()
                .anyMatch(g -> g.name().equals(GROUP) && g.leading()))).containsExactly(healed);
    }
}
