package dev.zre;

import dev.zre.discovery.InterfaceSelector;
import dev.zre.discovery.NetworkSelection;
import java.util.Objects;

/**
 * The network interface a {@code networkInterface} setting resolves to on this host, as a node
 * would use it. Resolve it up front to report a bad setting before anything starts.
 *
 * <pre>{@code
 * ZreInterface lo = ZreInterface.select("loopback");   // lo, 127.0.0.1, beacons to 127.255.255.255
 * }</pre>
 */
public final class ZreInterface {

    private final NetworkSelection selection;

    private ZreInterface(NetworkSelection selection) {
        this.selection = selection;
    }

    /**
     * Resolves a setting: {@code auto}, {@code loopback}, an interface name such as {@code eth0}, or
     * one of this host's IPv4 or IPv6 addresses (see {@link ZreConfig#networkInterface()}).
     *
     * @throws InvalidZreSettingException for {@code networkInterface} when this host has no such
     *         interface, listing the ones it has in {@link InvalidZreSettingException#expected()}
     * @throws ZreException when this host's interfaces cannot be read
     */
    public static ZreInterface select(String networkInterface) {
        return select(networkInterface, false);
    }

    /**
     * Resolves a setting as a node with {@link ZreConfig#ipv6()} set to {@code ipv6} would.
     *
     * @throws InvalidZreSettingException for {@code networkInterface} when this host has no such interface
     * @throws ZreException when this host's interfaces cannot be read
     */
    public static ZreInterface select(String networkInterface, boolean ipv6) {
        Objects.requireNonNull(networkInterface, "networkInterface");
        return new ZreInterface(InterfaceSelector.select(networkInterface, ipv6));
    }

    /** The interface's name, e.g. {@code lo} or {@code eth0}. */
    public String name() {
        return selection.interfaceName();
    }

    /** This host's address on the interface, e.g. {@code 192.168.1.10} (IPv6 when the node runs IPv6). */
    public String address() {
        return selection.address().getHostAddress();
    }

    /** Where beacons go by default: the interface's broadcast address (127.255.255.255 on loopback; ff02::1 on IPv6). */
    public String broadcastAddress() {
        return selection.broadcast().getHostAddress();
    }

    /** Whether this is the one-host loopback mode. */
    public boolean loopback() {
        return selection.loopback();
    }

    NetworkSelection selection() {
        return selection;
    }

    @Override
    public String toString() {
        return name() + " (" + address() + ")";
    }
}
