package dev.zre.discovery;

import java.net.Inet4Address;

/**
 * The interface a node works on: the address its mailbox binds to and announces, and where its
 * beacons go.
 *
 * @param interfaceName the interface's name, e.g. {@code lo} or {@code eth0}
 * @param address this host's IPv4 address on it
 * @param broadcast the interface's IPv4 broadcast address (127.255.255.255 on loopback)
 * @param prefixLength the network prefix length, used to accept only beacons from this network
 * @param loopback whether this is the one-host loopback mode
 */
public record NetworkSelection(String interfaceName, Inet4Address address, Inet4Address broadcast, int prefixLength,
        boolean loopback) {

    /** Whether an IPv4 address lies in this interface's network. */
    public boolean contains(Inet4Address other) {
        if (prefixLength == 0) {
            return true;
        }
        int mask = prefixLength >= 32 ? -1 : -1 << (32 - prefixLength);
        return (toInt(address) & mask) == (toInt(other) & mask);
    }

    static int toInt(Inet4Address a) {
        byte[] b = a.getAddress();
        return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    }
}
