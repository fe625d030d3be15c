package dev.zre.internal;

import dev.zre.PeerId;
import dev.zre.ProtocolError;
import dev.zre.ZreEvent;
import dev.zre.internal.election.ElectionOutput;
import dev.zre.internal.election.LeaderElections;
import dev.zre.protocol.ZreMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Connects the node to its {@link LeaderElections}: tells them what happens to peers and groups,
 * sends the ELECT and LEADER messages they ask for, and publishes each decision as a LEADER event
 * and for the node's {@code leader(group)} queries from any thread.
 */
final class Elections implements ElectionOutput {

    private final UUID self;
    private final String selfName;
    private final PeerTable peers;
    private final NodeEvents events;
    private final ProtocolErrors errors;
    private final LeaderElections elections;
    private final Map<String, UUID> leaders;
    private @Nullable Connections connections;

    /**
     * @param leaders where decisions are published for queries (shared with the node, read by any thread)
     */
    Elections(UUID self, String selfName, Duration timeout, PeerTable peers, NodeEvents events, ProtocolErrors errors,
            ConcurrentHashMap<String, UUID> leaders) {
        this.self = self;
        this.selfName = selfName;
        this.peers = peers;
        this.events = events;
        this.errors = errors;
        this.leaders = leaders;
        this.elections = new LeaderElections(PeerId.of(self), timeout, System::nanoTime, this);
    }

    /** The connections to send on; set once they exist (they report exits here). */
    void sendThrough(Connections connections) {
        this.connections = connections;
    }

    // ------------------------------------------------------------ what happens (actor thread)

    void contest(String group) {
        elections.contest(group);
        sync(group);
    }

    void joined(String group) {
        elections.joined(group);
        sync(group);
    }

    void left(String group) {
        elections.left(group);
        sync(group);
    }

    void peerEntered(Peer peer) {
        elections.peerEntered(PeerId.of(peer.uuid), peer.groups);
    }

    void peerJoined(Peer peer, String group) {
        elections.peerJoined(PeerId.of(peer.uuid), group);
    }

    void peerLeft(Peer peer, String group) {
        elections.peerLeft(PeerId.of(peer.uuid), group);
        sync(group);
    }

    void peerExited(Peer peer) {
        elections.peerExited(PeerId.of(peer.uuid));
        for (String group : List.copyOf(leaders.keySet())) {
            sync(group);
        }
    }

    void elect(Peer from, ZreMessage.Elect elect) {
        PeerId challenger = parse(from, elect.challengerId(), "ELECT");
        if (challenger != null) {
            elections.electReceived(PeerId.of(from.uuid), elect.group(), challenger);
            sync(elect.group());
        }
    }

    void leader(Peer from, ZreMessage.Leader leader) {
        PeerId id = parse(from, leader.leaderId(), "LEADER");
        if (id != null) {
            elections.leaderReceived(PeerId.of(from.uuid), leader.group(), id);
            sync(leader.group());
        }
    }

    /** The watchdog: restarts elections that did not complete in time. */
    void checkTimeouts() {
        elections.checkTimeouts();
        for (String group : List.copyOf(leaders.keySet())) {
            sync(group);
        }
    }

    // ------------------------------------------------------------ what the elections ask for

    @Override
    public void sendElect(PeerId to, String group, PeerId challenger) {
        send(to, new ZreMessage.Elect(group, challenger.toString()));
    }

    @Override
    public void sendLeader(PeerId to, String group, PeerId leader) {
        send(to, new ZreMessage.Leader(group, leader.toString()));
    }

    @Override
    public void leaderDecided(String group, PeerId leader) {
        UUID uuid = leader.uuid();
        String name = selfName;
        if (!uuid.equals(self)) {
            Peer peer = peers.get(uuid);
            name = peer == null ? "" : peer.name;
        }
        leaders.put(group, uuid); // before the event: a listener reacting to it finds it in the queries
        events.publish(new ZreEvent.Leader(group, uuid, name));
    }

    private void send(PeerId to, ZreMessage message) {
        Peer peer = peers.get(to.uuid());
        Connections c = connections;
        if (peer != null && peer.ready && c != null) { // a peer already gone needs no message
            c.send(peer, message);
        }
    }

    /** Publishes the group's leader as the elections know it now: none while one is being elected. */
    private void sync(String group) {
        Optional<PeerId> leader = elections.leader(group);
        if (leader.isPresent()) {
            leaders.put(group, leader.get().uuid());
        } else {
            leaders.remove(group);
        }
    }

    private @Nullable PeerId parse(Peer from, String id, String command) {
        try {
            return PeerId.parse(id);
        } catch (IllegalArgumentException e) {
            errors.report(ProtocolError.BAD_ELECTION_ID, command + " from " + from.name + " names '" + id + "'");
            return null;
        }
    }
}
