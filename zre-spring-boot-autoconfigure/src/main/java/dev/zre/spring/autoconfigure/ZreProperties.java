package dev.zre.spring.autoconfigure;

import dev.zre.spring.listener.OverflowPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.boot.context.properties.bind.Name;

/**
 * Configuration of the application's ZRE node, bound from {@code zre.*}.
 */
@ConfigurationProperties("zre")
public class ZreProperties {

    /**
     * Whether to create and start a ZRE node.
     */
    private boolean enabled = true;

    /**
     * Name announced to peers in HELLO. Defaults to 'spring.application.name', else the host name.
     */
    private @Nullable String name;

    /**
     * UUID of this node. Defaults to a random UUID per start of the application.
     */
    private @Nullable UUID uuid;

    /**
     * Headers announced to peers in HELLO (keys of 1 to 255 bytes).
     */
    private Map<String, String> headers = new LinkedHashMap<>();

    /**
     * Groups joined when the node starts.
     */
    private List<String> groups = new ArrayList<>();

    /**
     * Network interface to discover peers on: 'auto' (first non-loopback IPv4 interface with
     * broadcast), 'loopback' (127.0.0.1, one host only), an interface name such as 'eth0', or an
     * IPv4 address of this host.
     */
    @Name("interface")
    private String networkInterface = "auto";

    /**
     * Whether to run on the interface's IPv6 address: beacons to the all-nodes group ff02::1 (as zyre
     * with IPv6 on), mailbox at tcp://[address]:port. Chosen by itself when 'zre.interface' is an
     * IPv6 address or the interface has no IPv4 address.
     */
    private boolean ipv6;

    /**
     * UDP port of the discovery beacons; every node of a cluster uses the same one.
     */
    private int port = 5670;

    /**
     * Whether to send and receive UDP beacons. Deprecated: use 'zre.discovery.beacon.enabled'; beacons
     * are off when either is false.
     */
    private boolean beaconEnabled = true;

    /**
     * Time between two beacons.
     */
    private Duration beaconInterval = Duration.ofSeconds(1);

    /**
     * Address the beacons are sent to. Defaults to the broadcast address of the interface.
     */
    private @Nullable String beaconAddress;

    /**
     * Silence after which a peer is pinged and reported EVASIVE.
     */
    private Duration evasiveTimeout = Duration.ofSeconds(5);

    /**
     * Silence after which a peer is dropped and reported EXIT. Must be longer than 'evasive-timeout'.
     */
    private Duration expiredTimeout = Duration.ofSeconds(30);

    /**
     * TCP port of this node's mailbox. 0 picks a free port in 49152..65535.
     */
    private int mailboxPort;

    /**
     * Mailbox endpoints of peers to connect to without beacons, e.g. 'tcp://10.0.0.5:49152'.
     */
    private List<String> endpoints = new ArrayList<>();

    /**
     * Messages queued for one peer before its connection counts as overflowing and is rebuilt.
     */
    private int sendHighWaterMark = 100_000;

    /**
     * Shortest wait for a connection's ZeroMQ greeting before it counts as stalled and is rebuilt;
     * the wait grows with the greeting times the node observes, up to ten times this.
     */
    private Duration handshakeInterval = Duration.ofSeconds(1);

    /**
     * How long a discovered peer may take to say HELLO before its connection is rebuilt.
     */
    private Duration helloTimeout = Duration.ofSeconds(3);

    /**
     * Largest number of peers (connected and connecting); further peers are refused and counted.
     */
    private int maxPeers = 1000;

    /**
     * Largest number of new peer connections opened per second for peers found by discovery (peers
     * that said HELLO to this node are not limited).
     */
    private int maxNewPeersPerSecond = 1000;

    /**
     * Largest number of peers found by discovery that may wait for their HELLO at once; beyond it the
     * one that has waited longest makes way, so made-up beacons cannot lock real peers out.
     */
    private int maxPendingPeers = 100;

    /**
     * WHISPER and SHOUT events buffered by the node for its subscribers before further ones are
     * dropped and counted.
     */
    private int eventQueueCapacity = 10_000;

    /**
     * JeroMQ I/O threads for the node's connections, 1 to 16. 0 means one, in a context shared with at
     * most seven other nodes of the JVM that have 0 too; nodes with the same number share one context.
     */
    private int ioThreads;

    /**
     * Whether a node that cannot start (interface not found, mailbox port in use) fails the
     * application's startup. When false, the application starts with the node FAILED and the 'zre'
     * health indicator reports DOWN.
     */
    private boolean failOnStartError = true;

    /**
     * How long stopping the application waits at most for the LEAVE messages of this node's groups
     * to go out before the node says goodbye. 0 stops without leaving the groups first.
     */
    private Duration leaveGracePeriod = Duration.ofMillis(500);

    /**
     * How the node finds its peers: UDP beacons, DNS names, ZGossip hubs (and the static 'endpoints').
     */
    private final Discovery discovery = new Discovery();

    /**
     * Settings of the @ZreListener containers.
     */
    private final Listener listener = new Listener();

    /**
     * Settings of the ZreTemplate.
     */
    private final Template template = new Template();

    /**
     * Settings of the trace frame that carries the trace context between nodes.
     */
    private final TraceFrame traceFrame = new TraceFrame();

    /**
     * Settings of the ZRE events published as Spring application events.
     */
    private final ApplicationEvents applicationEvents = new ApplicationEvents();

    /**
     * Settings of the leader elections per group.
     */
    private final Election election = new Election();

    /**
     * Settings of the 'zre' health indicator.
     */
    private final Health health = new Health();

    /**
     * Settings of the ZRE meters.
     */
    private final Metrics metrics = new Metrics();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public @Nullable String getName() {
        return this.name;
    }

    public void setName(@Nullable String name) {
        this.name = name;
    }

    public @Nullable UUID getUuid() {
        return this.uuid;
    }

    public void setUuid(@Nullable UUID uuid) {
        this.uuid = uuid;
    }

    public Map<String, String> getHeaders() {
        return this.headers;
    }

    public void setHeaders(Map<String, String> headers) {
        this.headers = headers;
    }

    public List<String> getGroups() {
        return this.groups;
    }

    public void setGroups(List<String> groups) {
        this.groups = groups;
    }

    public String getNetworkInterface() {
        return this.networkInterface;
    }

    public void setNetworkInterface(String networkInterface) {
        this.networkInterface = networkInterface;
    }

    public boolean isIpv6() {
        return this.ipv6;
    }

    public void setIpv6(boolean ipv6) {
        this.ipv6 = ipv6;
    }

    public int getPort() {
        return this.port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    /**
     * Whether to send and receive UDP beacons.
     * @return whether beacons are on
     * @deprecated use 'zre.discovery.beacon.enabled' ({@link Discovery.Beacon#isEnabled()})
     */
    @Deprecated(since = "0.1.0")
    @DeprecatedConfigurationProperty(replacement = "zre.discovery.beacon.enabled", since = "0.1.0")
    public boolean isBeaconEnabled() {
        return this.beaconEnabled;
    }

    /**
     * Turns UDP beacons on or off.
     * @param beaconEnabled whether beacons are on
     * @deprecated use 'zre.discovery.beacon.enabled'
     */
    @Deprecated(since = "0.1.0")
    public void setBeaconEnabled(boolean beaconEnabled) {
        this.beaconEnabled = beaconEnabled;
    }

    public Duration getBeaconInterval() {
        return this.beaconInterval;
    }

    public void setBeaconInterval(Duration beaconInterval) {
        this.beaconInterval = beaconInterval;
    }

    public @Nullable String getBeaconAddress() {
        return this.beaconAddress;
    }

    public void setBeaconAddress(@Nullable String beaconAddress) {
        this.beaconAddress = beaconAddress;
    }

    public Duration getEvasiveTimeout() {
        return this.evasiveTimeout;
    }

    public void setEvasiveTimeout(Duration evasiveTimeout) {
        this.evasiveTimeout = evasiveTimeout;
    }

    public Duration getExpiredTimeout() {
        return this.expiredTimeout;
    }

    public void setExpiredTimeout(Duration expiredTimeout) {
        this.expiredTimeout = expiredTimeout;
    }

    public int getMailboxPort() {
        return this.mailboxPort;
    }

    public void setMailboxPort(int mailboxPort) {
        this.mailboxPort = mailboxPort;
    }

    public List<String> getEndpoints() {
        return this.endpoints;
    }

    public void setEndpoints(List<String> endpoints) {
        this.endpoints = endpoints;
    }

    public int getSendHighWaterMark() {
        return this.sendHighWaterMark;
    }

    public void setSendHighWaterMark(int sendHighWaterMark) {
        this.sendHighWaterMark = sendHighWaterMark;
    }

    public Duration getHandshakeInterval() {
        return this.handshakeInterval;
    }

    public void setHandshakeInterval(Duration handshakeInterval) {
        this.handshakeInterval = handshakeInterval;
    }

    public Duration getHelloTimeout() {
        return this.helloTimeout;
    }

    public void setHelloTimeout(Duration helloTimeout) {
        this.helloTimeout = helloTimeout;
    }

    public int getMaxPeers() {
        return this.maxPeers;
    }

    public void setMaxPeers(int maxPeers) {
        this.maxPeers = maxPeers;
    }

    public int getMaxPendingPeers() {
        return this.maxPendingPeers;
    }

    public void setMaxPendingPeers(int maxPendingPeers) {
        this.maxPendingPeers = maxPendingPeers;
    }

    public int getMaxNewPeersPerSecond() {
        return this.maxNewPeersPerSecond;
    }

    public void setMaxNewPeersPerSecond(int maxNewPeersPerSecond) {
        this.maxNewPeersPerSecond = maxNewPeersPerSecond;
    }

    public int getEventQueueCapacity() {
        return this.eventQueueCapacity;
    }

    public void setEventQueueCapacity(int eventQueueCapacity) {
        this.eventQueueCapacity = eventQueueCapacity;
    }

    public int getIoThreads() {
        return this.ioThreads;
    }

    public void setIoThreads(int ioThreads) {
        this.ioThreads = ioThreads;
    }

    public boolean isFailOnStartError() {
        return this.failOnStartError;
    }

    public void setFailOnStartError(boolean failOnStartError) {
        this.failOnStartError = failOnStartError;
    }

    public Duration getLeaveGracePeriod() {
        return this.leaveGracePeriod;
    }

    public void setLeaveGracePeriod(Duration leaveGracePeriod) {
        this.leaveGracePeriod = leaveGracePeriod;
    }

    public Discovery getDiscovery() {
        return this.discovery;
    }

    public Listener getListener() {
        return this.listener;
    }

    public Template getTemplate() {
        return this.template;
    }

    public TraceFrame getTraceFrame() {
        return this.traceFrame;
    }

    public ApplicationEvents getApplicationEvents() {
        return this.applicationEvents;
    }

    public Election getElection() {
        return this.election;
    }

    public Health getHealth() {
        return this.health;
    }

    public Metrics getMetrics() {
        return this.metrics;
    }


    /**
     * How the node finds its peers. Several mechanisms may run at once (beacons on the LAN and a gossip
     * hub or a DNS name, for example); each peer shows which found it in '/actuator/zre'.
     */
    public static class Discovery {

        /**
         * UDP beacons on the chosen interface's broadcast address (or 'zre.beacon-address').
         */
        private final Beacon beacon = new Beacon();

        /**
         * Discovery by DNS name, e.g. a Kubernetes headless service.
         */
        private final Dns dns = new Dns();

        /**
         * The mailbox endpoint other nodes are told (gossip tuple and HELLO), e.g.
         * 'tcp://10.0.0.5:49152' behind NAT or a port mapping. Gossip needs a routable one: by default
         * the bound mailbox endpoint, which fails at startup when it is a wildcard or loopback address
         * and a hub is on another host.
         */
        private @Nullable String advertisedEndpoint;

        /**
         * ZGossip discovery (czmq's zgossip, wire-compatible with zyre): a hub that every node tells
         * its endpoint, and that tells everyone else.
         */
        private final Gossip gossip = new Gossip();

        public Beacon getBeacon() {
            return this.beacon;
        }

        public @Nullable String getAdvertisedEndpoint() {
            return this.advertisedEndpoint;
        }

        public void setAdvertisedEndpoint(@Nullable String advertisedEndpoint) {
            this.advertisedEndpoint = advertisedEndpoint;
        }

        public Gossip getGossip() {
            return this.gossip;
        }

        public Dns getDns() {
            return this.dns;
        }

        /**
         * ZGossip discovery: hubs to connect to, and a hub this node runs itself.
         */
        public static class Gossip {

            /**
             * Gossip hubs to tell our endpoint and learn peers from, e.g. 'tcp://hub.example:9001' (our
             * hub, 'zre gossip-hub', zyre's or czmq's). A CURVE-secured node adds the hub's public key:
             * 'tcp://hub.example:9001|<Z85 public key>'.
             */
            private List<String> connect = new ArrayList<>();

            /**
             * Where this node runs a gossip hub itself, e.g. 'tcp://*:9001'.
             */
            private @Nullable String bind;

            public List<String> getConnect() {
                return this.connect;
            }

            public void setConnect(List<String> connect) {
                this.connect = connect;
            }

            public @Nullable String getBind() {
                return this.bind;
            }

            public void setBind(@Nullable String bind) {
                this.bind = bind;
            }

        }

        /**
         * UDP beacons.
         */
        public static class Beacon {

            /**
             * Whether to send and receive UDP beacons. Turn them off where broadcast does not reach
             * (Kubernetes, cloud networks) and use a DNS name or 'zre.endpoints' instead.
             */
            private boolean enabled = true;

            public boolean isEnabled() {
                return this.enabled;
            }

            public void setEnabled(boolean enabled) {
                this.enabled = enabled;
            }

        }

        /**
         * Discovery by DNS name: every address the name resolves to (A and AAAA records) is a
         * candidate mailbox on 'port'; whoever answers says who it is. Addresses that vanish from
         * the answer are not dropped (liveness decides).
         */
        public static class Dns {

            /**
             * DNS name to resolve, e.g. the headless service 'zre.my-namespace.svc.cluster.local'.
             * Unset turns DNS discovery off.
             */
            private @Nullable String name;

            /**
             * TCP port of the mailboxes behind the name. This node's mailbox binds it too unless
             * 'zre.mailbox-port' is set.
             */
            private int port = 5670;

            /**
             * Time between two resolutions of the name. The JVM caches answers too (30 s by default:
             * set 'networkaddress.cache.ttl' to this interval or less).
             */
            private Duration interval = Duration.ofSeconds(5);

            /**
             * Largest number of addresses taken from one answer; the rest are ignored.
             */
            private int maxAddresses = 64;

            public @Nullable String getName() {
                return this.name;
            }

            public void setName(@Nullable String name) {
                this.name = name;
            }

            public int getPort() {
                return this.port;
            }

            public void setPort(int port) {
                this.port = port;
            }

            public Duration getInterval() {
                return this.interval;
            }

            public void setInterval(Duration interval) {
                this.interval = interval;
            }

            public int getMaxAddresses() {
                return this.maxAddresses;
            }

            public void setMaxAddresses(int maxAddresses) {
                this.maxAddresses = maxAddresses;
            }

        }

    }

    /**
     * Settings of the leader elections per group (zyre's ELECT/LEADER). Not consensus: a partition
     * elects one leader per side, and two nodes may briefly both lead.
     */
    public static class Election {

        /**
         * Groups whose leader elections this node contests (it joins them too). The contesting
         * member with the lowest id leads; every member of a group takes part in its elections.
         */
        private List<String> contest = new ArrayList<>();

        /**
         * How long an election may run before it is restarted (a member stayed silent or a message
         * was lost); also how long a node alone in a contested group waits for peers before it leads.
         */
        private Duration timeout = Duration.ofSeconds(5);

        /**
         * Settings of the Spring Integration leader initiators (one per Candidate bean).
         */
        private final Leadership leadership = new Leadership();

        public List<String> getContest() {
            return this.contest;
        }

        public void setContest(List<String> contest) {
            this.contest = contest;
        }

        public Duration getTimeout() {
            return this.timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public Leadership getLeadership() {
            return this.leadership;
        }

    }

    /**
     * Settings of the Spring Integration leader initiators.
     */
    public static class Leadership {

        /**
         * Whether to drive each Spring Integration Candidate bean through the leader election of
         * the ZRE group named by its role (when Spring Integration is on the classpath).
         */
        private boolean enabled = true;

        /**
         * How long a node whose candidate yielded stays out of the role's group (so that another
         * member is elected) before it joins and contests again.
         */
        private Duration yieldTime = Duration.ofSeconds(10);

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getYieldTime() {
            return this.yieldTime;
        }

        public void setYieldTime(Duration yieldTime) {
            this.yieldTime = yieldTime;
        }

    }

    /**
     * Settings of the 'zre' health indicator.
     */
    public static class Health {

        /**
         * Fewest connected peers of a healthy node; below it the indicator reports DOWN. 0 (the
         * default) means a lone node is healthy.
         */
        private int minPeers;

        public int getMinPeers() {
            return this.minPeers;
        }

        public void setMinPeers(int minPeers) {
            this.minPeers = minPeers;
        }

    }

    /**
     * Settings of the ZRE meters.
     */
    public static class Metrics {

        /**
         * Most groups given a 'zre.group.peers' gauge, and most contested groups given a 'zre.leader'
         * gauge (tagged with the group name), the first ones by name. Bounds the number of time series.
         */
        private int maxGroupTags = 20;

        public int getMaxGroupTags() {
            return this.maxGroupTags;
        }

        public void setMaxGroupTags(int maxGroupTags) {
            this.maxGroupTags = maxGroupTags;
        }

    }

    /**
     * Settings of the @ZreListener containers.
     */
    public static class Listener {

        /**
         * WHISPER and SHOUT events queued per listener thread (see @ZreListener concurrency) before
         * the overflow policy applies. Membership events are always queued.
         */
        private int queueCapacity = 1000;

        /**
         * What a listener's queue does with a message when it is full.
         */
        private OverflowPolicy overflowPolicy = OverflowPolicy.DROP_NEWEST;

        /**
         * How long stopping waits for each listener to finish the events already queued (all
         * listeners stop in parallel).
         */
        private Duration shutdownTimeout = Duration.ofSeconds(5);

        /**
         * Whether to observe every @ZreListener invocation with Micrometer Observation
         * ('zre.listener.process': a timer, and a span when tracing is configured).
         */
        private boolean observationEnabled;

        public boolean isObservationEnabled() {
            return this.observationEnabled;
        }

        public void setObservationEnabled(boolean observationEnabled) {
            this.observationEnabled = observationEnabled;
        }

        public int getQueueCapacity() {
            return this.queueCapacity;
        }

        public void setQueueCapacity(int queueCapacity) {
            this.queueCapacity = queueCapacity;
        }

        public OverflowPolicy getOverflowPolicy() {
            return this.overflowPolicy;
        }

        public void setOverflowPolicy(OverflowPolicy overflowPolicy) {
            this.overflowPolicy = overflowPolicy;
        }

        public Duration getShutdownTimeout() {
            return this.shutdownTimeout;
        }

        public void setShutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
        }

        /**
         * Retries of a failed listener invocation.
         */
        private final Retry retry = new Retry();

        /**
         * Where messages a listener failed on (after its retries) are sent.
         */
        private final DeadLetter deadLetter = new DeadLetter();

        public Retry getRetry() {
            return this.retry;
        }

        public DeadLetter getDeadLetter() {
            return this.deadLetter;
        }

        /**
         * Retries of a failed @ZreListener invocation, on the listener's thread (later events of the
         * same peer wait meanwhile).
         */
        public static class Retry {

            /**
             * Invocations of a listener per event, the first one included. 1 (the default) does not
             * retry.
             */
            private int maxAttempts = 1;

            /**
             * Wait before the first retry.
             */
            private Duration delay = Duration.ofSeconds(1);

            /**
             * Factor by which the wait grows after each retry.
             */
            private double multiplier = 1.0;

            /**
             * Longest wait between two attempts.
             */
            private Duration maxDelay = Duration.ofSeconds(30);

            public int getMaxAttempts() {
                return this.maxAttempts;
            }

            public void setMaxAttempts(int maxAttempts) {
                this.maxAttempts = maxAttempts;
            }

            public Duration getDelay() {
                return this.delay;
            }

            public void setDelay(Duration delay) {
                this.delay = delay;
            }

            public double getMultiplier() {
                return this.multiplier;
            }

            public void setMultiplier(double multiplier) {
                this.multiplier = multiplier;
            }

            public Duration getMaxDelay() {
                return this.maxDelay;
            }

            public void setMaxDelay(Duration maxDelay) {
                this.maxDelay = maxDelay;
            }

        }

        /**
         * Dead letters: a message a @ZreListener failed on, with its error, sent as a
         * ZreDeadLetter to a group (SHOUT) or a peer (WHISPER).
         */
        public static class DeadLetter {

            /**
             * Group the dead letters are shouted to.
             */
            private @Nullable String group;

            /**
             * UUID of the peer the dead letters are whispered to (instead of a group).
             */
            private @Nullable UUID peer;

            public @Nullable String getGroup() {
                return this.group;
            }

            public void setGroup(@Nullable String group) {
                this.group = group;
            }

            public @Nullable UUID getPeer() {
                return this.peer;
            }

            public void setPeer(@Nullable UUID peer) {
                this.peer = peer;
            }

        }

    }

    /**
     * Settings of the ZreTemplate.
     */
    public static class Template {

        /**
         * Whether to observe every SHOUT and WHISPER of the ZreTemplate with Micrometer Observation
         * ('zre.template.send': a timer, and a span when tracing is configured).
         */
        private boolean observationEnabled;

        public boolean isObservationEnabled() {
            return this.observationEnabled;
        }

        public void setObservationEnabled(boolean observationEnabled) {
            this.observationEnabled = observationEnabled;
        }

    }

    /**
     * Settings of the trace frame: the trace context as one extra last frame of each WHISPER and
     * SHOUT, in the "ZRE-TRACE/1" text format.
     */
    public static class TraceFrame {

        /**
         * Whether the ZreTemplate appends the trace frame (with 'zre.template.observation-enabled' and a
         * tracer) and listeners take it off incoming messages before they see the payload. Turn it on
         * for every node of the cluster: other implementations (zyre, Pyre) and nodes without it see
         * the frame as one more payload frame.
         */
        private boolean enabled;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

    }

    /**
     * Settings of the ZRE events published as Spring application events.
     */
    public static class ApplicationEvents {

        /**
         * Whether to publish every ZRE event (ZreEvent.Enter, ZreEvent.Shout, ...) as a Spring
         * application event, for @EventListener methods.
         */
        private boolean enabled = true;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

    }

}
