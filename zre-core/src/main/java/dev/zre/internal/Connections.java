package dev.zre.internal;

import dev.zre.ExitReason;
import dev.zre.ProtocolError;
import dev.zre.ZreEvent;
import dev.zre.ZreStatistics;
import dev.zre.ZreStatistics.Counter;
import dev.zre.protocol.Command;
import dev.zre.protocol.Uuids;
import dev.zre.protocol.ZreCodec;
import dev.zre.protocol.ZreMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of each peer's connection: admission and creation, sending (a full queue is an
 * overflow: the peer is reported gone and connected again), rebuilding a connection whose HELLO is
 * overdue and giving up after a few tries, and removal with its EXIT.
 */
final class Connections implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Connections.class);

    /** Connections opened to a peer that never says HELLO before it is given up. */
    static final int HELLO_ATTEMPTS = 3;

    private final PeerTable peers;
    private final GroupTable groups;
    private final Connector connector;
    private final EndpointProbes probes;
    private final NodeEvents events;
    private final ZreStatistics stats;
    private final ProtocolErrors errors;
    private final int queueLimit;
    private final List<Peer> overflowed = new ArrayList<>();

    Connections(PeerTable peers, GroupTable groups, Connector connector, EndpointProbes probes, NodeEvents events,
            ZreStatistics stats, ProtocolErrors errors, int queueLimit) {
        this.peers = peers;
        this.groups = groups;
        this.connector = connector;
        this.probes = probes;
        this.events = events;
        this.stats = stats;
        this.errors = errors;
        this.queueLimit = queueLimit;
    }

    /**
     * Creates a peer and its connection (HELLO sent), or takes over a configured endpoint's
     * connection that already said HELLO there.
     *
     * @return the peer, in the table, or null when it was refused (counted)
     */
    @Nullable Peer create(UUID uuid, String endpoint, long now) {
        if (!peers.admit(now)) {
            stats.increment(Counter.PEERS_REFUSED);
            log.debug("refused peer {} at {} ({} peers)", Uuids.toHex(uuid), endpoint, peers.size());
            return null;
        }
        Peer peer = new Peer(uuid, endpoint, now);
        peer.connection = probes.adopt(endpoint, uuid);
        if (peer.connection == null && !connect(peer, now)) {
            return null;
        }
        peers.put(peer);
        return peer;
    }

    /** Sends a message to the peer; a full queue marks it for reconnection. */
    void send(Peer peer, ZreMessage message) {
        PeerConnection c = peer.connection;
        if (c != null) {
            sent(peer, message.command(), connector.send(c, message));
        }
    }

    /** Sends a prepared message (SHOUT's first frame is encoded once for all members). */
    void send(Peer peer, Command command, byte[] firstWithoutSequence, List<byte[]> content) {
        PeerConnection c = peer.connection;
        if (c != null) {
            byte[] first = ZreCodec.withSequence(firstWithoutSequence, c.nextSequence());
            sent(peer, command, connector.send(c, command, first, content));
        }
    }

    private void sent(Peer peer, Command command, boolean ok) {
        if (ok) {
            peer.messagesOut++;
            return;
        }
        errors.report(ProtocolError.SEND_OVERFLOW, command + " to " + peer.name + " " + Uuids.toHex(peer.uuid)
                + ": its queue of " + queueLimit + " is full; reconnecting");
        if (!overflowed.contains(peer)) {
            overflowed.add(peer);
        }
    }

    /** Introduces us again on the connection the peer already has (after its second HELLO). */
    void sayHelloAgain(Peer peer) {
        PeerConnection c = peer.connection;
        if (c != null) {
            connector.sayHello(c);
            peer.messagesOut++;
        }
    }

    /**
     * A peer whose queue overflowed lost a message, and its stream would now show a gap. Report it
     * gone and connect again: our new HELLO makes the peer re-introduce itself (EXIT, ENTER on both sides).
     */
    void reconnectOverflowed(long now) {
        if (overflowed.isEmpty()) {
            return;
        }
        for (Peer peer : overflowed) {
            if (!peers.contains(peer)) {
                continue;
            }
            remove(peer, ExitReason.DROPPED);
            Peer again = create(peer.uuid, peer.endpoint, now);
            if (again != null) {
                again.viaBeacon = peer.viaBeacon;
                stats.increment(Counter.CONNECTIONS_REBUILT);
            }
        }
        overflowed.clear();
    }

    /** No HELLO in time: rebuild the connection (a stalled ZMTP handshake), or give up after a few tries. */
    void helloOverdue(Peer peer, long now) {
        peer.disconnect();
        if (++peer.rebuilds >= HELLO_ATTEMPTS) {
            peers.remove(peer);
            stats.increment(Counter.PEERS_ABANDONED);
            log.debug("no HELLO from {} at {}; giving up", Uuids.toHex(peer.uuid), peer.endpoint);
            return;
        }
        stats.increment(Counter.CONNECTIONS_REBUILT);
        if (!connect(peer, now)) {
            peers.remove(peer);
        }
    }

    /** Opens a fresh connection to the peer, which starts with our HELLO. */
    private boolean connect(Peer peer, long now) {
        peer.connection = connector.open(peer.endpoint, now);
        if (peer.connection == null) {
            return false;
        }
        peer.messagesOut++;
        return true;
    }

    /** Removes the peer and closes its connection; EXIT if it had entered. */
    void remove(Peer peer, ExitReason reason) {
        peers.remove(peer);
        peer.disconnect();
        reportExit(peer, reason);
    }

    /** EXIT for a peer that had entered: out of its groups and the view, event published. */
    void reportExit(Peer peer, ExitReason reason) {
        if (!peer.ready) {
            return;
        }
        peer.ready = false;
        groups.leaveAll(peer);
        stats.peerExited(reason);
        log.debug("EXIT {} {} ({})", peer.name, Uuids.toHex(peer.uuid), reason);
        events.viewChanged();
        events.publish(new ZreEvent.Exit(peer.uuid, peer.name, reason));
    }

    /** Closes every connection; the peers are forgotten without events (the node is stopping). */
    @Override
    public void close() {
        for (Peer peer : peers.all()) {
            peer.disconnect();
        }
        probes.close();
        peers.clear();
        groups.clear();
        events.clearView();
    }
}
