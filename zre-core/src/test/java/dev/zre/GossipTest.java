package dev.zre;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zre.ZreStatistics.Counter;
import dev.zre.security.CurveKeyPair;
import dev.zre.security.ZreSecurity;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ZGossip discovery between real nodes on loopback with UDP beacons off: through a standalone hub,
 * through a hub a node runs itself, several hubs, a hub that restarted, CURVE, GOODBYE on stop, and
 * the settings gossip needs.
 */
class GossipTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Waits until the node has entered every one of the others (in any order). */
    private static void sees(TestNodes.Started node, TestNodes.Started... others) {
        for (TestNodes.Started other : others) {
            TestNodes.eventually(WAIT, node.node().name() + " sees " + other.node().name(),
                    () -> node.node().peers().contains(other.node().uuid()));
        }
    }

    @Test
    void twoNodesFindEachOtherThroughAHubAlone() throws Exception {
        try (ZreGossipHub hub = ZreGossipHub.start("tcp://127.0.0.1:*"); TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start("a", c -> c.beaconEnabled(false).gossipConnect(hub.endpoint()));
            TestNodes.Started b = nodes.start("b", c -> c.beaconEnabled(false).gossipConnect(hub.endpoint()));
            a.awaitEnter(b.node());
            b.awaitEnter(a.node());
            assertThat(a.node().statistics().get(Counter.BEACONS_RECEIVED)).isZero();
            assertThat(a.node().statistics().get(Counter.GOSSIP_PEERS_FOUND)
                    + b.node().statistics().get(Counter.GOSSIP_PEERS_FOUND)).isPositive();
            TestNodes.eventually(WAIT, "the hub holds both tuples", () -> hub.tuples() == 2 && hub.clients() == 2);
        }
    }

    @Test
    void aNodeRunningTheHubIsFoundByItsClientsAndFindsThem() throws Exception {
        String bind = "tcp://127.0.0.1:" + freePort();
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started hubNode = nodes.start("hub", c -> c.beaconEnabled(false).gossipBind(bind));
            TestNodes.Started a = nodes.start("a", c -> c.beaconEnabled(false).gossipConnect(bind));
            TestNodes.Started b = nodes.start("b", c -> c.beaconEnabled(false).gossipConnect(bind));
            for (TestNodes.Started n : List.of(hubNode, a, b)) {
                TestNodes.eventually(WAIT, n.node().name() + " sees the two others", () -> n.node().peers().size() == 2);
            }
        }
    }

    @Test
    void aStoppingNodeSaysGoodbyeSoItsPeersSeeExitAtOnce() throws Exception {
        try (ZreGossipHub hub = ZreGossipHub.start("tcp://127.0.0.1:*"); TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start("a", c -> c.beaconEnabled(false).gossipConnect(hub.endpoint()));
            TestNodes.Started b = nodes.start("b", c -> c.beaconEnabled(false).gossipConnect(hub.endpoint()));
            a.awaitEnter(b.node());
            b.awaitEnter(a.node());
            b.node().stop();
            // no beacons: only GOODBYE can tell a so soon (expiry would take 30 s)
            ZreEvent.Exit exit = a.await(ZreEvent.Exit.class, e -> e.peer().equals(b.node().uuid()), Duration.ofSeconds(5));
            assertThat(exit.reason()).isEqualTo(ExitReason.LEFT);
            assertThat(b.node().statistics().messagesSent(MessageType.GOODBYE)).isEqualTo(1);
        }
    }

    @Test
    void inGossipModeEveryPeerGetsAGoodbyeEvenOneFoundByBeacon() throws Exception {
        try (ZreGossipHub hub = ZreGossipHub.start("tcp://127.0.0.1:*"); TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start("a"); // beacons only
            TestNodes.Started b = nodes.start("b", c -> c.gossipConnect(hub.endpoint())); // beacons and gossip
            a.awaitEnter(b.node());
            b.awaitEnter(a.node());
            b.node().stop();
            a.await(ZreEvent.Exit.class, e -> e.peer().equals(b.node().uuid()), Duration.ofSeconds(5));
            assertThat(b.node().statistics().messagesSent(MessageType.GOODBYE)).isEqualTo(1);
        }
    }

    @Test
    void aCurveNodeRunsAHubWhoseKeyIsItsOwn() throws Exception {
        CurveKeyPair hubKeys = CurveKeyPair.generate();
        String bind = "tcp://127.0.0.1:" + freePort();
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started hubNode = nodes.start("hub", c -> c.beaconEnabled(false).gossipBind(bind)
                    .security(ZreSecurity.curve(hubKeys).allowAny()));
            TestNodes.Started a = nodes.start("a", c -> c.beaconEnabled(false)
                    .gossipConnect(bind + "|" + hubKeys.publicKeyZ85())
                    .security(ZreSecurity.curve(CurveKeyPair.generate()).allowAny()));
            sees(a, hubNode);
            sees(hubNode, a);
        }
    }

    @Test
    void theHubForgetsTheTupleOfANodeThatHasGone() throws Exception {
        try (ZreGossipHub hub = ZreGossipHub.start("tcp://127.0.0.1:*"); TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start("a", c -> c.beaconEnabled(false).gossipConnect(hub.endpoint()));
            TestNodes.Started b = nodes.start("b", c -> c.beaconEnabled(false).gossipConnect(hub.endpoint()));
            a.awaitEnter(b.node());
            TestNodes.eventually(WAIT, "the hub holds both tuples", () -> hub.tuples() == 2);
            b.node().stop();
            TestNodes.eventually(WAIT, "the hub forgets b's tuple", () -> hub.tuples() == 1 && hub.clients() == 1);
            // a newcomer is not sent to the node that has gone
            TestNodes.Started c = nodes.start("c", x -> x.beaconEnabled(false).gossipConnect(hub.endpoint()));
            c.awaitEnter(a.node());
            // the hub's answer to c's HELLO (a's tuple) and c's own tuple forwarded back: nothing of b
            TestNodes.eventually(WAIT, "c received its tuples",
                    () -> c.node().statistics().get(Counter.GOSSIP_TUPLES_RECEIVED) >= 2);
            assertThat(c.node().statistics().get(Counter.GOSSIP_TUPLES_RECEIVED)).isEqualTo(2);
        }
    }

    @Test
    void nodesPublishAgainToAHubThatRestarted() throws Exception {
        String bind = "tcp://127.0.0.1:" + freePort();
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started a;
            TestNodes.Started b;
            try (ZreGossipHub first = ZreGossipHub.start(bind)) {
                a = nodes.start("a", c -> c.beaconEnabled(false).gossipConnect(bind));
                b = nodes.start("b", c -> c.beaconEnabled(false).gossipConnect(bind));
                a.awaitEnter(b.node());
                TestNodes.eventually(WAIT, "the first hub holds both tuples", () -> first.tuples() == 2);
            }
            try (ZreGossipHub second = ZreGossipHub.start(bind)) {
                TestNodes.eventually(WAIT, "a and b publish to the new hub", () -> second.tuples() == 2);
                TestNodes.Started c = nodes.start("c", x -> x.beaconEnabled(false).gossipConnect(bind));
                sees(c, a, b);
            }
        }
    }

    @Test
    void aNodeUsesEveryHubItIsGiven() throws Exception {
        String nobodyThere = "tcp://127.0.0.1:" + freePort();
        try (ZreGossipHub one = ZreGossipHub.start("tcp://127.0.0.1:*");
                ZreGossipHub two = ZreGossipHub.start("tcp://127.0.0.1:*"); TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start("a", c -> c.beaconEnabled(false).gossipConnect(nobodyThere, one.endpoint()));
            TestNodes.Started b = nodes.start("b", c -> c.beaconEnabled(false).gossipConnect(nobodyThere, two.endpoint()));
            TestNodes.Started both = nodes.start("both", c -> c.beaconEnabled(false)
                    .gossipConnect(List.of(one.endpoint(), two.endpoint())));
            sees(both, a, b);
            TestNodes.eventually(WAIT, "each hub holds its node and the one on both", () -> one.tuples() == 2
                    && two.tuples() == 2);
        }
    }

    @Test
    void curveNodesMeetThroughACurveHub() throws Exception {
        CurveKeyPair hubKeys = CurveKeyPair.generate();
        try (ZreGossipHub hub = new ZreGossipHub("tcp://127.0.0.1:*", ZreSecurity.curve(hubKeys).allowAny());
                TestNodes nodes = new TestNodes()) {
            String hubEndpoint = hub.startHub() + "|" + hubKeys.publicKeyZ85();
            TestNodes.Started a = nodes.start("a", c -> c.beaconEnabled(false).gossipConnect(hubEndpoint)
                    .security(ZreSecurity.curve(CurveKeyPair.generate()).allowAny()));
            TestNodes.Started b = nodes.start("b", c -> c.beaconEnabled(false).gossipConnect(hubEndpoint)
                    .security(ZreSecurity.curve(CurveKeyPair.generate()).allowAny()));
            a.awaitEnter(b.node());
            b.awaitEnter(a.node());
        }
    }

    @Test
    void aCurveNodeNeedsTheHubsKey() {
        ZreNode node = new ZreNode(ZreConfig.builder().networkInterface(ZreConfig.LOOPBACK).beaconEnabled(false)
                .gossipConnect("tcp://127.0.0.1:9")
                .security(ZreSecurity.curve(CurveKeyPair.generate()).allowAny()).build());
        assertThatThrownBy(node::start).satisfies(e -> assertThat(InvalidZreSettingException.in(e))
                .hasValueSatisfying(s -> assertThat(s.setting()).isEqualTo("gossipConnect")));
    }

    @Test
    void aLoopbackMailboxCannotBeHandedToAHubOnAnotherHost() {
        ZreNode node = new ZreNode(ZreConfig.builder().networkInterface(ZreConfig.LOOPBACK).beaconEnabled(false)
                .gossipConnect("tcp://198.18.0.1:9001").build());
        assertThatThrownBy(node::start).satisfies(e -> assertThat(InvalidZreSettingException.in(e))
                .hasValueSatisfying(s -> assertThat(s.setting()).isEqualTo("advertisedEndpoint")));
    }

    @Test
    void theAdvertisedEndpointIsWhatPeersAreTold() throws Exception {
        try (ZreGossipHub hub = ZreGossipHub.start("tcp://127.0.0.1:*"); TestNodes nodes = new TestNodes()) {
            int port = freePort();
            TestNodes.Started a = nodes.start("a", c -> c.beaconEnabled(false).mailboxPort(port)
                    .advertisedEndpoint("tcp://localhost:" + port).gossipConnect(hub.endpoint()));
            TestNodes.Started b = nodes.start("b", c -> c.beaconEnabled(false).gossipConnect(hub.endpoint()));
            assertThat(b.awaitEnter(a.node()).address()).isEqualTo("tcp://localhost:" + port);
        }
    }

    @Test
    void gossipSettingsAreChecked() {
        assertThatThrownBy(() -> ZreConfig.builder().gossipConnect("udp://x:1").build())
                .isInstanceOfSatisfying(InvalidZreSettingException.class, e -> assertThat(e.setting()).isEqualTo("gossipConnect"));
        assertThatThrownBy(() -> ZreConfig.builder().gossipConnect("tcp://x:1|short").build())
                .isInstanceOfSatisfying(InvalidZreSettingException.class, e -> assertThat(e.setting()).isEqualTo("gossipConnect"));
        assertThatThrownBy(() -> ZreConfig.builder().gossipBind("tcp://*:0").build())
                .isInstanceOfSatisfying(InvalidZreSettingException.class, e -> assertThat(e.setting()).isEqualTo("gossipBind"));
        assertThatThrownBy(() -> ZreConfig.builder().advertisedEndpoint("tcp://0.0.0.0:5670").build())
                .isInstanceOfSatisfying(InvalidZreSettingException.class, e -> assertThat(e.setting()).isEqualTo("advertisedEndpoint"));
        ZreConfig ok = ZreConfig.builder().gossipConnect("tcp://hub:9001").gossipBind("tcp://*:9001")
                .advertisedEndpoint("tcp://10.0.0.5:49152").build();
        assertThat(ok.gossipConnect()).containsExactly("tcp://hub:9001");
        assertThat(ok.gossipBind()).isEqualTo("tcp://*:9001");
        assertThat(ok.advertisedEndpoint()).isEqualTo("tcp://10.0.0.5:49152");
        assertThat(ok.toBuilder().build()).isEqualTo(ok);
        assertThat(ok.gossipEnabled()).isTrue();
        assertThat(ZreConfig.builder().build().gossipEnabled()).isFalse();
    }
}
