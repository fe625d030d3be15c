package dev.zre.interop;

import static dev.zre.interop.Event.from;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Two Java nodes (the zre CLI) on an IPv6-only lab: namespaces bridged to each other and nothing else,
 * with only link-local and unique local (fd00::/8) addresses. Their interface has no IPv4 address, so
 * the nodes run IPv6 by themselves: beacons to the all-nodes group {@code ff02::1}, mailboxes at
 * {@code tcp://[address]:port}. They find each other by multicast beacon and exchange a whisper and a
 * shout. Not in Docker: its firewall guard covers IPv4 only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(90)
class Ipv6MulticastIT {

    static final Duration DISCOVERY = LabTest.DISCOVERY;
    static final Duration DELIVERY = LabTest.DELIVERY;

    private NetnsLab lab;
    private Path logDir;
    private final List<PeerProcess> peers = new ArrayList<>();

    @BeforeAll
    void createLab() {
        Optional<String> netns = NetnsLab.unavailableReason();
        assumeTrue(netns.isEmpty(), () -> "IPv6 lab skipped: " + netns.orElse(""));
        lab = NetnsLab.createIpv6(2);
    }

    @AfterAll
    void deleteLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @BeforeEach
    void logs(TestInfo test) {
        logDir = Interop.logDir(test);
    }

    @AfterEach
    void killPeers() {
        peers.forEach(PeerProcess::close);
        peers.clear();
    }

    private PeerProcess java(int node, String name, String iface) {
        PeerProcess p = Interop.java(lab, lab.node(node), iface, logDir, name);
        peers.add(p);
        return p;
    }

    @Test
    void twoNodesOnlyOnIpv6FindEachOtherByMulticastBeaconAndTalk() {
        PeerProcess a = java(1, "v6-a", NetnsLab.NODE_INTERFACE);
        PeerProcess b = java(2, "v6-b", NetnsLab.NODE_INTERFACE);
        String aId = a.ready(DISCOVERY).uuid();
        String bId = b.ready(DISCOVERY).uuid();
        assertThat(a.ready(DISCOVERY).string("endpoint")).as("a's mailbox on its unique local address")
                .startsWith("tcp://[" + expanded(lab.node(1).address()) + "]:");

        Event bAtA = a.await("ENTER of b", DISCOVERY, from("ENTER", bId));
        b.await("ENTER of a", DISCOVERY, from("ENTER", aId));
        assertThat(bAtA.string("address")).isEqualTo(b.ready(DISCOVERY).string("endpoint"));

        a.whisperText(bId, "hello over v6");
        assertThat(b.await("WHISPER", DELIVERY, from("WHISPER", aId)).string("text")).isEqualTo("hello over v6");
        a.join("v6");
        b.join("v6");
        a.await("JOIN of b", DELIVERY, from("JOIN", bId, "v6"));
        b.shoutText("v6", "shout over v6");
        assertThat(a.await("SHOUT", DELIVERY, from("SHOUT", bId, "v6")).string("text")).isEqualTo("shout over v6");
    }

    @Test
    void aNodeChosenByItsIpv6AddressRunsIpv6Too() {
        PeerProcess a = java(1, "v6-addr", lab.node(1).address());
        PeerProcess b = java(2, "v6-name", NetnsLab.NODE_INTERFACE);
        String aId = a.ready(DISCOVERY).uuid();
        String bId = b.ready(DISCOVERY).uuid();
        a.await("ENTER of b", DISCOVERY, from("ENTER", bId));
        b.await("ENTER of a", DISCOVERY, from("ENTER", aId));
    }

    @Test
    void nodesOnTheirLinkLocalAddressesMeetWithTheScopeOfTheirOwnInterface() {
        String aAddress = linkLocal(lab.node(1)) + "%" + NetnsLab.NODE_INTERFACE;
        String bAddress = linkLocal(lab.node(2)) + "%" + NetnsLab.NODE_INTERFACE;
        PeerProcess a = java(1, "ll-a", aAddress);
        PeerProcess b = java(2, "ll-b", bAddress);
        String aId = a.ready(DISCOVERY).uuid();
        String bId = b.ready(DISCOVERY).uuid();
        assertThat(a.ready(DISCOVERY).string("endpoint")).startsWith("tcp://[fe80:").contains("%" + NetnsLab.NODE_INTERFACE + "]:");
        a.await("ENTER of b", DISCOVERY, from("ENTER", bId));
        b.await("ENTER of a", DISCOVERY, from("ENTER", aId));
        b.whisperText(aId, "link-local");
        assertThat(a.await("WHISPER", DELIVERY, from("WHISPER", bId)).string("text")).isEqualTo("link-local");
    }

    /** The node's link-local address once duplicate address detection is done (it is tentative until then). */
    private String linkLocal(NetnsLab.Node node) {
        String[] found = new String[1];
        org.awaitility.Awaitility.await("a usable link-local address in " + node.namespace())
                .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
                    Shell.Result r = Shell.run(Duration.ofSeconds(10), NetnsLab.IP, "-n", node.namespace(), "-6", "-o",
                            "addr", "show", "dev", node.iface(), "scope", "link");
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("inet6 (fe80::[0-9a-f:]+)/64")
                            .matcher(r.output());
                    if (r.ok() && m.find() && !r.output().contains("tentative")) {
                        found[0] = m.group(1);
                        return true;
                    }
                    return false;
                });
        return found[0];
    }

    /** Java's form of an IPv6 literal (every group, no ::), as the node writes its endpoint. */
    private static String expanded(String address) {
        try {
            return java.net.InetAddress.getByName(address).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }
}
