package dev.zre.interop;

import static dev.zre.interop.Event.from;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

/**
 * "Two networks, one hub": two subnets joined by a router (unicast crosses, broadcast does not), UDP
 * beacons on, and a gossip hub on the router that both sides reach. Nodes on the same side find each
 * other by beacon; nodes on opposite sides can only have found each other through the hub.
 */
@Timeout(120)
class TwoNetworksOneHubIT {

    private static final Duration DISCOVERY = Duration.ofSeconds(30);
    private static final Duration DELIVERY = Duration.ofSeconds(10);
    private NetnsLab lab;
    private Path logDir;
    private final List<PeerProcess> peers = new ArrayList<>();

    @BeforeEach
    void lab(TestInfo test) {
        Interop.assumeLabAvailable();
        logDir = Interop.logDir(test);
        // A: nodes 1, 2; B: nodes 3, 4, and 5 for a listener that only hears beacons
        lab = NetnsLab.createTwoSubnets(2, 3);
    }

    @AfterEach
    void close() {
        peers.forEach(PeerProcess::close);
        if (lab != null) {
            lab.close();
        }
    }

    private PeerProcess cli(NetnsLab.Node node, String label, String... args) {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBin, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Xmx128m", "-jar", Interop.requireCliJar().toString()));
        command.addAll(List.of(args));
        PeerProcess p = PeerProcess.start(lab, PeerProcess.Kind.JAVA, label, lab.inNamespace(node, command), logDir);
        peers.add(p);
        return p;
    }

    @Test
    void sameSideByBeaconOppositeSidesThroughTheHub() {
        String hub = "tcp://" + lab.router().address() + ":9001";
        cli(lab.router(), "hub", "gossip-hub", "--bind", hub)
                .await("hub ready", DISCOVERY, e -> e.line().startsWith("gossip hub listening at"));
        List<PeerProcess> nodes = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            nodes.add(cli(lab.node(i), "node-" + i, "shell", "--json", "--name", "node-" + i, "--interface",
                    NetnsLab.NODE_INTERFACE, "--gossip", hub));
        }
        List<String> ids = nodes.stream().map(n -> n.ready(DISCOVERY).uuid()).toList();
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                if (i != j) {
                    Event enter = nodes.get(i).await("ENTER of node-" + (j + 1), DISCOVERY, from("ENTER", ids.get(j)));
                    assertThat(enter.string("address")).startsWith("tcp://" + lab.node(j + 1).address() + ":");
                }
            }
        }
        // broadcast stays on its side: a listener on side B hears B's beacons, never A's, over several beacons
        PeerProcess listener = cli(lab.node(5), "beacon-listener", "monitor", "--silent", "--json", "--interface",
                NetnsLab.NODE_INTERFACE, "--duration", "5s");
        Event stats = listener.await("listener done", DISCOVERY, e -> e.is("STATS"));
        List<String> heard = listener.events().stream().filter(e -> e.is("APPEAR")).map(Event::peer).toList();
        assertThat(heard).containsExactlyInAnyOrder(ids.get(2), ids.get(3));
        assertThat(((Number) stats.map("counters").get("beacons")).longValue()).isGreaterThanOrEqualTo(6);
        // so the opposite side's peers came from gossip: each of the 4 crossing pairs was opened by a tuple
        long foundByGossip = 0;
        for (PeerProcess n : nodes) {
            Map<String, Object> counters = n.request(DELIVERY, "cmd", "stats").map("counters");
            assertThat(((Number) counters.get("gossip_tuples_received")).longValue()).isGreaterThanOrEqualTo(4);
            foundByGossip += ((Number) counters.get("gossip_peers_found")).longValue();
        }
        assertThat(foundByGossip).isGreaterThanOrEqualTo(4);
    }
}
