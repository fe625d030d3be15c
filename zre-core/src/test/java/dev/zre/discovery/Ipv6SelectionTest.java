package dev.zre.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** IPv6 beacons' network check and the endpoints written for IPv6 addresses, without sockets. */
class Ipv6SelectionTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    private static NetworkSelection on(String address, int prefix) throws Exception {
        return new NetworkSelection("zre0", ip(address), ip("ff02::1"), prefix, false);
    }

    @Test
    void aUniqueLocalSelectionAcceptsItsPrefixOnly() throws Exception {
        NetworkSelection v6 = on("fd7a:1:2::b", 64);
        assertThat(v6.ipv6()).isTrue();
        assertThat(v6.contains(ip("fd7a:1:2::c"))).isTrue();
        assertThat(v6.contains(ip("fd7a:1:3::c"))).isFalse();
        assertThat(v6.contains(ip("198.18.0.1"))).as("another family").isFalse();
        assertThat(v6.contains(ip("fe80::1"))).as("link-local beside a unique local address").isFalse();
    }

    @Test
    void aLinkLocalSelectionAcceptsLinkLocalSourcesOfItsInterface() throws Exception {
        NetworkSelection v6 = new NetworkSelection("zre0", Inet6Address.getByAddress(null, ip("fe80::b").getAddress(), 3),
                ip("ff02::1"), 64, false);
        assertThat(v6.contains(Inet6Address.getByAddress(null, ip("fe80::c").getAddress(), 3))).isTrue();
        assertThat(v6.contains(Inet6Address.getByAddress(null, ip("fe80::c").getAddress(), 4)))
                .as("the same prefix on another interface").isFalse();
        assertThat(v6.contains(ip("fd7a::c"))).isFalse();
    }

    @Test
    void anIpv4SelectionIgnoresIpv6Sources() throws Exception {
        NetworkSelection v4 = new NetworkSelection("eth0", ip("198.18.0.11"), ip("198.18.0.255"), 24, false);
        assertThat(v4.ipv6()).isFalse();
        assertThat(v4.contains(ip("198.18.0.12"))).isTrue();
        assertThat(v4.contains(ip("198.18.1.12"))).isFalse();
        assertThat(v4.contains(ip("fd7a::c"))).isFalse();
    }

    @Test
    void ipv6EndpointsAreBracketedAsZeroMqWritesThem() throws Exception {
        assertThat(TcpEndpoints.of(ip("198.18.0.11"), 5670)).isEqualTo("tcp://198.18.0.11:5670");
        assertThat(TcpEndpoints.of(ip("fd7a::b"), 5670)).isEqualTo("tcp://[fd7a:0:0:0:0:0:0:b]:5670");
    }

    @Test
    void aLinkLocalEndpointFromAPeerIsScopedToOurInterface() throws Exception {
        NetworkSelection v6 = on("fd7a::b", 64);
        assertThat(TcpEndpoints.scopedTo("tcp://[fe80:0:0:0:0:0:0:c%eth7]:49152", v6))
                .as("the peer's interface name means nothing here").isEqualTo("tcp://[fe80:0:0:0:0:0:0:c%zre0]:49152");
        assertThat(TcpEndpoints.scopedTo("tcp://[fe80:0:0:0:0:0:0:c%2]:49152", v6))
                .isEqualTo("tcp://[fe80:0:0:0:0:0:0:c%zre0]:49152");
        assertThat(TcpEndpoints.scopedTo("tcp://[fd7a:0:0:0:0:0:0:c]:49152", v6)).isEqualTo("tcp://[fd7a:0:0:0:0:0:0:c]:49152");
        NetworkSelection v4 = new NetworkSelection("eth0", ip("198.18.0.11"), ip("198.18.0.255"), 24, false);
        assertThat(TcpEndpoints.scopedTo("tcp://198.18.0.12:49152", v4)).isEqualTo("tcp://198.18.0.12:49152");
    }
}
