package dev.zre;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The checks behind {@link ZreConfig.Builder#build()}, each naming the setting it rejects. */
final class ZreConfigChecks {

    private ZreConfigChecks() {
    }

    static InvalidZreSettingException invalid(String setting, @Nullable Object value, String allowed) {
        return new InvalidZreSettingException(setting, String.valueOf(value), allowed);
    }

    static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    static void checkGroup(String setting, String group) {
        if (group.isEmpty() || utf8Length(group) > 255) {
            throw invalid(setting, group, "group names of 1 to 255 bytes in UTF-8");
        }
    }

    static void checkPositive(String setting, @Nullable Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw invalid(setting, value, "a positive duration");
        }
    }

    static void checkPort(String setting, int port, int min) {
        if (port < min || port > 65535) {
            throw invalid(setting, port, "a port from " + min + " to 65535");
        }
    }

    static void checkAtLeast(String setting, int value, int min) {
        if (value < min) {
            throw invalid(setting, value, "a number of at least " + min);
        }
    }

    static void checkInterface(@Nullable String value) {
        if (value == null || value.isBlank()) {
            throw invalid("networkInterface", value, "'auto', 'loopback', an interface name (e.g. eth0) or an IP address of this host");
        }
    }

    static void checkEndpoint(String endpoint) {
        checkEndpoint("endpoints", endpoint);
    }

    /** {@code tcp://host:port}, or zyre's {@code tcp://host:port|<Z85 public key>}. */
    static void checkEndpoint(String setting, String endpoint) {
        int bar = endpoint.indexOf('|');
        if (bar >= 0) { // zyre's gossip form for a CURVE peer: endpoint|<z85 public key>
            try {
                dev.zre.security.CurveKeyPair.decodeKey(endpoint.substring(bar + 1), "public key");
            } catch (IllegalArgumentException e) {
                throw invalid(setting, endpoint, "tcp://host:port, or tcp://host:port|<40-character Z85 public key>");
            }
            endpoint = endpoint.substring(0, bar);
        }
        try {
            URI uri = new URI(endpoint);
            if ("tcp".equals(uri.getScheme()) && uri.getHost() != null && uri.getPort() > 0) {
                return;
            }
        } catch (Exception e) {
            // fall through to the message below
        }
        throw invalid(setting, endpoint, "tcp://host:port");
    }

    /** {@code tcp://host:port} with a fixed port; host {@code *} binds every interface. */
    static void checkBindEndpoint(String setting, String endpoint) {
        String allowed = "tcp://host:port or tcp://*:port, with a port from 1 to 65535";
        if (!endpoint.startsWith("tcp://")) {
            throw invalid(setting, endpoint, allowed);
        }
        String hostPort = endpoint.substring("tcp://".length());
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw invalid(setting, endpoint, allowed);
        }
        try {
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            if (port >= 1 && port <= 65535) {
                return;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw invalid(setting, endpoint, allowed);
    }

    /** {@code tcp://host:port} that other hosts can connect to: no key suffix, no wildcard address. */
    static void checkAdvertisedEndpoint(String endpoint) {
        String allowed = "tcp://host:port where host is an address or name other nodes can reach (not *, 0.0.0.0 or ::)";
        if (endpoint.contains("|") || endpoint.startsWith("tcp://*") || endpoint.startsWith("tcp://0.0.0.0:")
                || endpoint.startsWith("tcp://[::]:")) {
            throw invalid("advertisedEndpoint", endpoint, allowed);
        }
        try {
            checkEndpoint("advertisedEndpoint", endpoint);
        } catch (InvalidZreSettingException e) {
            throw invalid("advertisedEndpoint", endpoint, allowed);
        }
    }

    /** A host name of up to 253 characters (letters, digits, '-', '_', '.'), or an IP address. */
    static void checkDnsName(@Nullable String name) {
        if (name == null) {
            return;
        }
        String bare = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (bare.isEmpty() || bare.length() > 253 || !bare.matches("[A-Za-z0-9_:%-]+(\\.[A-Za-z0-9_-]+)*")) {
            throw invalid("dnsName", name, "a DNS name such as zre.my-namespace.svc.cluster.local (at most 253 characters)");
        }
    }

    static void checkSecurity(dev.zre.security.ZreSecurity security) {
        String problem = security.problem();
        if (problem != null) {
            throw invalid("security", security, problem);
        }
    }

    /** Checks every setting of a built configuration, failing with the first that is not allowed. */
    static void check(ZreConfig c) {
        String name = c.name();
        if (name != null && utf8Length(name) > 255) {
            throw invalid("name", name, "at most 255 bytes in UTF-8");
        }
        c.headers().forEach((k, v) -> {
            if (k.isEmpty() || utf8Length(k) > 255) {
                throw invalid("headers", k, "keys of 1 to 255 bytes in UTF-8");
            }
        });
        c.groups().forEach(g -> checkGroup("groups", g));
        checkInterface(c.networkInterface());
        checkPort("beaconPort", c.beaconPort(), 1);
        checkPositive("beaconInterval", c.beaconInterval());
        checkPositive("evasiveTimeout", c.evasiveTimeout());
        checkPositive("expiredTimeout", c.expiredTimeout());
        if (c.expiredTimeout().compareTo(c.evasiveTimeout()) <= 0) {
            throw invalid("expiredTimeout", c.expiredTimeout(),
                    "a duration longer than evasiveTimeout (" + c.evasiveTimeout() + ")");
        }
        checkPort("mailboxPort", c.mailboxPort(), 0);
        c.endpoints().forEach(ZreConfigChecks::checkEndpoint);
        checkAtLeast("sendHighWaterMark", c.sendHighWaterMark(), 1);
        checkPositive("handshakeInterval", c.handshakeInterval());
        checkPositive("helloTimeout", c.helloTimeout());
        checkAtLeast("maxPeers", c.maxPeers(), 1);
        checkAtLeast("maxNewPeersPerSecond", c.maxNewPeersPerSecond(), 1);
        checkAtLeast("maxPendingPeers", c.maxPendingPeers(), 1);
        checkAtLeast("eventQueueCapacity", c.eventQueueCapacity(), 1);
        if (c.ioThreads() < 0 || c.ioThreads() > ZreConfig.MAX_IO_THREADS) {
            throw invalid("ioThreads", c.ioThreads(), "0 (automatic) or 1 to " + ZreConfig.MAX_IO_THREADS);
        }
        checkSecurity(c.security());
        c.contested().forEach(g -> checkGroup("contested", g));
        checkPositive("electionTimeout", c.electionTimeout());
        checkDnsName(c.dns().name());
        checkPort("dnsPort", c.dns().port(), 1);
        checkPositive("dnsInterval", c.dns().interval());
        checkAtLeast("dnsMaxAddresses", c.dns().maxAddresses(), 1);
        c.gossipConnect().forEach(e -> checkEndpoint("gossipConnect", e));
        String gossipBind = c.gossipBind();
        if (gossipBind != null) {
            checkBindEndpoint("gossipBind", gossipBind);
        }
        String advertised = c.advertisedEndpoint();
        if (advertised != null) {
            checkAdvertisedEndpoint(advertised);
        }
    }
}
