package dev.zre.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zre.PeerId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.containers.Network;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.lifecycle.Startables;

/**
 * Discovery by DNS name with beacons off, as on Kubernetes: every node shares one Docker network alias,
 * and Docker's embedded DNS answers the alias with every container's address, as a headless service
 * does. Three nodes mesh by DNS alone; a fourth that joins later is found within a DNS interval (awaited
 * with a generous bound, never timed).
 */
@Testcontainers(disabledWithoutDocker = true)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ZreDnsDiscoveryIT {

    static final String ALIAS = "zre-nodes";
    static final String GROUP = "chat";
    static final Duration DNS_INTERVAL = Duration.ofSeconds(2);
    /** From "the containers answer HTTP" to "every node sees every other", on two shared cores. */
    static final Duration MESH = Duration.ofSeconds(30);

    static final Network network = Network.newNetwork();
    static final List<ZreContainer> nodes = new ArrayList<>();

    @AfterAll
    static void stop() {
        nodes.forEach(ZreContainer::stop);
        network.close();
    }

    private static ZreContainer node(String name) {
        ZreContainer node = new ZreContainer()
                .withNetwork(network)
                .withNetworkAliases(ALIAS)
                .withNodeName(name)
                .withGroups(GROUP)
                .withZreProperty("discovery.beacon.enabled", "false")
                .withZreProperty("discovery.dns.name", ALIAS)
                .withZreProperty("discovery.dns.interval", DNS_INTERVAL.toSeconds() + "s")
                // the JVM caches DNS answers for 30 s unless told otherwise (see zre-core's README)
                .withJavaToolOptions(ZreContainer.DEFAULT_JAVA_TOOL_OPTIONS + " -Dsun.net.inetaddr.ttl=1");
        nodes.add(node);
        return node;
    }

    @Test
    void nodesSharingANetworkAliasMeshByDnsAloneAndANewcomerIsFound() {
        ZreContainer alice = node("alice");
        ZreContainer bob = node("bob");
        ZreContainer carol = node("carol");
        Startables.deepStart(alice, bob, carol).join();
        awaitMesh();
        for (ZreContainer node : nodes) {
            assertThat(node.api().node().endpoint()).as("%s listens on eth0 at the DNS port", node)
                    .isEqualTo("tcp://" + node.ipAddress() + ":5670");
            assertThat(node.api().metric("zre.beacons.received").orElse(0)).as("%s heard no beacon", node).isZero();
        }
        // each node's own DNS answer names the others too, so every peer shows 'dns' as its finder
        for (ZreContainer node : nodes) {
            await(node + " shows every peer found by dns").atMost(MESH).pollInterval(Duration.ofMillis(500))
                    .until(() -> discoveredBy(node).values().stream().allMatch(found -> found.contains("dns")));
        }

        ZreContainer dave = node("dave");
        dave.start();
        awaitMesh();
        PeerId daveId = dave.api().id();
        String text = "found by name " + System.nanoTime();
        dave.api().shout(GROUP, text);
        for (ZreContainer receiver : List.of(alice, bob, carol)) {
            assertThat(receiver.await().message(m -> text.equals(m.text()), MESH).peer()).isEqualTo(daveId);
        }
    }

    /** Waits until every node sees exactly the current ids of all the others. */
    private static void awaitMesh() {
        Map<ZreContainer, PeerId> ids = nodes.stream().collect(Collectors.toMap(n -> n, n -> n.api().id()));
        for (ZreContainer node : nodes) {
            Set<PeerId> expected = nodes.stream().filter(n -> n != node).map(ids::get)
                    .collect(Collectors.toCollection(TreeSet::new));
            node.await().peers(peers -> peers.stream().map(ZrePeerInfo::id)
                    .collect(Collectors.toCollection(TreeSet::new)).equals(expected), "exactly the peers " + expected, MESH);
        }
    }

    /** The actuator's "discoveredBy" of each peer, by peer id. */
    private static Map<PeerId, List<?>> discoveredBy(ZreContainer node) {
        List<?> peers = (List<?>) node.api().actuator().get("peers");
        return peers.stream().map(p -> (Map<?, ?>) p).collect(Collectors.toMap(
                p -> PeerId.parse(String.valueOf(p.get("uuid"))), p -> (List<?>) p.get("discoveredBy")));
    }
}
