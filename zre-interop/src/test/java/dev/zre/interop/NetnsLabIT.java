package dev.zre.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The lab itself: addresses, routes, teardown of namespaces and processes, and removal of stale labs. */
@Timeout(60)
class NetnsLabIT {

    @BeforeEach
    void assumeNetns() {
        Interop.assumeLabAvailable();
    }

    @Test
    void nodesGetAddressesIn198_18_0_0_15ABroadcastAddressAndADefaultRouteViaTheBridge() {
        try (NetnsLab lab = NetnsLab.create(2)) {
            for (NetnsLab.Node node : lab.nodes()) {
                assertThat(node.address()).matches("198\\.(18|19)\\.\\d+\\.\\d+");
                String addr = Shell.run(Duration.ofSeconds(10), NetnsLab.IP, "-n", node.namespace(), "-4", "addr",
                        "show", "dev", node.iface()).orThrow().output();
                assertThat(addr).contains("inet " + node.address() + "/24 brd ");
                String route = Shell.run(Duration.ofSeconds(10), NetnsLab.IP, "-n", node.namespace(), "route",
                        "show", "default").orThrow().output();
                assertThat(route).startsWith("default via 198.");
            }
            // the nodes reach each other across the bridge
            Shell.Result ping = Shell.run(Duration.ofSeconds(10), NetnsLab.IP, "netns", "exec",
                    lab.node(1).namespace(), "ping", "-c", "1", "-W", "2", lab.node(2).address());
            if (ping.exitCode() != 127 && !ping.output().contains("No such file")) {
                assertThat(ping.ok()).as(ping.output()).isTrue();
            }
        }
    }

    @Test
    void closeKillsTheLabsProcessesAndDeletesItsNamespaces() throws Exception {
        NetnsLab lab = NetnsLab.create(1);
        List<String> namespaces = lab.namespaces();
        assertThat(NetnsLab.allNamespaces()).containsAll(namespaces);
        Path logs = Interop.workDir().resolve("logs/NetnsLabIT");
        PeerProcess sleeper = PeerProcess.start(lab, PeerProcess.Kind.JS, "sleeper",
                lab.inNamespace(lab.node(1), List.of("sleep", "600")), logs);

        lab.close();

        assertThat(sleeper.isAlive()).isFalse();
        assertThat(NetnsLab.allNamespaces()).doesNotContainAnyElementsOf(namespaces);
    }

    @Test
    void staleLabsOfDeadTestRunsAreDeleted() {
        // pid 4194304 is above the kernel's maximum pid, so that "owner" can never be alive
        String stale = NetnsLab.PREFIX + "4194304-dead-n1";
        Shell.run(Duration.ofSeconds(10), NetnsLab.IP, "netns", "add", stale).orThrow();
        try {
            NetnsLab.deleteStaleNow();
            assertThat(NetnsLab.allNamespaces()).doesNotContain(stale);
        } finally {
            Shell.run(Duration.ofSeconds(10), NetnsLab.IP, "netns", "del", stale);
        }
    }
}
