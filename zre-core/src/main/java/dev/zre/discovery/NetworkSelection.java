package dev.zre.discovery;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * The interface a node works on: the address its mailbox binds to and announces, and where its
 * beacons go.
 *
 * @param interfaceName the interface's name, e.g. {@code lo} or {@code eth0}
 * @param address this host's address on it: IPv4, or IPv6 when the node runs IPv6 (a link-local one
 *        carries the interface as its scope)
 * @param broadcast where beacons go: the IPv4 broadcast address (127.255.255.255 on loopback), or the
 *        link-local all-nodes group {@code ff02::1} on the interface for IPv6, as zyre does
 * @param prefixLength the network prefix length, used to accept only beacons from this network
 * @param loopback whether this is the one-host loopback mode
 */
public record NetworkSelection(String interfaceName, InetAddress address, InetAddress broadcast, int prefixLength,
        boolean loopback) {

    /** Whether the node runs IPv6 on this interface. */
    public boolean ipv6() {
        return address instanceof Inet6Address;
    }

    /**
     * Whether an address lies in this interface's network: the same IPv4 subnet; for IPv6 the same
     * prefix, or for a link-local address of ours, a link-local one on the same interface.
     */
    public boolean contains(InetAddress other) {
        if (address instanceof Inet4Address own && other instanceof Inet4Address v4) {
            if (prefixLength == 0) {
                return true;
            }
            int mask = prefixLength >= 32 ? -1 : -1 << (32 - prefixLength);
            return (toInt(own) & mask) == (toInt(v4) & mask);
        }
        if (address instanceof Inet6Address own && other instanceof Inet6Address v6) {
            if (own.isLinkLocalAddress()) {
                return v6.isLinkLocalAddress() && (v6.getScopeId() == 0 || own.getScopeId() == 0
                        || v6.getScopeId() == own.getScopeId());
            }
            return samePrefix(own.getAddress(), v6.getAddress(), prefixLength);
        }
        return false;
    }

    private static boolean samePrefix(byte[] a, byte[] b, int bits) {
        int whole = Math.min(bits, 128) / 8;
        if (!Arrays.equals(a, 0, whole, b, 0, whole)) {
            return false;
        }
        int rest = Math.min(bits, 128) % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest);
        return (a[whole] & mask) == (b[whole] & mask);
    }

    static int toInt(Inet4Address a) {
        byte[] b = a.getAddress();
        return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    }
}
