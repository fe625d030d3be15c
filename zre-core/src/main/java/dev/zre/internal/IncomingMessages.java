package dev.zre.internal;

import dev.zre.ExitReason;
import dev.zre.ProtocolError;
import dev.zre.ZreEvent;
import dev.zre.protocol.MalformedMessageException;
import dev.zre.protocol.Uuids;
import dev.zre.protocol.ZreCodec;
import dev.zre.protocol.ZreMessage;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every message that arrives at the mailbox: the sender's identity is checked, the frames decoded,
 * the sequence number checked, and the message acted on. Bad input is counted by reason and
 * dropped; a sequence gap drops the peer (its next beacon or HELLO brings it back).
 */
final class IncomingMessages implements Mailbox.Handler {

    private static final Logger log = LoggerFactory.getLogger(IncomingMessages.class);

    private final PeerTable peers;
    private final GroupTable groups;
    private final OwnGroups ownGroups;
    private final Handshake handshake;
    private final Connections connections;
    private final NodeEvents events;
    private final NodeCounters stats;
    private final ProtocolErrors errors;
    private final Elections elections;

    IncomingMessages(PeerTable peers, GroupTable groups, OwnGroups ownGroups, Handshake handshake,
            Connections connections, NodeEvents events, NodeCounters stats, ProtocolErrors errors,
            Elections elections) {
        this.peers = peers;
        this.groups = groups;
        this.ownGroups = ownGroups;
        this.handshake = handshake;
        this.connections = connections;
        this.events = events;
        this.stats = stats;
        this.errors = errors;
        this.elections = elections;
    }

    @Override
    public void message(byte[] from, List<byte[]> frames) {
        if (from.length != 17 || from[0] != 1) {
            errors.report(ProtocolError.BAD_IDENTITY, "identity of " + from.length + " bytes");
            return;
        }
        UUID sender = Uuids.fromBytes(from, 1);
        ZreCodec.Decoded decoded;
        try {
            decoded = ZreCodec.decode(frames);
        } catch (MalformedMessageException e) {
            errors.report(e.reason(), "from " + Uuids.toHex(sender) + ": " + e.getMessage());
            return;
        }
        long bytes = 0;
        for (byte[] f : frames) {
            bytes += f.length;
        }
        ZreMessage message = decoded.message();
        stats.messageReceived(message.command(), bytes);
        if (decoded.repairedText()) {
            errors.report(ProtocolError.INVALID_UTF8, "from " + Uuids.toHex(sender) + " in " + message.command());
        }
        long now = System.nanoTime();
        if (message instanceof ZreMessage.Hello hello) {
            handshake.onHello(sender, decoded.sequence(), hello, now);
            return;
        }
        Peer peer = peers.get(sender);
        if (peer == null || !peer.ready) {
            errors.report(ProtocolError.NO_HELLO, message.command() + " from " + Uuids.toHex(sender));
            return;
        }
        if (!peer.acceptSequence(decoded.sequence())) {
            errors.report(ProtocolError.SEQUENCE_GAP, "from " + peer.name + " " + Uuids.toHex(sender) + ": got "
                    + decoded.sequence() + ", expected " + peer.wantSequence + "; dropping the peer");
            connections.remove(peer, ExitReason.DROPPED);
            return;
        }
        peer.heard(now);
        handle(peer, message);
    }

    private void handle(Peer peer, ZreMessage message) {
        switch (message.command()) {
            case WHISPER -> events.publish(new ZreEvent.Whisper(peer.uuid, peer.name, ((ZreMessage.Whisper) message).content()));
            case SHOUT -> {
                ZreMessage.Shout shout = (ZreMessage.Shout) message;
                if (ownGroups.contains(shout.group())) {
                    events.publish(new ZreEvent.Shout(peer.uuid, peer.name, shout.group(), shout.content()));
                }
            }
            case JOIN -> {
                ZreMessage.Join join = (ZreMessage.Join) message;
                checkStatus(peer, join.status());
                if (peer.groups.add(join.group())) {
                    groups.join(peer, join.group());
                    events.viewChanged();
                }
                events.publish(new ZreEvent.Join(peer.uuid, peer.name, join.group()));
                elections.peerJoined(peer, join.group());
            }
            case LEAVE -> {
                ZreMessage.Leave leave = (ZreMessage.Leave) message;
                checkStatus(peer, leave.status());
                if (peer.groups.remove(leave.group())) {
                    groups.leave(peer, leave.group());
                    events.viewChanged();
                }
                events.publish(new ZreEvent.Leave(peer.uuid, peer.name, leave.group()));
                elections.peerLeft(peer, leave.group());
            }
            case PING -> connections.send(peer, new ZreMessage.PingOk());
            case GOODBYE -> connections.remove(peer, ExitReason.LEFT);
            case ELECT -> elections.elect(peer, (ZreMessage.Elect) message);
            case LEADER -> elections.leader(peer, (ZreMessage.Leader) message);
            default -> log.trace("{} from {}", message.command(), peer.name); // PING-OK: being heard is all it does
        }
    }

    /** A JOIN/LEAVE status must follow the previous one; if it does not, note it and adopt it. */
    private void checkStatus(Peer peer, int status) {
        int expected = (peer.status + 1) & 0xFF;
        if (status != expected) {
            errors.report(ProtocolError.STATUS_MISMATCH, "from " + peer.name + ": status " + status + ", expected " + expected);
        }
        peer.status = status;
    }
}
