package dev.zre;

import dev.zre.protocol.Beacon;
import dev.zre.protocol.Command;
import dev.zre.protocol.MalformedMessageException;
import dev.zre.protocol.Uuids;
import dev.zre.protocol.ZreCodec;
import dev.zre.protocol.ZreMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A hand-driven ZRE peer for tests: a DEALER with identity {@code 0x01}+UUID that talks to a node's
 * mailbox with whatever bytes a test chooses, and a ROUTER mailbox on 127.0.0.1 that the node
 * connects back to. Sequence numbers are the test's business ({@link #sequence}).
 */
public final class RawPeer implements AutoCloseable {

    public final UUID uuid;
    public final String endpoint;
    /** Sequence of the last message sent with {@link #send(ZreMessage)}. */
    public int sequence;
    private final ZContext context = new ZContext(1);
    private final ZMQ.Socket router;
    private ZMQ.Socket dealer;
    private String target;

    /** A peer that only listens (its ROUTER) until {@link #connect(String)}. */
    public static RawPeer listening(UUID uuid) {
        return new RawPeer(null, uuid);
    }

    /** Connects the DEALER to a node's mailbox. */
    public void connect(String nodeEndpoint) {
        target = nodeEndpoint;
        dealer = openDealer(Uuids.dealerIdentity(uuid));
    }

    /** A peer with a random UUID whose DEALER connects to {@code nodeEndpoint}. */
    public RawPeer(String nodeEndpoint) {
        this(nodeEndpoint, UUID.randomUUID());
    }

    public RawPeer(@Nullable String nodeEndpoint, UUID uuid) {
        this.uuid = uuid;
        this.target = nodeEndpoint;
        context.setLinger(0);
        router = context.createSocket(SocketType.ROUTER);
        router.setHandshakeIvl(1000);
        router.setRouterHandover(true); // like a node: a reconnecting peer takes its identity over at once
        router.setRcvHWM(2); // what the test does not read pushes back to the node instead of piling up here
        int port = router.bindToRandomPort("tcp://127.0.0.1", 0xC000, 0xFFFF);
        endpoint = "tcp://127.0.0.1:" + port;
        if (nodeEndpoint != null) {
            dealer = openDealer(Uuids.dealerIdentity(uuid));
        }
    }

    public static RawPeer connectedTo(ZreNode node) {
        return new RawPeer(node.endpoint().orElseThrow());
    }

    /** A peer whose DEALER presents an arbitrary identity (or none when {@code identity} is null). */
    public static RawPeer withIdentity(ZreNode node, byte[] identity) {
        RawPeer peer = new RawPeer(node.endpoint().orElseThrow());
        peer.dealer.close();
        peer.dealer = peer.openDealer(identity);
        return peer;
    }

    private ZMQ.Socket openDealer(byte[] identity) {
        ZMQ.Socket d = context.createSocket(SocketType.DEALER);
        if (identity != null) {
            d.setIdentity(identity);
        }
        d.setHandshakeIvl(1000);
        d.setLinger(0);
        d.connect(target);
        return d;
    }

    /** Closes the DEALER and opens a new one (a new connection, as after a restart); sequence restarts. */
    public void reconnect() {
        if (dealer != null) {
            dealer.close();
        }
        dealer = openDealer(Uuids.dealerIdentity(uuid));
        sequence = 0;
    }

    /** Says HELLO (sequence 1) announcing this peer's ROUTER. */
    public void hello(String name, List<String> groups, int status, Map<String, String> headers) {
        sequence = 0;
        send(new ZreMessage.Hello(endpoint, groups, status, name, headers));
    }

    public void hello(String name) {
        hello(name, List.of(), 0, Map.of());
    }

    /** Sends a message with the next sequence number. */
    public void send(ZreMessage message) {
        sequence = (sequence + 1) & 0xFFFF;
        sendWithSequence(message, sequence);
    }

    /** Sends a message with exactly this sequence number (it becomes the last one sent). */
    public void sendWithSequence(ZreMessage message, int seq) {
        sequence = seq;
        sendFrames(ZreCodec.encode(message, seq));
    }

    /** Sends arbitrary frames as one multipart message. */
    public void sendFrames(List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            dealer.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }

    public void sendFrames(byte[]... frames) {
        sendFrames(List.of(frames));
    }

    /** The next message the node sent to this peer's ROUTER, or {@code null} after the timeout. */
    public ZreCodec.Decoded receive(Duration timeout) throws MalformedMessageException {
        router.setReceiveTimeOut((int) timeout.toMillis());
        byte[] from = router.recv();
        if (from == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>();
        while (router.hasReceiveMore()) {
            frames.add(router.recv());
        }
        return ZreCodec.decode(frames);
    }

    /** Receives until a message of this command arrives; fails after the timeout. */
    public ZreCodec.Decoded await(Command command, Duration timeout) throws MalformedMessageException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Command> seen = new ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("raw peer got no " + command + " within " + timeout + "; got " + seen);
            }
            ZreCodec.Decoded d = receive(Duration.ofNanos(Math.max(1_000_000, left)));
            if (d != null) {
                seen.add(d.message().command());
                if (d.message().command() == command) {
                    return d;
                }
            }
        }
    }

    /** Sends one UDP datagram to the loopback broadcast address on the beacon port. */
    public static void sendDatagram(int beaconPort, byte[] datagram) throws IOException {
        try (DatagramChannel channel = DatagramChannel.open(java.net.StandardProtocolFamily.INET)) {
            channel.setOption(StandardSocketOptions.SO_BROADCAST, true);
            channel.bind(new InetSocketAddress("127.0.0.1", 0));
            channel.send(ByteBuffer.wrap(datagram), new InetSocketAddress("127.255.255.255", beaconPort));
        }
    }

    /** Sends this peer's beacon (its ROUTER's port). */
    public void beacon(int beaconPort) throws IOException {
        sendDatagram(beaconPort, new Beacon(uuid, Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1))).encode());
    }

    @Override
    public void close() {
        context.close();
    }
}
