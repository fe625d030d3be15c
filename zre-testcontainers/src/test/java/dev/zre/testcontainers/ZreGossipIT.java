package dev.zre.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zre.PeerId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.lifecycle.Startables;

/**
 * Gossip alone: three nodes (the sample app) with UDP beacons off and one hub ({@code zre gossip-hub} in a
 * container of its own) on one Docker network. Every node enters every other through the hub; a killed
 * node exits everywhere, the hub forgets its tuple, and no node brings it back.
 */
@Testcontainers(disabledWithoutDocker = true)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ZreGossipIT {

    static final Duration EXPIRED = Duration.ofSeconds(4);
    static final Duration MESH = Duration.ofSeconds(30);

    static Network network;
    static GenericContainer<?> hub;
    static String hubEndpoint;

    @BeforeAll
    static void startHub() {
        network = Network.newNetwork();
        hub = new GenericContainer<>(ZreCliImage.image())
                .withNetwork(network)
                .withEnv("JAVA_TOOL_OPTIONS", "-Xmx96m -XX:+UseSerialGC -XX:TieredStopAtLevel=1")
                .withCommand("gossip-hub", "--bind", "tcp://*:9001")
                .waitingFor(Wait.forLogMessage(".*gossip hub listening at.*\\n", 1)
                        .withStartupTimeout(Duration.ofSeconds(60)));
        hub.start();
        String ip = hub.getContainerInfo().getNetworkSettings().getNetworks().values().stream()
                .filter(n -> network.getId().equals(n.getNetworkID())).findFirst().orElseThrow().getIpAddress();
        hubEndpoint = "tcp://" + ip + ":9001";
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.stop();
        }
        if (network != null) {
            network.close();
        }
    }

    private static ZreContainer node(String name) {
        return new ZreContainer()
                .withNetwork(network)
                .withNodeName(name)
                .withEvasiveTimeout(Duration.ofSeconds(1))
                .withExpiredTimeout(EXPIRED)
                .withZreProperty("beacon-enabled", "false")
                .withZreProperty("discovery.gossip.connect", hubEndpoint);
    }

    private static List<PeerId> ids(ZreContainer node) {
        return node.api().peers().stream().map(ZrePeerInfo::id).toList();
    }

    @Test
    void nodesMeetThroughTheHubAloneAndAKilledNodeDoesNotComeBack() {
        ZreContainer alice = node("alice");
        ZreContainer bob = node("bob");
        ZreContainer carol = node("carol");
        ZreContainer dave = null;
        try {
            Startables.deepStart(alice, bob, carol).join();
            for (ZreContainer n : List.of(alice, bob, carol)) {
                n.await().peers(2, MESH);
            }
            PeerId carolId = carol.api().id();
            await("the hub holds three tuples").atMost(MESH).pollInterval(Duration.ofMillis(200))
                    .until(() -> hub.getLogs().contains("tuples 3"));

            carol.faults().kill(); // no GOODBYE: only expiry tells the others
            for (ZreContainer n : List.of(alice, bob)) {
                n.await().peers(p -> p.size() == 1 && p.stream().noneMatch(i -> i.id().equals(carolId)),
                        "carol gone", EXPIRED.plus(MESH));
            }
            await("the hub forgets carol's tuple").atMost(MESH).pollInterval(Duration.ofMillis(200))
                    .until(() -> hub.getLogs().endsWith("tuples 2\n"));

            // a newcomer meets the survivors and nobody meets carol again
            dave = node("dave");
            dave.start();
            dave.await().peers(2, MESH);
            assertThat(ids(dave)).containsExactlyInAnyOrder(alice.api().id(), bob.api().id());
            for (ZreContainer n : List.of(alice, bob)) {
                n.await().peers(2, MESH);
                assertThat(ids(n)).doesNotContain(carolId);
            }
        } finally {
            Stream.of(alice, bob, carol, dave).filter(c -> c != null).forEach(ZreContainer::stop);
        }
    }
}
