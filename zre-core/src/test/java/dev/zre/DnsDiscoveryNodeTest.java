package dev.zre;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Real nodes on loopback found through a DNS name: {@code localhost} resolves to 127.0.0.1 here, so a
 * node on 127.0.0.2 finds the node whose mailbox is on 127.0.0.1 at the DNS port.
 */
class DnsDiscoveryNodeTest {

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    @Test
    void aNodeFindsAnotherByDnsNameAloneAndSaysWhoFoundIt() throws Exception {
        int port = freePort();
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start(nodes.config("a").beaconEnabled(false).mailboxPort(port));
            TestNodes.Started b = nodes.start(nodes.config("b").beaconEnabled(false).networkInterface("127.0.0.2")
                    .dnsName("localhost").dnsPort(port).dnsInterval(Duration.ofMillis(200)));

            assertThat(b.node().endpoint()).contains("tcp://127.0.0.2:" + port); // the DNS port is its mailbox's too
            UUID aId = b.await(ZreEvent.Enter.class, e -> e.peerName().equals("a")).peer();
            UUID bId = a.await(ZreEvent.Enter.class, e -> e.peerName().equals("b")).peer();
            b.node().whisper(aId, "found you");
            assertThat(a.await(ZreEvent.Whisper.class, w -> w.peer().equals(bId)).text()).isEqualTo("found you");

            assertThat(b.node().peer(aId).orElseThrow().discoveredBy()).containsExactly("dns");
            assertThat(a.node().peer(bId).orElseThrow().discoveredBy()).isEmpty(); // b introduced itself
        }
    }

    @Test
    void aPeerFoundByBeaconAndDnsHasOneLinkAndBothNames() throws Exception {
        int port = freePort();
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start(nodes.config("a").mailboxPort(port));
            TestNodes.Started b = nodes.start(nodes.config("b").networkInterface("127.0.0.2")
                    .dnsName("localhost").dnsPort(port).dnsInterval(Duration.ofMillis(100)));
            UUID aId = b.await(ZreEvent.Enter.class, e -> e.peerName().equals("a")).peer();
            a.await(ZreEvent.Enter.class, e -> e.peerName().equals("b"));

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> b.node().peer(aId).orElseThrow().discoveredBy().equals(Set.of("beacon", "dns")));
            // several DNS answers later, still the one HELLO each way: no second link, no re-introduction
            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(3)).until(() ->
                    a.node().statistics().messagesReceived(MessageType.HELLO) == 1
                            && b.node().statistics().messagesReceived(MessageType.HELLO) == 1
                            && a.node().statistics().peersExited(ExitReason.REPLACED) == 0);
        }
    }

    @Test
    void invalidDnsSettingsNameThemselves() {
        assertThatThrownBy(() -> ZreConfig.builder().dnsName("no spaces allowed").build())
                .isInstanceOfSatisfying(InvalidZreSettingException.class, e -> assertThat(e.setting()).isEqualTo("dnsName"));
        assertThatThrownBy(() -> ZreConfig.builder().dnsPort(0).build())
                .isInstanceOfSatisfying(InvalidZreSettingException.class, e -> assertThat(e.setting()).isEqualTo("dnsPort"));
        assertThatThrownBy(() -> ZreConfig.builder().dnsInterval(Duration.ZERO).build())
                .isInstanceOfSatisfying(InvalidZreSettingException.class, e -> assertThat(e.setting()).isEqualTo("dnsInterval"));
        assertThatThrownBy(() -> ZreConfig.builder().dnsMaxAddresses(0).build())
                .isInstanceOfSatisfying(InvalidZreSettingException.class,
                        e -> assertThat(e.setting()).isEqualTo("dnsMaxAddresses"));
        ZreConfig ok = ZreConfig.builder().dnsName("zre.my-ns.svc.cluster.local.").build();
        assertThat(ok.dns()).isEqualTo(new ZreConfig.Dns("zre.my-ns.svc.cluster.local.", 5670, Duration.ofSeconds(5), 64));
        assertThat(ok.toBuilder().build().dns()).isEqualTo(ok.dns());
        assertThat(ZreConfig.builder().build().dns().enabled()).isFalse();
    }
}
