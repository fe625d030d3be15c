package dev.zre.discovery;

import java.io.Closeable;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
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
 *
 * <p>On IPv6 (zyre with IPv6 on) beacons go to the link-local all-nodes group {@code ff02::1} on the
 * interface, and the receiver binds {@code [::]} and joins that group on the interface.
 */
public final class BeaconSocket implements Closeable {

    private static final int MAX_DATAGRAM = 1024;

    private final DatagramChannel receiver;
    private final DatagramChannel sender;
    private final InetSocketAddress destination;
    private final ByteBuffer inbound = ByteBuffer.allocate(MAX_DATAGRAM);

    private final boolean ipv6;

    private BeaconSocket(DatagramChannel receiver, DatagramChannel sender, InetSocketAddress destination,
            boolean ipv6) {
        this.receiver = receiver;
        this.sender = sender;
        this.destination = destination;
        this.ipv6 = ipv6;
    }

    /**
     * Opens both channels.
     *
     * @param destination where beacons go; {@code null} for the selection's broadcast address
     */
    public static BeaconSocket open(NetworkSelection selection, int port, @Nullable InetAddress destination)
            throws IOException {
        if (selection.ipv6()) {
            return openIpv6(selection, port, destination);
        }
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
            return new BeaconSocket(receiver, sender, new InetSocketAddress(to, port), false);
        } catch (IOException | RuntimeException e) {
            closeQuietly(receiver);
            closeQuietly(sender);
            throw e;
        }
    }

    /** IPv6: multicast to ff02::1 (or the destination) on the interface, received on [::]. */
    private static BeaconSocket openIpv6(NetworkSelection selection, int port, @Nullable InetAddress destination)
            throws IOException {
        DatagramChannel receiver = null;
        DatagramChannel sender = null;
        try {
            NetworkInterface nif = NetworkInterface.getByName(selection.interfaceName());
            if (nif == null) {
                throw new IOException("no interface " + selection.interfaceName());
            }
            InetAddress group = destination != null ? destination : selection.broadcast();
            receiver = DatagramChannel.open(StandardProtocolFamily.INET6);
            receiver.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            receiver.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            receiver.bind(new InetSocketAddress(InetAddress.getByName("::"), port));
            if (group.isMulticastAddress()) {
                receiver.join(group, nif);
            }
            receiver.configureBlocking(false);

            sender = DatagramChannel.open(StandardProtocolFamily.INET6);
            sender.setOption(StandardSocketOptions.IP_MULTICAST_IF, nif);
            sender.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true); // other nodes on this host hear it
            sender.bind(new InetSocketAddress(selection.address(), 0));
            sender.configureBlocking(false);
            return new BeaconSocket(receiver, sender, new InetSocketAddress(group, port), true);
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

    /** A received datagram: its bytes and the sender's address (IPv4, or IPv6 on an IPv6 interface). */
    // handed straight to the beacon parser; never compared, hashed or kept
    @SuppressWarnings("ArrayRecordComponent")
    public record Datagram(byte[] data, InetAddress source) {
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
                InetAddress source = ipv6 ? (a instanceof Inet6Address ? a : null) : asIpv4(a);
                if (source != null) {
                    inbound.flip();
                    byte[] data = new byte[inbound.remaining()];
                    inbound.get(data);
                    return new Datagram(data, source);
                }
            }
            // a source of the other family: not part of this node's beacons; skip it.
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
