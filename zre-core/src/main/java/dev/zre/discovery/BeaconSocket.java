package dev.zre.discovery;

import java.io.Closeable;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import org.jspecify.annotations.Nullable;

/**
 * The two UDP channels of beacon discovery: one that receives beacons on the beacon port (shared
 * with every other node on this host through address reuse) and one that sends them to the
 * broadcast address. Both are non-blocking so the node's poller can watch the receiver.
 *
 * <p>In loopback mode the receiver binds 127.255.255.255, so only beacons sent on this host's
 * loopback reach it. On another interface it binds the wildcard address like zyre and the node
 * ignores beacons from outside the interface's network.
 */
public final class BeaconSocket implements Closeable {

    private static final int MAX_DATAGRAM = 1024;

    private final DatagramChannel receiver;
    private final DatagramChannel sender;
    private final InetSocketAddress destination;
    private final ByteBuffer inbound = ByteBuffer.allocate(MAX_DATAGRAM);

    private BeaconSocket(DatagramChannel receiver, DatagramChannel sender, InetSocketAddress destination) {
        this.receiver = receiver;
        this.sender = sender;
        this.destination = destination;
    }

    /**
     * Opens both channels.
     *
     * @param destination where beacons go; {@code null} for the selection's broadcast address
     */
    public static BeaconSocket open(NetworkSelection selection, int port, @Nullable InetAddress destination)
            throws IOException {
        DatagramChannel receiver = null;
        DatagramChannel sender = null;
        try {
            // An unspecified-family (dual-stack) channel can bind 127.255.255.255 where an INET one
            // is refused on Linux; the wildcard works either way.
            receiver = DatagramChannel.open();
            receiver.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            receiver.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            InetAddress bindTo = selection.loopback() ? selection.broadcast() : InetAddress.getByName("0.0.0.0");
            receiver.bind(new InetSocketAddress(bindTo, port));
            receiver.configureBlocking(false);

            sender = DatagramChannel.open(StandardProtocolFamily.INET);
            sender.setOption(StandardSocketOptions.SO_BROADCAST, true);
            sender.bind(new InetSocketAddress(selection.address(), 0));
            sender.configureBlocking(false);
            InetAddress to = destination != null ? destination : selection.broadcast();
            return new BeaconSocket(receiver, sender, new InetSocketAddress(to, port));
        } catch (IOException | RuntimeException e) {
            closeQuietly(receiver);
            closeQuietly(sender);
            throw e;
        }
    }

    /** The channel to register with a poller for incoming beacons. */
    public DatagramChannel receiver() {
        return receiver;
    }

    /** Sends one beacon; returns whether the datagram was handed to the kernel. */
    public boolean send(byte[] beacon) throws IOException {
        return sender.send(ByteBuffer.wrap(beacon), destination) > 0;
    }

    /** A received datagram: its bytes and the sender's IPv4 address. */
    // handed straight to the beacon parser; never compared, hashed or kept
    @SuppressWarnings("ArrayRecordComponent")
    public record Datagram(byte[] data, Inet4Address source) {
    }

    /** The next waiting datagram, or {@code null} when none is waiting. */
    public @Nullable Datagram receive() throws IOException {
        while (true) {
            inbound.clear();
            SocketAddress from = receiver.receive(inbound);
            if (from == null) {
                return null;
            }
            if (from instanceof InetSocketAddress isa) {
                InetAddress a = isa.getAddress();
                Inet4Address v4 = asIpv4(a);
                if (v4 != null) {
                    inbound.flip();
                    byte[] data = new byte[inbound.remaining()];
                    inbound.get(data);
                    return new Datagram(data, v4);
                }
            }
            // IPv6 sources are not part of ZRE beacons here; skip them.
        }
    }

    private static @Nullable Inet4Address asIpv4(InetAddress a) {
        if (a instanceof Inet4Address v4) {
            return v4;
        }
        byte[] b = a.getAddress();
        if (b.length == 16) { // IPv4-mapped IPv6 (::ffff:a.b.c.d) from the dual-stack receiver
            for (int i = 0; i < 10; i++) {
                if (b[i] != 0) {
                    return null;
                }
            }
            if (b[10] == (byte) 0xFF && b[11] == (byte) 0xFF) {
                try {
                    return (Inet4Address) InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (IOException e) {
                    return null;
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        closeQuietly(receiver);
        closeQuietly(sender);
    }

    private static void closeQuietly(@Nullable DatagramChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to do
            }
        }
    }
}
