package dev.zre;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zre.ZreStatistics.Counter;
import dev.zre.protocol.Beacon;
import dev.zre.protocol.Uuids;
import dev.zre.protocol.ZreCodec;
import dev.zre.protocol.ZreMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** Bounded load: floods, many peers at once, and many start/stop cycles. */
class RobustnessTest {

    @Test
    void beaconFloodOfMadeUpPeersIsRefusedAndTheRealPeerKeepsBeingServed() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            // every node on the beacon port hears the flood; both keep their tables small
            TestNodes.Started a = nodes.start(bounded(nodes.config("a")));
            TestNodes.Started real = nodes.start(bounded(nodes.config("real")));
            a.awaitEnter(real.node());
            real.awaitEnter(a.node());
            int unusedPort = unusedLoopbackPort();
            try (DatagramChannel udp = DatagramChannel.open(StandardProtocolFamily.INET)) {
                udp.setOption(StandardSocketOptions.SO_BROADCAST, true);
                udp.bind(new InetSocketAddress("127.0.0.1", 0));
                InetSocketAddress to = new InetSocketAddress("127.255.255.255", nodes.beaconPort);
                for (int i = 0; i < 3000; i++) {
                    udp.send(ByteBuffer.wrap(new Beacon(UUID.randomUUID(), unusedPort).encode()), to);
                    if (i % 500 == 0) {
                        real.node().whisper(a.node().uuid(), "during " + i);
                        assertThat(a.await(ZreEvent.Whisper.class, w -> true).text()).isEqualTo("during " + i);
                    }
                }
            }
            ZreStatistics stats = a.node().statistics();
            // nothing listens at the made-up endpoint: its connections are refused and dropped at once
            TestNodes.eventually(Duration.ofSeconds(5), "made-up peers dropped as refused",
                    () -> stats.get(Counter.CONNECTIONS_REFUSED) > 0);
            assertThat(a.node().peers()).containsExactly(real.node().uuid());
            real.node().whisper(a.node().uuid(), "after the flood");
            assertThat(a.await(ZreEvent.Whisper.class, w -> true).text()).isEqualTo("after the flood");
            // the table frees up: a newcomer still gets in
            TestNodes.Started newcomer = nodes.start(bounded(nodes.config("newcomer")));
            a.await(ZreEvent.Enter.class, e -> e.peer().equals(newcomer.node().uuid()), Duration.ofSeconds(5));
            assertThat(stats.get(Counter.PEERS_ABANDONED)).isLessThanOrEqualTo(3000);
        }
    }

    @Test
    void manyPeersConnectingAndSayingHelloAtOnceAllEnter() throws Exception {
        int count = 150;
        try (TestNodes nodes = new TestNodes(); ZContext context = new ZContext(1)) {
            context.setLinger(0);
            TestNodes.Started a = nodes.start(nodes.config("a").beaconEnabled(false));
            String target = a.node().endpoint().orElseThrow();
            ZMQ.Socket mailbox = context.createSocket(SocketType.ROUTER); // where a's DEALERs connect back
            int port = mailbox.bindToRandomPort("tcp://127.0.0.1", 0xC000, 0xFFFF);
            Set<UUID> expected = new HashSet<>();
            List<ZMQ.Socket> dealers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                UUID id = UUID.randomUUID();
                expected.add(id);
                ZMQ.Socket d = context.createSocket(SocketType.DEALER);
                d.setIdentity(Uuids.dealerIdentity(id));
                d.setHandshakeIvl(1000); // recovers JeroMQ 0.6.0's stalled handshakes
                d.connect(target);
                d.send(ZreCodec.encodeFirstFrame(new ZreMessage.Hello("tcp://127.0.0.1:" + port, List.of(), 0, "p" + i, Map.of()), 1));
                dealers.add(d);
            }
            List<ZreEvent> enters = a.collect(e -> e instanceof ZreEvent.Enter, count, Duration.ofSeconds(15));
            assertThat(enters.stream().map(e -> ((ZreEvent.Enter) e).peer()).toList()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(a.node().peers()).hasSize(count);
        }
    }

    @Test
    void twentyNodesInOneJvmFormAFullMesh() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            List<TestNodes.Started> all = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                all.add(nodes.start("mesh-" + i));
            }
            for (TestNodes.Started node : all) {
                node.collect(e -> e instanceof ZreEvent.Enter, 19, Duration.ofSeconds(15));
                assertThat(node.node().peers()).hasSize(19);
            }
        }
    }

    @Test
    void hundredStartStopCyclesAndFailedStartsLeaveNoThreadsAndNoDescriptors() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            ZreNode node = new ZreNode(nodes.config("cycling").build());
            node.start();
            node.stop(); // warm up class loading and the JDK's own descriptors
            TestNodes.eventually(Duration.ofSeconds(5), "engine threads gone after the warm-up", () -> engineThreads().isEmpty());
            long fdsBefore = openDescriptors();
            for (int i = 0; i < 100; i++) {
                node.start();
                assertThat(node.endpoint()).isPresent();
                node.stop();
                assertThat(node.state()).isEqualTo(NodeState.STOPPED);
            }
            ZreNode unusable = new ZreNode(nodes.config("unusable").networkInterface("no-such-if0").build());
            for (int i = 0; i < 20; i++) { // failed starts clean up too
                assertThatThrownBy(unusable::start).isInstanceOf(ZreException.class);
            }
            TestNodes.eventually(Duration.ofSeconds(5), "engine threads gone: " + engineThreads(), () -> engineThreads().isEmpty());
            assertThat(openDescriptors()).isLessThanOrEqualTo(fdsBefore + 16);
        }
    }

    private static ZreConfig.Builder bounded(ZreConfig.Builder builder) {
        return builder.maxPeers(40).maxNewPeersPerSecond(200).helloTimeout(Duration.ofMillis(300));
    }

    private static List<String> engineThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("zre-") || n.startsWith("reaper-") || n.startsWith("iothread-")).toList();
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private static int unusedLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
