package dev.zre;

import dev.zre.discovery.BeaconSocket;
import dev.zre.protocol.Beacon;
import dev.zre.protocol.MalformedMessageException;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Objects;

/**
 * Listens to the UDP discovery beacons on an interface without taking part: it sends no beacon and
 * opens no TCP connection, so no node learns it exists. Beacons carry only a node's UUID and
 * mailbox port, so that, with the sender's address, is all it reports. It binds the beacon port with
 * address reuse, so it runs beside nodes on the same host. Not thread-safe: poll from one thread.
 *
 * <pre>{@code
 * try (ZreBeaconMonitor monitor = ZreBeaconMonitor.open(ZreInterface.select("loopback"), 5670)) {
 *     monitor.poll(Duration.ofSeconds(1), beacon -> System.out.println(beacon.peer() + " at " + beacon.endpoint()));
 * }
 * }</pre>
 */
public final class ZreBeaconMonitor implements AutoCloseable {

    /**
     * One beacon heard.
     *
     * @param peer the sending node
     * @param address the IPv4 address it was sent from
     * @param port the node's mailbox port; 0 when the node is leaving
     */
    public record HeardBeacon(PeerId peer, String address, int port) {

        /** Whether the node announced that it is leaving (port 0). */
        public boolean leaving() {
            return port == 0;
        }

        /** The node's mailbox endpoint, e.g. {@code tcp://192.168.1.10:49152}. */
        public String endpoint() {
            return "tcp://" + address + ":" + port;
        }
    }

    /** Receives what {@link #poll} hears, on the polling thread. */
    @FunctionalInterface
    public interface Listener {

        /** A well-formed beacon from this interface's network. */
        void onBeacon(HeardBeacon beacon);

        /** A datagram on the beacon port that is no ZRE v1 beacon (also zyre's v3 CURVE beacons). */
        default void onMalformed(String address) {
        }

        /** A datagram from outside this interface's network, ignored as a node ignores it. */
        default void onForeign(String address) {
        }
    }

    private final ZreInterface networkInterface;
    private final int port;
    private final BeaconSocket socket;
    private final Selector selector;

    private ZreBeaconMonitor(ZreInterface networkInterface, int port, BeaconSocket socket, Selector selector) {
        this.networkInterface = networkInterface;
        this.port = port;
        this.socket = socket;
        this.selector = selector;
    }

    /**
     * Starts listening on the beacon port of an interface.
     *
     * @param port the UDP beacon port of the cluster, 1 to 65535 ({@value ZreConfig#DEFAULT_BEACON_PORT} by default)
     * @throws InvalidZreSettingException for {@code beaconPort} when the port is out of range or cannot be opened
     * @throws IOException when no selector can be opened
     */
    public static ZreBeaconMonitor open(ZreInterface networkInterface, int port) throws IOException {
        Objects.requireNonNull(networkInterface, "networkInterface");
        ZreConfigChecks.checkPort("beaconPort", port, 1);
        BeaconSocket socket;
        try {
            socket = BeaconSocket.open(networkInterface.selection(), port, null);
        } catch (IOException e) {
            throw InvalidZreSettingException.unusable("beaconPort", String.valueOf(port), "cannot open UDP port " + port
                    + " on " + networkInterface.name() + ": " + e.getMessage(), "a UDP port this host lets the node open", e);
        }
        try {
            Selector selector = Selector.open();
            socket.receiver().register(selector, SelectionKey.OP_READ);
            return new ZreBeaconMonitor(networkInterface, port, socket, selector);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The interface listened on. */
    public ZreInterface networkInterface() {
        return networkInterface;
    }

    /** The beacon port listened on. */
    public int port() {
        return port;
    }

    /**
     * Waits up to {@code timeout} for a datagram, then hands every waiting one to the listener.
     *
     * @return the number of datagrams handed over (0 when the timeout passed without any)
     */
    public int poll(Duration timeout, Listener listener) throws IOException {
        long millis = timeout.toMillis();
        if (millis > 0) {
            selector.select(millis);
        } else {
            selector.selectNow();
        }
        selector.selectedKeys().clear();
        int count = 0;
        BeaconSocket.Datagram d;
        while ((d = socket.receive()) != null) {
            count++;
            String address = d.source().getHostAddress();
            if (!networkInterface.selection().contains(d.source())) {
                listener.onForeign(address);
                continue;
            }
            Beacon beacon;
            try {
                beacon = Beacon.decode(d.data(), 0, d.data().length);
            } catch (MalformedMessageException e) {
                listener.onMalformed(address);
                continue;
            }
            listener.onBeacon(new HeardBeacon(PeerId.of(beacon.uuid()), address, beacon.port()));
        }
        return count;
    }

    /** Stops listening. */
    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException e) {
            // closing anyway
        }
        socket.close();
    }
}
