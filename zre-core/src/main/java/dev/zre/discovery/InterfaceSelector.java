package dev.zre.discovery;

import dev.zre.InvalidZreSettingException;
import dev.zre.ZreConfig;
import dev.zre.ZreException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Turns the {@code networkInterface} setting into a {@link NetworkSelection}: {@code auto},
 * {@code loopback}, an interface name, or one of this host's IPv4 or IPv6 addresses.
 *
 * <p>IPv6 is used when the setting is an IPv6 address, when the interface has no IPv4 address, or
 * when IPv6 is asked for ({@code ipv6}); its address is then the interface's first global or unique
 * local (fd00::/8) address, else its link-local one, and beacons go to {@code ff02::1} on it.
 */
public final class InterfaceSelector {

    private static final String SETTING = "networkInterface";
    private static final Inet4Address LOOPBACK_ADDRESS = ipv4("127.0.0.1");
    private static final Inet4Address LOOPBACK_BROADCAST = ipv4("127.255.255.255");
    /** ff02::1, the link-local all-nodes multicast group: where zyre's IPv6 beacons go. */
    private static final byte[] ALL_NODES = {(byte) 0xFF, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

    private InterfaceSelector() {
    }

    /**
     * Resolves the setting.
     *
     * @throws InvalidZreSettingException naming the setting and the choices this host offers when nothing matches
     */
    public static NetworkSelection select(String spec) {
        return select(spec, false);
    }

    /**
     * Resolves the setting, on IPv6 when {@code ipv6} is true (or the setting or interface asks for it).
     *
     * @throws InvalidZreSettingException naming the setting and the choices this host offers when nothing matches
     */
    public static NetworkSelection select(String spec, boolean ipv6) {
        String value = spec.trim();
        try {
            if (value.equalsIgnoreCase(ZreConfig.LOOPBACK)) {
                return loopback(LOOPBACK_ADDRESS);
            }
            if (value.equalsIgnoreCase(ZreConfig.AUTO)) {
                return ipv6 ? autoIpv6() : auto();
            }
            if (looksLikeIpv4(value)) {
                return byAddress(value);
            }
            if (value.indexOf(':') >= 0) {
                return byIpv6Address(value);
            }
            NetworkInterface nif = NetworkInterface.getByName(value);
            if (nif == null) {
                throw unusable(spec, "there is no interface of that name");
            }
            if (ipv6 || !hasIpv4(nif)) {
                return fromInterfaceIpv6(spec, nif);
            }
            return fromInterface(spec, nif);
        } catch (SocketException e) {
            throw new ZreException("Cannot read this host's network interfaces: " + e.getMessage(), e);
        }
    }

    private static NetworkSelection auto() throws SocketException {
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nif.isUp() || nif.isLoopback() || nif.isPointToPoint()) {
                continue;
            }
            for (InterfaceAddress ia : nif.getInterfaceAddresses()) {
                Inet4Address broadcast = broadcastOf(ia);
                if (ia.getAddress() instanceof Inet4Address a && broadcast != null) {
                    return new NetworkSelection(nif.getName(), a, broadcast, ia.getNetworkPrefixLength(), false);
                }
            }
        }
        throw unusable(ZreConfig.AUTO, "no interface is up with an IPv4 broadcast address");
    }

    private static boolean hasIpv4(NetworkInterface nif) {
        return nif.getInterfaceAddresses().stream().anyMatch(ia -> ia.getAddress() instanceof Inet4Address);
    }

    private static NetworkSelection autoIpv6() throws SocketException {
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nif.isUp() && !nif.isLoopback() && !nif.isPointToPoint() && nif.supportsMulticast()
                    && ipv6Address(nif) != null) {
                return fromInterfaceIpv6(ZreConfig.AUTO, nif);
            }
        }
        throw unusable(ZreConfig.AUTO, "no interface is up with an IPv6 address and multicast");
    }

    /** The interface's first global or unique local IPv6 address, else its link-local one. */
    private static @Nullable InterfaceAddress ipv6Address(NetworkInterface nif) {
        InterfaceAddress linkLocal = null;
        for (InterfaceAddress ia : nif.getInterfaceAddresses()) {
            if (ia.getAddress() instanceof Inet6Address a && !a.isLoopbackAddress()) {
                if (!a.isLinkLocalAddress()) {
                    return ia;
                }
                if (linkLocal == null) {
                    linkLocal = ia;
                }
            }
        }
        return linkLocal;
    }

    private static NetworkSelection fromInterfaceIpv6(String spec, NetworkInterface nif) throws SocketException {
        if (!nif.isUp()) {
            throw unusable(spec, "the interface is down");
        }
        InterfaceAddress ia = ipv6Address(nif);
        if (ia == null) {
            throw unusable(spec, "the interface has no IPv4 or IPv6 address");
        }
        return ipv6Selection(nif, ia);
    }

    private static NetworkSelection byIpv6Address(String value) throws SocketException {
        InetAddress wanted;
        try {
            wanted = InetAddress.getByName(value);
        } catch (UnknownHostException e) {
            throw unusable(value, "it is not an IP address");
        }
        if (wanted instanceof Inet6Address v6) {
            NetworkInterface nif = v6.getScopedInterface() != null ? v6.getScopedInterface()
                    : NetworkInterface.getByInetAddress(wanted);
            if (nif != null) {
                for (InterfaceAddress ia : nif.getInterfaceAddresses()) {
                    if (ia.getAddress() instanceof Inet6Address a && Arrays.equals(a.getAddress(), v6.getAddress())) {
                        return ipv6Selection(nif, ia);
                    }
                }
            }
        }
        throw unusable(value, "no interface of this host has that address");
    }

    /** Our address on the interface (link-local ones scoped to it), beacons to ff02::1 on it. */
    private static NetworkSelection ipv6Selection(NetworkInterface nif, InterfaceAddress ia) {
        try {
            Inet6Address a = (Inet6Address) ia.getAddress();
            // a link-local address needs its interface; any other is written without one (peers could not use ours)
            InetAddress address = a.isLinkLocalAddress() ? Inet6Address.getByAddress(null, a.getAddress(), nif)
                    : InetAddress.getByAddress(a.getAddress());
            InetAddress allNodes = Inet6Address.getByAddress(null, ALL_NODES, nif);
            return new NetworkSelection(nif.getName(), address, allNodes, ia.getNetworkPrefixLength(), false);
        } catch (UnknownHostException e) {
            throw unusable(nif.getName(), "its IPv6 address cannot be scoped: " + e.getMessage());
        }
    }

    private static NetworkSelection byAddress(String value) throws SocketException {
        Inet4Address wanted = ipv4(value);
        if (wanted.isLoopbackAddress()) {
            return loopback(wanted);
        }
        NetworkInterface nif = NetworkInterface.getByInetAddress(wanted);
        if (nif == null) {
            throw unusable(value, "no interface of this host has that address");
        }
        for (InterfaceAddress ia : nif.getInterfaceAddresses()) {
            if (wanted.equals(ia.getAddress())) {
                return withBroadcast(value, nif, ia);
            }
        }
        throw unusable(value, "no interface of this host has that address");
    }

    private static NetworkSelection fromInterface(String spec, NetworkInterface nif) throws SocketException {
        if (!nif.isUp()) {
            throw unusable(spec, "the interface is down");
        }
        for (InterfaceAddress ia : nif.getInterfaceAddresses()) {
            if (ia.getAddress() instanceof Inet4Address a) {
                if (a.isLoopbackAddress()) {
                    return loopback(a);
                }
                return withBroadcast(spec, nif, ia);
            }
        }
        throw unusable(spec, "the interface has no IPv4 address");
    }

    private static NetworkSelection withBroadcast(String spec, NetworkInterface nif, InterfaceAddress ia) {
        Inet4Address b = broadcastOf(ia);
        if (b == null) {
            throw unusable(spec, "the interface has no IPv4 broadcast address (set beaconAddress or use endpoints)");
        }
        return new NetworkSelection(nif.getName(), (Inet4Address) ia.getAddress(), b, ia.getNetworkPrefixLength(), false);
    }

    /**
     * The interface's broadcast address. An address configured without one ({@code ip addr add}
     * without {@code brd +}) is reported by Java as 0.0.0.0; like zyre.js, derive it from the
     * prefix then. Point-to-point /31 and /32 networks have none.
     */
    static @Nullable Inet4Address broadcastOf(InterfaceAddress ia) {
        if (!(ia.getAddress() instanceof Inet4Address address)) {
            return null;
        }
        if (ia.getBroadcast() instanceof Inet4Address b && !b.isAnyLocalAddress()) {
            return b;
        }
        int prefix = ia.getNetworkPrefixLength();
        if (prefix <= 0 || prefix >= 31) {
            return null;
        }
        int host = NetworkSelection.toInt(address) | (-1 >>> prefix);
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {
                (byte) (host >>> 24), (byte) (host >>> 16), (byte) (host >>> 8), (byte) host});
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static NetworkSelection loopback(Inet4Address address) throws SocketException {
        NetworkInterface lo = NetworkInterface.getByInetAddress(LOOPBACK_ADDRESS);
        String name = lo != null ? lo.getName() : "lo";
        return new NetworkSelection(name, address, LOOPBACK_BROADCAST, 8, true);
    }

    private static InvalidZreSettingException unusable(String spec, String why) {
        return InvalidZreSettingException.unusable(SETTING, spec, why, "'auto', 'loopback', or one of " + choices(), null);
    }

    /** Names and IPv4 addresses of this host's interfaces that are up, for error messages. */
    static List<String> choices() {
        List<String> out = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp()) {
                    continue;
                }
                for (InterfaceAddress ia : nif.getInterfaceAddresses()) {
                    if (ia.getAddress() instanceof Inet4Address a) {
                        out.add(nif.getName() + " (" + a.getHostAddress() + ")");
                    } else if (ia.getAddress() instanceof Inet6Address a && !a.isLinkLocalAddress()) {
                        out.add(nif.getName() + " (" + a.getHostAddress() + ")");
                    }
                }
            }
        } catch (SocketException e) {
            // only for the message
        }
        return out;
    }

    private static boolean looksLikeIpv4(String value) {
        return value.toLowerCase(Locale.ROOT).matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    static Inet4Address ipv4(String literal) {
        try {
            InetAddress a = InetAddress.getByName(literal);
            if (a instanceof Inet4Address v4) {
                return v4;
            }
        } catch (UnknownHostException e) {
            // fall through
        }
        throw unusable(literal, "it is not an IPv4 address");
    }
}
