package dev.zre.internal;

import dev.zre.ExitReason;
import dev.zre.InvalidZreSettingException;
import dev.zre.ZreConfig;
import dev.zre.ZreEvent;
import dev.zre.ZreException;
import dev.zre.discovery.BeaconSocket;
import dev.zre.discovery.InterfaceSelector;
import dev.zre.discovery.NetworkSelection;
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
 * and one turn of the actor's loop ({@link #step}). Built, used and closed on the actor thread.
 */
final class RunningNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunningNode.class);
    private static final int MAILBOX_BATCH = 1024;
    /** How long an election may run before the watchdog restarts it; also how long a node alone waits to lead. */
    /** Connections still waiting for their peer's HELLO, at most (made-up beacons cannot take more). */
    private static final int MAX_PENDING = 100;

    private final CommandQueue commands;
    private final PeerTable peers;
    private final LivenessMonitor liveness;
    private final ZContext context;
    private final SocketFactory sockets;
    private final Mailbox mailbox;
    private final NetworkSelection network;
    private final ZMQ.Poller poller;
    private final Connections connections;
    private final IncomingMessages incoming;
    private final OutgoingMessages outgoing;
    private final Elections elections;
    private final List<Discovery> discoveries = new ArrayList<>();
    private final LivenessMonitor.Actions livenessActions;
    private final HandshakeMonitor handshakes;
    private final HandshakeMonitor.Actions handshakeActions;
    private long nextCheck;
    private boolean backlog;

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
        this.peers = peers;
        this.liveness = liveness;
        this.network = InterfaceSelector.select(config.networkInterface());
        this.context = SharedContext.acquire();
        this.handshakes = new HandshakeMonitor(config.handshakeInterval(), config.helloTimeout());
        this.sockets = new SocketFactory(context, config, TransportSecurity.NONE, Uuids.dealerIdentity(uuid),
                handshakes.socketHandshakeDeadline());
        Mailbox box;
        try {
            box = Mailbox.bind(sockets, network.address().getHostAddress(), config.mailboxPort());
        } catch (RuntimeException e) {
            SharedContext.release();
            throw e;
        }
        this.mailbox = box;
        Connector connector = new Connector(name, sockets, stats, errors,
                () -> ownGroups.hello(box.endpoint(), name, config.headers()));
        long beaconNanos = config.beaconInterval().toNanos();
        EndpointProbes probes = new EndpointProbes(connector, stats, handshakes,
                config.helloTimeout().toNanos() * Connections.HELLO_ATTEMPTS, beaconNanos);
        this.elections = new Elections(uuid, name, config.electionTimeout(), peers, events, errors, leaders);
        this.connections = new Connections(peers, groups, connector, probes, events, stats, errors, elections,
                config.sendHighWaterMark(), MAX_PENDING, beaconNanos);
        Handshake handshake = new Handshake(uuid, box.endpoint(), peers, groups, connections, events, stats, errors,
                elections);
        this.incoming = new IncomingMessages(peers, groups, ownGroups, handshake, connections, events, stats, errors,
                elections);
        this.outgoing = new OutgoingMessages(peers, groups, ownGroups, connections, probes, elections);
        for (String group : ownGroups.list()) {
            elections.joined(group);
        }
        this.livenessActions = new LivenessReactions(connections, events);
        this.handshakeActions = new HandshakeReactions(connections);
        this.poller = sockets.poller(3);
        mailbox.register(poller);
        commands.register(poller);
        DiscoveredPeers found = new DiscoveredPeers(peers, connections, probes);
        long now = System.nanoTime();
        this.nextCheck = now; // at once
        try {
            if (config.beaconEnabled()) {
                discoveries.add(new BeaconDiscovery(openBeacon(config, network), network, uuid, mailbox.port(),
                        beaconNanos, stats, errors, found, now));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        if (!config.endpoints().isEmpty()) {
            discoveries.add(new StaticEndpoints(config.endpoints(), liveness.checkIntervalNanos(), found, now));
        }
        for (Discovery d : discoveries) {
            d.register(poller);
        }
        log.info("ZRE node '{}' {} listening at {} on {}{}", name, Uuids.toHex(uuid), mailbox.endpoint(),
                network.interfaceName(), config.beaconEnabled() ? ", beacons to " + (config.beaconAddress() != null
                        ? config.beaconAddress() : network.broadcast().getHostAddress()) + ":" + config.beaconPort()
                        : ", beacons off");
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
     * One turn of the loop: wait for something to do (a command, mail, a discovery's channel, or
     * the next timer), then do all of it.
     */
    void step() {
        long now = System.nanoTime();
        long waitMillis = 0;
        if (!backlog && commands.isEmpty()) {
            long next = nextCheck;
            for (Discovery d : discoveries) {
                next = Math.min(next, d.nextDeadline());
            }
            waitMillis = Math.max(0, TimeUnit.NANOSECONDS.toMillis(next - now) + 1);
        }
        poller.poll(waitMillis);
        commands.runAll(poller);
        backlog = mailbox.receive(MAILBOX_BATCH, incoming);
        for (Discovery d : discoveries) {
            d.receive(poller);
        }
        now = System.nanoTime();
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
            handshakes.endPass();
            elections.checkTimeouts();
            connections.reconnectOverflowed(now);
            nextCheck = now + liveness.checkIntervalNanos();
        }
    }

    /** Tells the discoveries we leave (a port-0 beacon), and sends GOODBYE to peers that would not hear it. */
    void sayGoodbye() {
        for (Discovery d : discoveries) {
            d.leaving();
        }
        outgoing.goodbye();
    }

    @Override
    public void close() {
        connections.close();
        for (Discovery d : discoveries) {
            d.close();
        }
        discoveries.clear();
        poller.close();
        mailbox.close(sockets);
        SharedContext.release();
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
    }
}
