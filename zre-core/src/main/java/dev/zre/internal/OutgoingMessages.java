package dev.zre.internal;

import dev.zre.protocol.Command;
import dev.zre.protocol.ZreCodec;
import dev.zre.protocol.ZreMessage;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the application asks the node to send: JOIN and LEAVE to everyone we have said HELLO to,
 * SHOUT to a group's members, WHISPER to one peer, and GOODBYE when stopping.
 */
final class OutgoingMessages {

    private static final Logger log = LoggerFactory.getLogger(OutgoingMessages.class);

    /** How long a GOODBYE may take to go out once its connection is closed. */
    private static final int GOODBYE_LINGER_MILLIS = 200;

    private final PeerTable peers;
    private final GroupTable groups;
    private final OwnGroups ownGroups;
    private final Connections connections;
    private final EndpointProbes probes;
    private final Elections elections;

    OutgoingMessages(PeerTable peers, GroupTable groups, OwnGroups ownGroups, Connections connections,
            EndpointProbes probes, Elections elections) {
        this.peers = peers;
        this.groups = groups;
        this.ownGroups = ownGroups;
        this.connections = connections;
        this.probes = probes;
        this.elections = elections;
    }

    void join(String group) {
        ZreMessage.Join join = ownGroups.join(group);
        if (join != null) {
            sendToAllConnections(join);
            elections.joined(group);
        }
    }

    void leave(String group) {
        ZreMessage.Leave leave = ownGroups.leave(group);
        if (leave != null) {
            sendToAllConnections(leave);
            elections.left(group);
        }
    }

    /**
     * Sends a JOIN/LEAVE on every connection that already carried our HELLO, like zyre: also to peers
     * that have not answered yet, else they would keep the group state of our earlier HELLO.
     */
    private void sendToAllConnections(ZreMessage message) {
        for (Peer peer : peers.all()) {
            connections.send(peer, message);
        }
        probes.sendToAll(message);
    }

    /** One encoding of the first frame for all members; only the sequence differs per peer. */
    void shout(String group, List<byte[]> frames) {
        PeerGroup members = groups.get(group);
        if (members == null) {
            return;
        }
        byte[] first = ZreCodec.encodeFirstFrame(new ZreMessage.Shout(group, List.of()), 0);
        for (Peer peer : members.members()) {
            connections.send(peer, Command.SHOUT, first, frames);
        }
    }

    /** Takes part in the group's leader elections as a candidate (zyre's {@code set_contest_in_group}). */
    void contest(String group) {
        elections.contest(group);
    }

    void whisper(UUID target, List<byte[]> frames) {
        Peer peer = peers.get(target);
        if (peer == null || !peer.ready) {
            log.debug("WHISPER to unknown peer {} dropped", target);
            return;
        }
        connections.send(peer, new ZreMessage.Whisper(frames));
    }

    /** Lets what is queued for every peer go out for up to this long once the connections close. */
    void lingerAll(int millis) {
        for (Peer peer : peers.all()) {
            PeerConnection c = peer.connection;
            if (c != null) {
                c.lingerFor(millis);
            }
        }
    }

    /**
     * GOODBYE to every entered peer that was not found by a discovery that hears us leave, or to every
     * entered peer (zyre in gossip mode: a port-0 beacon may be lost, GOODBYE rides the peer's own link).
     */
    void goodbye(boolean everyPeer) {
        for (Peer peer : peers.all()) {
            PeerConnection c = peer.connection;
            if (peer.ready && (everyPeer || !peer.viaBeacon) && c != null) {
                c.lingerFor(GOODBYE_LINGER_MILLIS);
                connections.send(peer, new ZreMessage.Goodbye());
            }
        }
    }
}
