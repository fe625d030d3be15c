package dev.zre;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import dev.zre.security.ZreSecurity;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@link ZreNode} can be told before it starts. Build one with {@link #builder()};
 * {@link Builder#build()} checks every value and names the setting in its message when one is
 * not allowed.
 *
 * <pre>{@code
 * ZreConfig config = ZreConfig.builder()
 *         .name("alice")
 *         .networkInterface("loopback")   // or "eth0", "192.168.1.10", "auto"
 *         .header("X-ROLE", "worker")
 *         .group("chat")
 *         .build();
 * }</pre>
 *
 * @param name the name announced in HELLO; {@code null} means the first six hex digits of the UUID, as zyre does
 * @param uuid this node's UUID; {@code null} means a random one
 * @param headers headers announced in HELLO (key at most 255 bytes)
 * @param groups groups joined at start
 * @param networkInterface {@code auto} (first up, non-loopback IPv4 interface with broadcast),
 *        {@code loopback} (127.0.0.1, beacons to 127.255.255.255; for one host), an interface name
 *        such as {@code eth0}, or one of this host's IPv4 or IPv6 addresses
 * @param beaconEnabled whether to send and receive UDP beacons; without them only {@link #endpoints()} are found
 * @param beaconPort UDP port of the beacons (5670)
 * @param beaconInterval time between beacons (1 s)
 * @param beaconAddress where beacons go; {@code null} means the interface's broadcast address
 * @param evasiveTimeout silence after which a peer is reported EVASIVE (5 s); a quiet peer is pinged from half
 *        this silence on (then every half of it), so a healthy idle peer answers and is never reported; SILENT
 *        follows at twice this silence. Checked every fifth of it (at least every 10 ms, at most every second)
 * @param expiredTimeout silence after which a peer is dropped and reported EXIT with reason EXPIRED (30 s)
 * @param mailboxPort TCP port of this node's ROUTER mailbox; 0 picks a free one in 49152..65535
 * @param endpoints mailbox endpoints of peers to connect to without beacons, e.g. {@code tcp://10.0.0.5:49152},
 *        written exactly as those peers announce themselves
 * @param sendHighWaterMark messages queued per peer before it counts as overflowing (its connection is then rebuilt)
 * @param handshakeInterval the shortest wait for a connection's ZMTP greeting before it counts as stalled (JeroMQ's
 *        stalled handshake) and is rebuilt; the wait grows with the greeting times the node observes (a burst of
 *        connections is slow, not stalled), up to ten times this, which is also JeroMQ's own handshake deadline (1 s)
 * @param helloTimeout the shortest wait for a discovered peer's HELLO before its connection is rebuilt; the wait
 *        follows how long peers recently took (up to ten times this) and doubles with each rebuild, and the peer
 *        is given up after the third (3 s, 6 s, 12 s by default)
 * @param maxPeers upper bound of the peer table (connected and connecting); beyond it new peers are refused and counted
 * @param maxNewPeersPerSecond how many new peer connections are opened per second at most (bursts of the same size)
 *        for peers found by discovery; peers that said HELLO to this node are not limited
 * @param maxPendingPeers how many peers found by discovery may wait for their HELLO at once (100); beyond it the
 *        one that has waited longest makes way, so made-up beacons cannot lock real peers out
 * @param eventQueueCapacity WHISPER/SHOUT events buffered per consumer before further ones are dropped and counted;
 *        membership events are never dropped
 * @param security how the node secures its links: {@link ZreSecurity#none()} (NULL, the default), CURVE as zyre
 *        does it, or PLAIN between nodes of this project
 * @param contested groups whose leader elections this node contests (see {@link ZreNode#contest(String)}); they
 *        are joined at start as well
 * @param electionTimeout how long an election may run before it is restarted (contesting members) or forgotten
 *        (the others); also how long a node alone in a contested group waits for peers before it leads (5 s)
 * @param dns discovery by DNS name (off unless a name is set): see {@link Dns}
 * @param ipv6 whether to run on the interface's IPv6 address (beacons to {@code ff02::1}, as zyre with IPv6
 *        on); also chosen when {@code networkInterface} is an IPv6 address or the interface has no IPv4 address
 * @param gossipConnect ZGossip hubs this node tells its endpoint and learns its peers from (czmq's {@code zgossip},
 *        ours, or a {@link ZreGossipHub}), e.g. {@code tcp://hub.example:9001}; a CURVE-secured node writes the hub's
 *        public key after a bar: {@code tcp://hub.example:9001|<Z85 public key>}. Empty: no gossip client
 * @param gossipBind where this node runs a ZGossip hub itself, e.g. {@code tcp://*:9001}; {@code null}: no hub
 * @param advertisedEndpoint the mailbox endpoint other nodes are told (gossip tuple and HELLO), e.g.
 *        {@code tcp://10.0.0.5:49152} behind NAT or a port mapping; {@code null}: the bound mailbox endpoint
 * @param ioThreads JeroMQ I/O threads for the node's connections, 1 to 16, like zyre's {@code ZSYS_IO_THREADS}.
 *        0 (the default): one, in a context shared with at most seven other nodes of this JVM that have the
 *        default too (nodes meshing at once then have an I/O thread per eight nodes). Nodes with the same number
 *        share one context with that many. One I/O thread serving both directions of a link gives the shortest
 *        latency tail; more finish a burst of new connections within one context sooner
 */
public record ZreConfig(
        @Nullable String name,
        @Nullable UUID uuid,
        Map<String, String> headers,
        Set<String> groups,
        String networkInterface,
        boolean beaconEnabled,
        int beaconPort,
        Duration beaconInterval,
        @Nullable String beaconAddress,
        Duration evasiveTimeout,
        Duration expiredTimeout,
        int mailboxPort,
        List<String> endpoints,
        int sendHighWaterMark,
        Duration handshakeInterval,
        Duration helloTimeout,
        int maxPeers,
        int maxNewPeersPerSecond,
        int maxPendingPeers,
        int eventQueueCapacity,
        ZreSecurity security,
        Set<String> contested,
        Duration electionTimeout,
        Dns dns,
        boolean ipv6,
        List<String> gossipConnect,
        @Nullable String gossipBind,
        @Nullable String advertisedEndpoint,
        int ioThreads) {

    /** Most I/O threads a node may ask for. */
    public static final int MAX_IO_THREADS = 16;

    /** The interface value that picks the first suitable interface, like zyre. */
    public static final String AUTO = "auto";
    /** The interface value for one-host clusters on 127.0.0.0/8. */
    public static final String LOOPBACK = "loopback";
    /** The ZRE beacon port. */
    public static final int DEFAULT_BEACON_PORT = 5670;

    /**
     * Discovery by DNS: the name (for example a Kubernetes headless service) is resolved every
     * {@code interval} to its A/AAAA records, and every address is a candidate mailbox
     * {@code tcp://address:port}; the HELLO of whoever answers says who it is. Addresses that vanish
     * from the answer are not dropped (liveness decides). With a name set and {@code mailboxPort} 0,
     * the node's own mailbox binds {@code port}, where the other nodes look for it.
     *
     * @param name the DNS name to resolve; {@code null} turns DNS discovery off
     * @param port the TCP port of the mailboxes behind the name (5670)
     * @param interval time between two resolutions (5 s)
     * @param maxAddresses how many addresses of one answer are taken at most (64); the rest are ignored
     */
    public record Dns(@Nullable String name, int port, Duration interval, int maxAddresses) {

        /** The defaults: off, port 5670, every 5 s, at most 64 addresses. */
        public static final Dns OFF = new Dns(null, DEFAULT_BEACON_PORT, Duration.ofSeconds(5), 64);

        /** Whether a name is set. */
        public boolean enabled() {
            return name != null;
        }
    }

    public ZreConfig {
        headers = Map.copyOf(headers);
        groups = Set.copyOf(groups);
        contested = Set.copyOf(contested);
        endpoints = List.copyOf(endpoints);
        gossipConnect = List.copyOf(gossipConnect);
    }

    /** Whether the node takes part in ZGossip (as a client of a hub, a hub, or both). */
    public boolean gossipEnabled() {
        return !gossipConnect.isEmpty() || gossipBind != null;
    }

    /** A builder with zyre's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.uuid = uuid;
        b.headers.putAll(headers);
        b.groups.addAll(groups);
        b.networkInterface = networkInterface;
        b.beaconEnabled = beaconEnabled;
        b.beaconPort = beaconPort;
        b.beaconInterval = beaconInterval;
        b.beaconAddress = beaconAddress;
        b.evasiveTimeout = evasiveTimeout;
        b.expiredTimeout = expiredTimeout;
        b.mailboxPort = mailboxPort;
        b.endpoints.addAll(endpoints);
        b.sendHighWaterMark = sendHighWaterMark;
        b.handshakeInterval = handshakeInterval;
        b.helloTimeout = helloTimeout;
        b.maxPeers = maxPeers;
        b.maxNewPeersPerSecond = maxNewPeersPerSecond;
        b.maxPendingPeers = maxPendingPeers;
        b.eventQueueCapacity = eventQueueCapacity;
        b.security = security;
        b.contested.addAll(contested);
        b.electionTimeout = electionTimeout;
        b.dnsName = dns.name();
        b.dnsPort = dns.port();
        b.dnsInterval = dns.interval();
        b.dnsMaxAddresses = dns.maxAddresses();
        b.ipv6 = ipv6;
        b.gossipConnect.addAll(gossipConnect);
        b.gossipBind = gossipBind;
        b.advertisedEndpoint = advertisedEndpoint;
        b.ioThreads = ioThreads;
        return b;
    }

    /** Builds a {@link ZreConfig}; every setter has the record component's meaning. */
    public static final class Builder {
        private @Nullable String name;
        private @Nullable UUID uuid;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final Set<String> groups = new LinkedHashSet<>();
        private String networkInterface = AUTO;
        private boolean beaconEnabled = true;
        private int beaconPort = DEFAULT_BEACON_PORT;
        private Duration beaconInterval = Duration.ofSeconds(1);
        private @Nullable String beaconAddress;
        private Duration evasiveTimeout = Duration.ofSeconds(5);
        private Duration expiredTimeout = Duration.ofSeconds(30);
        private int mailboxPort;
        private final List<String> endpoints = new ArrayList<>();
        private int sendHighWaterMark = 100_000;
        private Duration handshakeInterval = Duration.ofSeconds(1);
        private Duration helloTimeout = Duration.ofSeconds(3);
        private int maxPeers = 1000;
        private int maxNewPeersPerSecond = 1000;
        private int maxPendingPeers = 100;
        private int eventQueueCapacity = 10_000;
        private int ioThreads;
        private ZreSecurity security = ZreSecurity.none();
        private final Set<String> contested = new LinkedHashSet<>();
        private Duration electionTimeout = Duration.ofSeconds(5);
        private @Nullable String dnsName = Dns.OFF.name();
        private int dnsPort = Dns.OFF.port();
        private Duration dnsInterval = Dns.OFF.interval();
        private int dnsMaxAddresses = Dns.OFF.maxAddresses();
        private boolean ipv6;
        private final List<String> gossipConnect = new ArrayList<>();
        private @Nullable String gossipBind;
        private @Nullable String advertisedEndpoint;

        private Builder() {
        }

        public Builder name(@Nullable String name) {
            this.name = name;
            return this;
        }

        public Builder uuid(@Nullable UUID uuid) {
            this.uuid = uuid;
            return this;
        }

        public Builder header(String key, String value) {
            headers.put(Objects.requireNonNull(key, "header key"), Objects.requireNonNull(value, "header value"));
            return this;
        }

        public Builder headers(Map<String, String> headers) {
            headers.forEach(this::header);
            return this;
        }

        public Builder group(String group) {
            groups.add(Objects.requireNonNull(group, "group"));
            return this;
        }

        public Builder groups(Iterable<String> groups) {
            groups.forEach(this::group);
            return this;
        }

        /** {@code auto}, {@code loopback}, an interface name, or an IPv4 or IPv6 address of this host. */
        public Builder networkInterface(String networkInterface) {
            this.networkInterface = networkInterface;
            return this;
        }

        public Builder beaconEnabled(boolean beaconEnabled) {
            this.beaconEnabled = beaconEnabled;
            return this;
        }

        public Builder beaconPort(int beaconPort) {
            this.beaconPort = beaconPort;
            return this;
        }

        public Builder beaconInterval(Duration beaconInterval) {
            this.beaconInterval = beaconInterval;
            return this;
        }

        public Builder beaconAddress(@Nullable String beaconAddress) {
            this.beaconAddress = beaconAddress;
            return this;
        }

        public Builder evasiveTimeout(Duration evasiveTimeout) {
            this.evasiveTimeout = evasiveTimeout;
            return this;
        }

        public Builder expiredTimeout(Duration expiredTimeout) {
            this.expiredTimeout = expiredTimeout;
            return this;
        }

        public Builder mailboxPort(int mailboxPort) {
            this.mailboxPort = mailboxPort;
            return this;
        }

        public Builder endpoint(String endpoint) {
            endpoints.add(Objects.requireNonNull(endpoint, "endpoint"));
            return this;
        }

        public Builder endpoints(Iterable<String> endpoints) {
            endpoints.forEach(this::endpoint);
            return this;
        }

        public Builder sendHighWaterMark(int sendHighWaterMark) {
            this.sendHighWaterMark = sendHighWaterMark;
            return this;
        }

        public Builder handshakeInterval(Duration handshakeInterval) {
            this.handshakeInterval = handshakeInterval;
            return this;
        }

        public Builder helloTimeout(Duration helloTimeout) {
            this.helloTimeout = helloTimeout;
            return this;
        }

        public Builder maxPeers(int maxPeers) {
            this.maxPeers = maxPeers;
            return this;
        }

        public Builder maxNewPeersPerSecond(int maxNewPeersPerSecond) {
            this.maxNewPeersPerSecond = maxNewPeersPerSecond;
            return this;
        }

        public Builder maxPendingPeers(int maxPendingPeers) {
            this.maxPendingPeers = maxPendingPeers;
            return this;
        }

        public Builder eventQueueCapacity(int eventQueueCapacity) {
            this.eventQueueCapacity = eventQueueCapacity;
            return this;
        }

        public Builder ioThreads(int ioThreads) {
            this.ioThreads = ioThreads;
            return this;
        }

        /** How the node secures its links (NULL by default). */
        public Builder security(ZreSecurity security) {
            this.security = Objects.requireNonNull(security, "security");
            return this;
        }

        /** Contests the leader elections of these groups (and joins them), as {@link ZreNode#contest(String)}. */
        public Builder contest(String... groups) {
            for (String group : groups) {
                contested.add(Objects.requireNonNull(group, "group"));
            }
            return this;
        }

        /** Contests the leader elections of these groups (and joins them), as {@link ZreNode#contest(String)}. */
        public Builder contest(Iterable<String> groups) {
            groups.forEach(this::contest);
            return this;
        }

        public Builder electionTimeout(Duration electionTimeout) {
            this.electionTimeout = electionTimeout;
            return this;
        }

        /**
         * Runs on the interface's IPv6 address: beacons to the link-local all-nodes group {@code ff02::1},
         * mailbox at {@code tcp://[address]:port} (false: IPv6 only when the interface setting is an IPv6
         * address or the interface has no IPv4 address).
         */
        public Builder ipv6(boolean ipv6) {
            this.ipv6 = ipv6;
            return this;
        }

        /**
         * Finds peers by resolving this DNS name (e.g. a Kubernetes headless service
         * {@code zre.my-ns.svc.cluster.local}) every {@link #dnsInterval}; {@code null} turns it off.
         */
        public Builder dnsName(@Nullable String dnsName) {
            this.dnsName = dnsName;
            return this;
        }

        /** The TCP port of the mailboxes behind {@link #dnsName} (5670); also our mailbox's when {@code mailboxPort} is 0. */
        public Builder dnsPort(int dnsPort) {
            this.dnsPort = dnsPort;
            return this;
        }

        /** Time between two resolutions of {@link #dnsName} (5 s). */
        public Builder dnsInterval(Duration dnsInterval) {
            this.dnsInterval = dnsInterval;
            return this;
        }

        /** How many addresses of one DNS answer are taken at most (64). */
        public Builder dnsMaxAddresses(int dnsMaxAddresses) {
            this.dnsMaxAddresses = dnsMaxAddresses;
            return this;
        }

        /**
         * Adds ZGossip hubs to tell our endpoint and learn peers from: {@code tcp://host:port}, or for a
         * CURVE-secured node {@code tcp://host:port|<the hub's Z85 public key>}.
         */
        public Builder gossipConnect(String... endpoints) {
            for (String endpoint : endpoints) {
                gossipConnect.add(Objects.requireNonNull(endpoint, "gossip endpoint"));
            }
            return this;
        }

        /** Adds ZGossip hubs, as {@link #gossipConnect(String...)}. */
        public Builder gossipConnect(Iterable<String> endpoints) {
            endpoints.forEach(this::gossipConnect);
            return this;
        }

        /** Runs a ZGossip hub in this node, bound to {@code tcp://host:port} ({@code *} for every interface). */
        public Builder gossipBind(@Nullable String endpoint) {
            this.gossipBind = endpoint;
            return this;
        }

        /** The mailbox endpoint other nodes are told, {@code tcp://host:port} (gossip tuple and HELLO). */
        public Builder advertisedEndpoint(@Nullable String endpoint) {
            this.advertisedEndpoint = endpoint;
            return this;
        }

        /**
         * Checks every value and builds the configuration.
         *
         * @throws InvalidZreSettingException naming the first setting whose value is not allowed
         */
        public ZreConfig build() {
            ZreConfig config = new ZreConfig(name, uuid, headers, groups, networkInterface, beaconEnabled,
                    beaconPort, beaconInterval, beaconAddress, evasiveTimeout, expiredTimeout, mailboxPort, endpoints,
                    sendHighWaterMark, handshakeInterval, helloTimeout, maxPeers, maxNewPeersPerSecond,
                    maxPendingPeers, eventQueueCapacity, security, contested, electionTimeout,
                    new Dns(dnsName, dnsPort, dnsInterval, dnsMaxAddresses), ipv6, gossipConnect, gossipBind,
                    advertisedEndpoint, ioThreads);
            ZreConfigChecks.check(config);
            return config;
        }
    }
}
