package dev.zre;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zre.ZreStatistics.Counter;
import dev.zre.protocol.Beacon;
import dev.zre.protocol.Command;
import dev.zre.protocol.ZreCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * What a node does with each way a connection to a discovered peer can go wrong, with real sockets
 * on loopback: nothing listens, something listens but never speaks ZMTP, the peer goes quiet after
 * ENTER, and a flood of made-up peers while a real one arrives.
 */
class ConnectionCasesTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @Test
    void aPeerWhoseEndpointRefusesIsDroppedAtOnceAndItsBeaconsAreIgnoredForAWhile() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start("a");
            int closedPort = unusedLoopbackPort();
            UUID madeUp = UUID.randomUUID();
            ZreStatistics stats = a.node().statistics();
            for (int i = 0; i < 3; i++) {
                RawPeer.sendDatagram(nodes.beaconPort, new Beacon(madeUp, closedPort).encode());
            }
            TestNodes.eventually(DEADLINE, "the refused connection counted", () -> stats.get(Counter.CONNECTIONS_REFUSED) == 1);
            RawPeer.sendDatagram(nodes.beaconPort, new Beacon(madeUp, closedPort).encode());
            TestNodes.eventually(DEADLINE, "the next beacon ignored", () -> stats.get(Counter.DISCOVERIES_IGNORED) >= 1);
            assertThat(stats.get(Counter.CONNECTIONS_REFUSED)).as("no second attempt in the quiet time").isEqualTo(1);
            assertThat(stats.get(Counter.PEERS_ABANDONED)).as("refused at once, not after HELLO deadlines").isZero();
            assertThat(a.node().peers()).isEmpty();
        }
    }

    @Test
    void aListenerThatNeverSpeaksZmtpIsTakenForAStalledHandshakeRebuiltThenAbandoned() throws Exception {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        AtomicBoolean open = new AtomicBoolean(true);
        try (TestNodes nodes = new TestNodes();
                ServerSocket mute = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Thread acceptor = new Thread(() -> {
                while (open.get()) {
                    try {
                        accepted.add(mute.accept()); // TCP up, never a greeting
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "mute-listener");
            acceptor.setDaemon(true);
            acceptor.start();
            TestNodes.Started a = nodes.start(nodes.config("a").handshakeInterval(Duration.ofMillis(200)));
            RawPeer.sendDatagram(nodes.beaconPort, new Beacon(UUID.randomUUID(), mute.getLocalPort()).encode());
            ZreStatistics stats = a.node().statistics();
            TestNodes.eventually(DEADLINE, "stalled handshakes rebuilt, then the peer abandoned",
                    () -> stats.get(Counter.HANDSHAKES_STALLED) >= 2 && stats.get(Counter.PEERS_ABANDONED) == 1);
            assertThat(accepted.size()).as("one TCP connection per attempt").isGreaterThanOrEqualTo(2);
            assertThat(a.node().peers()).isEmpty();
            open.set(false);
        } finally {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void aPeerThatGoesSilentAfterEnterGetsANewConnectionWithOurHello() throws Exception {
        try (TestNodes nodes = new TestNodes(); RawPeer raw = RawPeer.listening(UUID.randomUUID())) {
            TestNodes.Started a = nodes.start(nodes.config("a").beaconEnabled(false)
                    .evasiveTimeout(Duration.ofMillis(200)).expiredTimeout(Duration.ofSeconds(30)));
            raw.connect(a.node().endpoint().orElseThrow());
            raw.hello("quiet");
            a.await(ZreEvent.Enter.class, e -> e.peer().equals(raw.uuid), DEADLINE);
            ZreCodec.Decoded first = raw.await(Command.HELLO, DEADLINE);
            assertThat(first.sequence()).isEqualTo(1);
            // the raw peer answers nothing: PINGs go unanswered, the peer turns EVASIVE, then SILENT
            a.await(ZreEvent.Silent.class, e -> e.peer().equals(raw.uuid), DEADLINE);
            ZreCodec.Decoded again = raw.await(Command.HELLO, DEADLINE);
            assertThat(again.sequence()).as("a new connection starts with HELLO").isEqualTo(1);
            // at least one: a peer that stays silent gets another link each silent spell until it expires
            assertThat(a.node().statistics().get(Counter.SILENT_LINKS_REBUILT)).isGreaterThanOrEqualTo(1);
            assertThat(a.node().peers()).as("the peer is kept; expiry still decides").contains(raw.uuid);
        }
    }

    @Test
    void messagesSentToAnEnteredPeerOnAStalledLinkArriveInOrderAfterTheRebuild() throws Exception {
        UUID rId = UUID.randomUUID();
        java.util.concurrent.atomic.AtomicInteger rPort = new java.util.concurrent.atomic.AtomicInteger();
        try (TestNodes nodes = new TestNodes(); MuteFirstProxy proxy = new MuteFirstProxy(rPort::get)) {
            TestNodes.Started s = nodes.start(nodes.config("s").handshakeInterval(Duration.ofSeconds(2)));
            // s hears of r at the proxy: its first link to r is up and never greeted (a stalled handshake)
            RawPeer.sendDatagram(nodes.beaconPort, new Beacon(rId, proxy.port()).encode());
            TestNodes.eventually(DEADLINE, "s's link to r up and mute", () -> proxy.accepted() == 1);
            // r knows s only by its endpoint: r's HELLO reaches s at once, s's reaches r only after a rebuild
            TestNodes.Started r = nodes.start(nodes.config("r").uuid(rId).beaconEnabled(false)
                    .endpoint(s.node().endpoint().orElseThrow()));
            String rEndpoint = r.node().endpoint().orElseThrow();
            rPort.set(Integer.parseInt(rEndpoint.substring(rEndpoint.lastIndexOf(':') + 1)));
            s.await(ZreEvent.Enter.class, e -> e.peer().equals(rId), DEADLINE);
            ZreStatistics stats = s.node().statistics();
            assertThat(stats.get(Counter.HANDSHAKES_STALLED)).as("r entered before the stall was seen").isZero();
            for (int i = 1; i <= 3; i++) {
                s.node().whisper(rId, "m" + i); // queued on the stalled link
            }
            r.await(ZreEvent.Enter.class, e -> e.peer().equals(s.node().uuid()), DEADLINE);
            s.node().whisper(rId, "m4");
            List<ZreEvent> whispers = r.collect(e -> e instanceof ZreEvent.Whisper || e instanceof ZreEvent.Exit, 4,
                    DEADLINE);
            assertThat(whispers).as("every message, in order, and no EXIT")
                    .map(e -> e instanceof ZreEvent.Whisper w ? new String(w.frames().get(0),
                            java.nio.charset.StandardCharsets.UTF_8) : e.toString())
                    .containsExactly("m1", "m2", "m3", "m4");
            assertThat(stats.get(Counter.HANDSHAKES_STALLED)).as("the link was rebuilt").isEqualTo(1);
            assertThat(s.node().peers()).contains(rId);
        }
    }

    @Test
    void aSecondHelloThatAnswersOursIsNotAnsweredAgainSoTwoNodesNeverPingPongHellos() throws Exception {
        try (TestNodes nodes = new TestNodes(); RawPeer raw = RawPeer.listening(UUID.randomUUID())) {
            TestNodes.Started a = nodes.start(nodes.config("a").beaconEnabled(false));
            raw.connect(a.node().endpoint().orElseThrow());
            raw.hello("raw");
            a.await(ZreEvent.Enter.class, e -> e.peer().equals(raw.uuid), DEADLINE);
            raw.await(Command.HELLO, DEADLINE); // a's HELLO on its new link to us
            // re-introduce ourselves at once, as a node does when our HELLO came on a rebuilt link
            raw.hello("raw again");
            a.await(ZreEvent.Enter.class, e -> e.peerName().equals("raw again"), DEADLINE);
            raw.send(new dev.zre.protocol.ZreMessage.Ping());
            List<Command> received = new java.util.ArrayList<>();
            org.awaitility.Awaitility.await("a's PING-OK").atMost(DEADLINE).until(() -> {
                ZreCodec.Decoded d = raw.receive(Duration.ofMillis(100));
                if (d != null) {
                    received.add(d.message().command());
                }
                return received.contains(Command.PING_OK);
            });
            assertThat(received).as("a answered our answer with no HELLO of its own").doesNotContain(Command.HELLO);
        }
    }

    @Test
    void aNewcomerEntersWhileMadeUpBeaconsKeepFlooding() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start(nodes.config("a").maxPeers(50));
            AtomicBoolean flooding = new AtomicBoolean(true);
            java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
            Thread flood = new Thread(() -> {
                try (DatagramChannel udp = DatagramChannel.open(StandardProtocolFamily.INET)) {
                    udp.setOption(StandardSocketOptions.SO_BROADCAST, true);
                    udp.bind(new InetSocketAddress("127.0.0.1", 0));
                    InetSocketAddress to = new InetSocketAddress("127.255.255.255", nodes.beaconPort);
                    // bounded: at most 30 s, each beacon a new UUID at one of 50 closed ports
                    int[] ports = new int[50];
                    for (int i = 0; i < ports.length; i++) {
                        ports[i] = 1 + i; // privileged ports nothing listens on here
                    }
                    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    for (int i = 0; flooding.get() && System.nanoTime() - end < 0; i++) {
                        udp.send(ByteBuffer.wrap(new Beacon(UUID.randomUUID(), ports[i % ports.length]).encode()), to);
                        sent.incrementAndGet();
                        if (i % 20 == 0) {
                            Thread.sleep(1); // some 10,000 beacons a second at most
                        }
                    }
                } catch (IOException | InterruptedException e) {
                    // the test ends the flood
                }
            }, "beacon-flood");
            flood.setDaemon(true);
            flood.start();
            try {
                TestNodes.eventually(DEADLINE, "the flood reaches the node",
                        () -> a.node().statistics().get(Counter.BEACONS_RECEIVED) > 1000);
                TestNodes.Started newcomer = nodes.start("newcomer");
                a.await(ZreEvent.Enter.class, e -> e.peer().equals(newcomer.node().uuid()), DEADLINE);
                newcomer.awaitEnter(a.node());
                int atEnter = sent.get();
                TestNodes.eventually(DEADLINE, "the flood still going after the newcomer entered",
                        () -> sent.get() > atEnter + 1000);
            } finally {
                flooding.set(false);
                flood.join();
            }
            TestNodes.eventually(DEADLINE, "the made-up peers' connections refused",
                    () -> a.node().statistics().get(Counter.CONNECTIONS_REFUSED) > 0);
        }
    }

    private static int unusedLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
