package dev.zre.internal;

import dev.zre.ExitReason;
import dev.zre.ProtocolError;
import dev.zre.ZreEvent;
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
 * overflow: the peer is reported gone and connected again), what to do when a connection is
 * refused, stalls or brings no HELLO (see {@link HandshakeMonitor}), and removal with its EXIT.
 *
 * <p>Admission keeps room for real peers under a flood of made-up ones: peers that said HELLO to
 * us ("proven") skip the connect-rate limit and may take the place of a peer that never said
 * HELLO; peers only reported by a discovery wait their turn in a bounded set of pending
 * connections, where the oldest makes way for the newest; endpoints that refused a connection are
 * left alone for a while.
 */
// runs on the actor thread, the only writer of a peer's volatile counters: ++ is not a race
@SuppressWarnings("NonAtomicVolatileUpdate")
final class Connections implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Connections.class);

    /** Connections opened to a peer that never says HELLO before it is given up. */
    static final int HELLO_ATTEMPTS = 3;

    private final PeerTable peers;
    private final GroupTable groups;
    private final Connector connector;
    private final EndpointProbes probes;
    private final NodeEvents events;
    private final NodeCounters stats;
    private final ProtocolErrors errors;
    private final int queueLimit;
    private final int maxPending;
    private final RefusedEndpoints refusedEndpoints;
    private final List<Peer> overflowed = new ArrayList<>();
    private final Elections elections;

    Connections(PeerTable peers, GroupTable groups, Connector connector, EndpointProbes probes, NodeEvents events,
            NodeCounters stats, ProtocolErrors errors, Elections elections, int queueLimit, int maxPending,
            long refusalQuietNanos) {
        this.peers = peers;
        this.groups = groups;
        this.connector = connector;
        this.probes = probes;
        this.events = events;
        this.stats = stats;
        this.errors = errors;
        this.queueLimit = queueLimit;
        this.maxPending = maxPending;
        this.refusedEndpoints = new RefusedEndpoints(refusalQuietNanos);
        this.elections = elections;
        elections.sendThrough(this);
    }

    /**
     * Creates a peer and its connection (HELLO sent), or takes over a configured endpoint's
     * connection that already said HELLO there.
     *
     * @param proven whether the peer said HELLO to us (it is real); otherwise a discovery reported it
     * @return the peer, in the table, or null when it was refused (counted)
     */
    @Nullable Peer create(UUID uuid, String endpoint, long now, boolean proven) {
        if (!proven && refusedEndpoints.quiet(endpoint, now)) {
            stats.increment(Counter.DISCOVERIES_IGNORED);
            return null;
        }
        if (!makeRoom(proven, now)) {
            stats.increment(Counter.PEERS_REFUSED);
            log.debug("refused peer {} at {} ({} peers, {} pending)", Uuids.toHex(uuid), endpoint, peers.size(),
                    peers.pendingCount());
            return null;
        }
        Peer peer = new Peer(uuid, endpoint, now);
        peer.discoveredBy(probes.reportedBy(endpoint)); // the discoveries whose probe it answered
        peer.connection = probes.adopt(endpoint, uuid);
        if (peer.connection == null && !connect(peer, now)) {
            return null;
        }
        peers.put(peer);
        return peer;
    }

    /**
     * Whether a new peer may be created, after evicting the oldest pending peer where that makes
     * room: a proven peer takes the place of one that never said HELLO when the table is full; a
     * discovered one takes the oldest pending place when all are taken, then needs a connect token.
     */
    private boolean makeRoom(boolean proven, long now) {
        if (proven) {
            return !peers.full() || evictOldestPending();
        }
        if (peers.pendingCount() >= maxPending && !evictOldestPending()) {
            return false;
        }
        return peers.admit(now);
    }

    private boolean evictOldestPending() {
        Peer oldest = peers.oldestPending();
        if (oldest == null) {
            return false;
        }
        remove(oldest, ExitReason.DROPPED); // never entered: no EXIT
        stats.increment(Counter.PEERS_EVICTED);
        return true;
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
        overflowed(peer);
    }

    /** Introduces us again on the connection the peer already has (after its second HELLO). */
    void sayHelloAgain(Peer peer, long now) {
        PeerConnection c = peer.connection;
        if (c != null) {
            connector.sayHello(c);
            peer.messagesOut++;
            peer.helloSentAt = now;
        }
    }

    /** Whether a peer's queue overflowed since the last {@link #reconnectOverflowed}. */
    boolean hasOverflowed() {
        return !overflowed.isEmpty();
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
            Peer again = create(peer.uuid, peer.endpoint, now, true);
            if (again != null) {
                again.viaBeacon = peer.viaBeacon;
                again.discoveredBy(peer.discoveredBy);
                stats.increment(Counter.CONNECTIONS_REBUILT);
            }
        }
        overflowed.clear();
    }

    /**
     * No HELLO in time: connect again with a longer deadline, or give up after a few tries — at once
     * when half the pending places are taken, so that peers that might answer get them.
     */
    void helloOverdue(Peer peer, long now) {
        if (++peer.rebuilds >= HELLO_ATTEMPTS || peers.pendingCount() * 2 >= maxPending) {
            abandon(peer, "no HELLO");
            return;
        }
        rebuild(peer, now);
    }

    /** Nothing listens at the peer's endpoint: drop it and leave the endpoint alone for a while. */
    void refused(Peer peer, long now) {
        remove(peer, ExitReason.DROPPED); // never entered: no EXIT
        stats.increment(Counter.CONNECTIONS_REFUSED);
        refusedEndpoints.refused(peer.endpoint, now);
        log.debug("connection to {} at {} refused; dropped", Uuids.toHex(peer.uuid), peer.endpoint);
    }

    /** TCP is up but the greeting never came (JeroMQ's stalled handshake): a new connection cures it. */
    void stalled(Peer peer, long now) {
        stats.increment(Counter.HANDSHAKES_STALLED);
        peer.stalls++;
        if (!peer.ready && ++peer.rebuilds >= HELLO_ATTEMPTS) {
            abandon(peer, "stalled handshakes");
            return;
        }
        rebuild(peer, now);
    }

    /**
     * An entered peer went SILENT: our link to it may be the part that is stuck, so open it anew
     * (our HELLO on the new connection makes the peer re-introduce itself). Once per quiet spell.
     */
    void silent(Peer peer, long now) {
        stats.increment(Counter.SILENT_LINKS_REBUILT);
        rebuild(peer, now);
    }

    /** The peer's node said HELLO: its endpoint works, whatever it refused before. */
    void entered(Peer peer) {
        peers.entered(peer);
        refusedEndpoints.forget(peer.endpoint);
    }

    /**
     * Replaces the peer's connection. When the old one was never greeted, nothing sent on it can have
     * arrived: the new one sends all of it again, unchanged (HELLO first, the same sequence numbers),
     * so an entered peer loses nothing that was queued. Otherwise the new one starts with a fresh
     * HELLO, which makes an entered peer re-introduce itself (EXIT and ENTER on both sides: any loss
     * is reported).
     */
    private void rebuild(Peer peer, long now) {
        PeerConnection old = peer.connection;
        List<PeerConnection.Sent> unsent = old == null ? List.of() : old.unconfirmed();
        peer.disconnect(); // linger 0: nothing more leaves the old DEALER
        stats.increment(Counter.CONNECTIONS_REBUILT);
        boolean connected;
        if (old != null && !unsent.isEmpty()) {
            peer.connection = connector.reopen(old, unsent, now, () -> overflowed(peer));
            connected = peer.connection != null;
            if (connected) {
                peer.helloSentAt = now;
            }
        } else {
            connected = connect(peer, now);
        }
        if (!connected) {
            remove(peer, ExitReason.DROPPED);
        }
    }

    private void overflowed(Peer peer) {
        if (!overflowed.contains(peer)) {
            overflowed.add(peer);
        }
    }

    /**
     * Our secured link to the peer did not come up: counted by reason, logged with the endpoint,
     * the peer dropped (EXIT only if it had entered) and its endpoint left alone for a while, so
     * discovery does not retry it at beacon rate in silence.
     */
    void handshakeFailed(Peer peer, dev.zre.HandshakeFailure reason, long now) {
        remove(peer, ExitReason.DROPPED);
        stats.handshakeFailed(reason);
        refusedEndpoints.refused(peer.endpoint, now);
        log.debug("secured link to {} at {} failed ({}); dropped", Uuids.toHex(peer.uuid), peer.endpoint,
                reason.tag());
    }

    private void abandon(Peer peer, String why) {
        remove(peer, ExitReason.DROPPED); // never entered: no EXIT
        stats.increment(Counter.PEERS_ABANDONED);
        log.debug("{} from {} at {}; giving up", why, Uuids.toHex(peer.uuid), peer.endpoint);
    }

    /** Opens a fresh connection to the peer, which starts with our HELLO. */
    private boolean connect(Peer peer, long now) {
        peer.connection = connector.open(peer.endpoint, now);
        if (peer.connection == null) {
            return false;
        }
        peer.messagesOut++;
        peer.helloSentAt = now;
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
        elections.peerExited(peer);
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
