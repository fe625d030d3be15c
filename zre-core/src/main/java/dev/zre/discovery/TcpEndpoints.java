package dev.zre.discovery;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * How ZeroMQ writes a TCP endpoint: {@code tcp://a.b.c.d:port}, and for IPv6
 * {@code tcp://[address%scope]:port} (the scope only for link-local addresses).
 */
public final class TcpEndpoints {

    private TcpEndpoints() {
    }

    /** The host part of an endpoint: the address, in brackets for IPv6. */
    public static String host(InetAddress address) {
        String text = address.getHostAddress();
        return address instanceof Inet6Address ? "[" + text + "]" : text;
    }

    /** {@code tcp://host:port}. */
    public static String of(InetAddress address, int port) {
        return "tcp://" + host(address) + ":" + port;
    }

    /**
     * The endpoint with a link-local IPv6 address scoped to our interface: the scope a peer writes
     * in its HELLO names one of its own interfaces, which means nothing here. Other endpoints are
     * returned as they are.
     */
    public static String scopedTo(String endpoint, NetworkSelection network) {
        int open = endpoint.indexOf("[fe80");
        int close = endpoint.indexOf(']');
        if (open < 0 || close < open || !network.ipv6()) {
            return endpoint;
        }
        String host = endpoint.substring(open + 1, close);
        int percent = host.indexOf('%');
        String bare = percent < 0 ? host : host.substring(0, percent);
        return endpoint.substring(0, open + 1) + bare + "%" + network.interfaceName() + endpoint.substring(close);
    }
}
