package dev.zre.internal;

import dev.zre.ExitReason;
import dev.zre.HandshakeFailure;
import dev.zre.ZreStatistics;
import dev.zre.security.CurveKeyPair;
import dev.zre.security.Z85;
import dev.zre.security.ZreSecurity;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.zre.InvalidZreSettingException;
import dev.zre.ZreConfig;
import dev.zre.ZreEvent;
import dev.zre.ZreException;
import dev.zre.discovery.BeaconSocket;
import dev.zre.discovery.InterfaceSelector;
import dev.zre.discovery.NetworkSelection;
import dev.zre.discovery.TcpEndpoints;
import dev.zre.protocol.Uuids;
import dev.zre.protocol.ZreMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A node from the moment its sockets are open until they are closed: the parts wired together,
 * and one turn of the actor's loop ({@link #awaitWork} and {@link #work}). Built, used and closed on the actor thread.
 */
final class RunningNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunningNode.class);
    private static final int MAILBOX_BATCH = 1024;
    /** How long an election may run before the watchdog restarts it; also how long a node alone waits to lead. */

    private final CommandQueue commands;
    private final PeerTable peers;
    private final LivenessMonitor liveness;
    private final ZContext context;
    private final SocketFactory sockets;
    private final Mailbox mailbox;
    private final NetworkSelection network;
    private final ActorPoller poller;
    private final Connections connections;
    private final IncomingMessages incoming;
    private final OutgoingMessages outgoing;
    private final Elections elections;
    /** The shared context the node's sockets use; null for a secured node, whose context is its own. */
    private final @Nullable SharedContext shared;
    private final @Nullable ZapHandler zap;
    private final List<Discovery> discoveries = new ArrayList<>();
    /** Whether the node gossips: then every peer gets a GOODBYE on stop, as zyre does in gossip mode. */
    private final boolean gossip;
    private final LivenessMonitor.Actions livenessActions;
    private final HandshakeMonitor handshakes;
    private final HandshakeMonitor.Actions handshakeActions;
    private long nextCheck;
    private boolean backlog;
    /** How long the next poll may wait: 0 while work is waiting. */
    private long waitMillis;

    /**
     * Opens the node's sockets (mailbox, discoveries) on its interface; on failure whatever was
     * opened is closed again.
     *
     * @throws ZreException naming the setting when the interface or a port cannot be used
     */
    RunningNode(ZreConfig config, UUID uuid, String name, OwnGroups ownGroups, PeerTable peers, GroupTable groups,
            NodeEvents events, LivenessMonitor liveness, NodeCounters stats, ProtocolErrors errors,
            CommandQueue commands, ConcurrentHashMap<String, UUID> leaders) throws IOException {
        this.commands = commands;
        this.gossip = config.gossipEnabled();
        this.peers = peers;
        this.liveness = liveness;
        this.network = InterfaceSelector.select(config.networkInterface(), config.ipv6());
        ZreSecurity security = config.security();
        PeerKeys peerKeys = new PeerKeys();
        List<String> endpoints = learnEndpointKeys(config.endpoints(), peerKeys);
        List<String> gossipHubs = learnEndpointKeys(config.gossipConnect(), peerKeys);
        GossipWiring.checkSettings(config, network.address(), gossipHubs, peerKeys);
        AllowList allowList = new AllowList(security.allowedKeys(), security.allowDirectory());
        TransportSecurity transport = transport(security, peerKeys);
        // A secured node has a context of its own: the ZAP handler is per context, and each node has its own allow-list
        boolean ownContext = transport.secured();
        this.shared = ownContext ? null : SharedContext.acquire(config.ioThreads());
        if (shared == null) {
            this.context = new ZContext(SharedContext.ioThreadsFor(config.ioThreads()));
            context.setLinger(0);
        } else {
            this.context = shared.context();
        }
        this.handshakes = new HandshakeMonitor(config.handshakeInterval(), config.helloTimeout(), transport,
                shared == null ? new GreetingActivity() : shared.greetings());
        this.sockets = new SocketFactory(context, config, transport, Uuids.dealerIdentity(uuid),
                handshakes.socketHandshakeDeadline(), network.ipv6());
        Mailbox box;
        ZapHandler zapHandler = null;
        try {
            if (ownContext) {
                zapHandler = new ZapHandler(context, security, allowList, stats);
            }
            box = Mailbox.bind(sockets, TcpEndpoints.host(network.address()), mailboxPort(config));
        } catch (RuntimeException e) {
            releaseContext();
            throw e;
        }
        this.zap = zapHandler;
        this.mailbox = box;
        String announced = config.advertisedEndpoint() != null ? config.advertisedEndpoint() : box.endpoint();
        Map<String, String> helloHeaders = new LinkedHashMap<>(config.headers());
        if (security.keyPair() != null) {
            helloHeaders.put(Handshake.PUBLIC_KEY_HEADER, security.keyPair().publicKeyZ85());
        }
        Connector connector = new Connector(name, sockets, stats, errors, handshakes.activity(),
                () -> ownGroups.hello(announced, name, helloHeaders));
        long beaconNanos = config.beaconInterval().toNanos();
        EndpointProbes probes = new EndpointProbes(connector, stats, handshakes,
                config.helloTimeout().toNanos() * Connections.HELLO_ATTEMPTS, beaconNanos);
        this.elections = new Elections(uuid, name, config.electionTimeout(), peers, events, errors, leaders);
        this.connections = new Connections(peers, groups, connector, probes, events, stats, errors, elections,
                config.sendHighWaterMark(), config.maxPendingPeers(), beaconNanos);
        Handshake handshake = new Handshake(uuid, announced, endpoint -> TcpEndpoints.scopedTo(endpoint, network),
                peers, groups, connections, events, stats, errors,
                elections, handshakes, security.mechanism() == ZreSecurity.Mechanism.CURVE ? peerKeys : null);
        this.incoming = new IncomingMessages(peers, groups, ownGroups, handshake, connections, events, stats, errors,
                elections);
        this.outgoing = new OutgoingMessages(peers, groups, ownGroups, connections, probes, elections);
        for (String group : ownGroups.list()) {
            elections.joined(group);
        }
        this.livenessActions = new LivenessReactions(connections, events);
        this.handshakeActions = new HandshakeReactions(connections);
        this.poller = new ActorPoller();
        mailbox.register(poller);
        if (zap != null) {
            zap.register(poller);
        }
        commands.wakeWith(poller);
        DiscoveredPeers found = new DiscoveredPeers(peers, connections, probes);
        long now = System.nanoTime();
        this.nextCheck = now; // at once
        try {
            if (config.beaconEnabled()) {
                discoveries.add(new BeaconDiscovery(openBeacon(config, network), network, uuid, mailbox.port(),
                        beaconNanos, stats, errors, found, now, beaconKeys(security, allowList, peerKeys, stats)));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        if (!endpoints.isEmpty()) {
            discoveries.add(new StaticEndpoints(endpoints, liveness.checkIntervalNanos(), found, now));
        }
        if (config.dns().enabled()) {
            discoveries.add(new DnsDiscovery(config.dns(), InetAddress::getAllByName, commands::submit,
                    mailbox.endpoint(), found, liveness.checkIntervalNanos(), now));
        }
        if (config.gossipEnabled()) {
            try {
                discoveries.addAll(GossipWiring.discoveries(context, config, uuid, announced, transport, allowList,
                        peerKeys, gossipHubs, found, stats, errors, now));
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }
        for (Discovery d : discoveries) {
            d.register(poller);
        }
        log.info("ZRE node '{}' {} listening at {} on {}{}, security {}", name, Uuids.toHex(uuid), mailbox.endpoint(),
                network.interfaceName(), config.beaconEnabled() ? ", beacons to " + (config.beaconAddress() != null
                        ? config.beaconAddress() : network.broadcast().getHostAddress()) + ":" + config.beaconPort()
                        : ", beacons off", transport);
        if (config.dns().enabled()) {
            log.info("ZRE node '{}' looks for peers at DNS name {} port {} every {}", name, config.dns().name(),
                    config.dns().port(), config.dns().interval());
        }
    }

    /** The configured mailbox port; with DNS discovery and none configured, the port the others look at. */
    private static int mailboxPort(ZreConfig config) {
        if (config.mailboxPort() == 0 && config.dns().enabled()) {
            return config.dns().port();
        }
        return config.mailboxPort();
    }

    /** The mechanism's socket setup. */
    static TransportSecurity transport(ZreSecurity security, PeerKeys peerKeys) {
        return switch (security.mechanism()) {
            case NULL -> TransportSecurity.NONE;
            case CURVE -> new CurveTransport(java.util.Objects.requireNonNull(security.keyPair()), security.zapDomain(),
                    peerKeys);
            case PLAIN -> new PlainTransport(java.util.Objects.requireNonNull(security.plainUsername()),
                    java.util.Objects.requireNonNull(security.plainPassword()), security.zapDomain());
        };
    }

    /** Configured endpoints without their {@code |key} suffix (zyre's gossip form); the keys go to {@code peerKeys}. */
    private static List<String> learnEndpointKeys(List<String> configured, PeerKeys peerKeys) {
        List<String> endpoints = new ArrayList<>();
        for (String e : configured) {
            int bar = e.indexOf('|');
            if (bar < 0) {
                endpoints.add(e);
            } else {
                String endpoint = e.substring(0, bar);
                peerKeys.learn(endpoint, CurveKeyPair.decodeKey(e.substring(bar + 1), "public key of " + endpoint));
                endpoints.add(endpoint);
            }
        }
        return endpoints;
    }

    /** A CURVE node's beacon side: v3 with our key; peers' keys learnt if allowed. Null for v1 beacons. */
    private static BeaconDiscovery.@Nullable BeaconKeys beaconKeys(ZreSecurity security, AllowList allowList,
            PeerKeys peerKeys, NodeCounters stats) {
        CurveKeyPair keys = security.keyPair();
        if (keys == null) {
            return null;
        }
        byte[] own = keys.publicKey();
        return new BeaconDiscovery.BeaconKeys() {
            @Override
            public byte[] ownKey() {
                return own;
            }

            @Override
            public boolean accept(UUID peer, String endpoint, byte[] publicKey) {
                if (!security.allowsAny() && !allowList.allows(Z85.encode(publicKey))) {
                    stats.increment(ZreStatistics.Counter.BEACONS_NOT_ALLOWED);
                    return false;
                }
                peerKeys.learn(endpoint, publicKey);
                return true;
            }
        };
    }

    private void releaseContext() {
        SharedContext s = shared;
        if (s == null) {
            context.close();
        } else {
            s.release();
        }
    }

    private static BeaconSocket openBeacon(ZreConfig config, NetworkSelection net) throws IOException {
        String address = config.beaconAddress();
        InetAddress destination = address == null ? null : InetAddress.getByName(address);
        try {
            return BeaconSocket.open(net, config.beaconPort(), destination);
        } catch (IOException e) {
            throw InvalidZreSettingException.unusable("beaconPort", String.valueOf(config.beaconPort()),
                    "cannot open UDP port " + config.beaconPort() + " on " + net.interfaceName() + ": " + e.getMessage(),
                    "a UDP port this host lets the node open", e);
        }
    }

    String endpoint() {
        return mailbox.endpoint();
    }

    String interfaceName() {
        return network.interfaceName();
    }

    /** Sends what the application asks for; use only from commands (actor thread). */
    OutgoingMessages outgoing() {
        return outgoing;
    }

    /**
     * Waits for something to do: a command, mail, a discovery's channel, or the next timer. Called
     * without the node's lock, so that application threads can send meanwhile.
     */
    void awaitWork() {
        poller.poll(waitMillis);
    }

    /** Does everything that is due (with the node's lock held), and works out how long the next wait may be. */
    void work() {
        commands.runAll();
        if (zap != null) {
            zap.receive(poller); // before the mailbox: handshakes waiting for an answer come first
        }
        int received = mailbox.receive(MAILBOX_BATCH, incoming);
        backlog = received == MAILBOX_BATCH;
        if (received == 0) {
            poller.drainedWasEmpty();
        }
        for (Discovery d : discoveries) {
            d.receive(poller);
        }
        long now = System.nanoTime();
        connections.reconnectOverflowed(now);
        for (Discovery d : discoveries) {
            if (now - d.nextDeadline() >= 0) {
                d.onTimer(now);
            }
        }
        if (now - nextCheck >= 0) {
            for (Peer peer : peers.copy()) {
                handshakes.check(peer, now, handshakeActions);
                if (peers.contains(peer)) {
                    liveness.check(peer, now, livenessActions);
                }
            }
            elections.checkTimeouts();
            connections.reconnectOverflowed(now);
            nextCheck = now + liveness.checkIntervalNanos();
        }
        waitMillis = 0;
        if (!backlog && commands.isEmpty()) {
            long next = nextCheck;
            for (Discovery d : discoveries) {
                next = Math.min(next, d.nextDeadline());
            }
            waitMillis = Math.max(0, TimeUnit.NANOSECONDS.toMillis(next - System.nanoTime()) + 1);
        }
    }

    /** Runs the commands queued meanwhile (with the node's lock held). */
    void runCommands() {
        commands.runAll();
        connections.reconnectOverflowed(System.nanoTime());
    }

    /** Whether a send overflowed a peer's queue: its connection waits to be rebuilt by the loop. */
    boolean hasOverflowed() {
        return connections.hasOverflowed();
    }

    /**
     * Tells the discoveries we leave (a port-0 beacon), and sends GOODBYE to peers that would not hear it
     * (to every peer in gossip mode).
     */
    void sayGoodbye() {
        for (Discovery d : discoveries) {
            d.leaving();
        }
        outgoing.goodbye(gossip);
    }

    @Override
    public void close() {
        connections.close();
        for (Discovery d : discoveries) {
            d.close();
        }
        discoveries.clear();
        commands.wakeWith(null);
        poller.close();
        mailbox.close(sockets);
        if (zap != null) {
            zap.close();
        }
        releaseContext();
    }

    /** What the liveness check asks for, done. */
    private record LivenessReactions(Connections connections, NodeEvents events) implements LivenessMonitor.Actions {

        @Override
        public void ping(Peer peer) {
            connections.send(peer, new ZreMessage.Ping());
        }

        @Override
        public void evasive(Peer peer) {
            events.publish(new ZreEvent.Evasive(peer.uuid, peer.name));
        }

        @Override
        public void silent(Peer peer) {
            events.publish(new ZreEvent.Silent(peer.uuid, peer.name));
            connections.silent(peer, System.nanoTime());
        }

        @Override
        public void stillSilent(Peer peer) {
            connections.silent(peer, System.nanoTime());
        }

        @Override
        public void expired(Peer peer) {
            connections.remove(peer, ExitReason.EXPIRED);
        }
    }

    /** What the handshake check asks for, done. */
    private record HandshakeReactions(Connections connections) implements HandshakeMonitor.Actions {

        @Override
        public void refused(Peer peer) {
            connections.refused(peer, System.nanoTime());
        }

        @Override
        public void stalled(Peer peer) {
            connections.stalled(peer, System.nanoTime());
        }

        @Override
        public void helloOverdue(Peer peer) {
            connections.helloOverdue(peer, System.nanoTime());
        }

        @Override
        public void handshakeFailed(Peer peer, HandshakeFailure reason) {
            connections.handshakeFailed(peer, reason, System.nanoTime());
        }
    }
}
