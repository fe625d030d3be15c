package dev.zre.internal;

import dev.zre.ExitReason;
import dev.zre.ProtocolError;
import dev.zre.ZreEvent;
import dev.zre.ZreStatistics.Counter;
import dev.zre.protocol.Uuids;
import dev.zre.security.CurveKeyPair;
import dev.zre.protocol.ZreMessage;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a HELLO into an entered peer: checks it, creates the peer (and its connection back) when
 * we did not know it, takes over what HELLO says, and reports ENTER followed by a JOIN for each of
 * its groups. A second HELLO is reported as EXIT(REPLACED) and ENTER, as zyre does.
 */
final class Handshake {

    private static final Logger log = LoggerFactory.getLogger(Handshake.class);
    /** zyre's HELLO header with the sender's Z85 CURVE public key. */
    static final String PUBLIC_KEY_HEADER = "X-PUBLICKEY";

    private final UUID self;
    private final String ownEndpoint;
    /** A HELLO's endpoint as we connect to it (a link-local IPv6 address scoped to our interface). */
    private final java.util.function.UnaryOperator<String> local;
    private final PeerTable peers;
    private final GroupTable groups;
    private final Connections connections;
    private final NodeEvents events;
    private final NodeCounters stats;
    private final ProtocolErrors errors;
    private final Elections elections;
    private final HandshakeMonitor handshakes;
    private final @Nullable PeerKeys curveKeys;
    /** A second HELLO this soon after ours answers it. */
    private final long helloAnswerWindowNanos;

    /**
     * @param curveKeys where a CURVE node learns peers' keys from HELLO's {@code X-PUBLICKEY}; null
     *     unless the node runs CURVE (then a HELLO without the header is ignored: no downgrade)
     */
    Handshake(UUID self, String ownEndpoint, UnaryOperator<String> local, PeerTable peers, GroupTable groups,
            Connections connections, NodeEvents events, NodeCounters stats, ProtocolErrors errors, Elections elections,
            HandshakeMonitor handshakes, @Nullable PeerKeys curveKeys) {
        this.curveKeys = curveKeys;
        this.helloAnswerWindowNanos = handshakes.helloDeadlineNanos();
        this.self = self;
        this.ownEndpoint = ownEndpoint;
        this.local = local;
        this.peers = peers;
        this.groups = groups;
        this.connections = connections;
        this.events = events;
        this.stats = stats;
        this.errors = errors;
        this.elections = elections;
        this.handshakes = handshakes;
    }

    void onHello(UUID sender, int sequence, ZreMessage.Hello announced, long now) {
        if (sender.equals(self)) {
            return;
        }
        String endpoint = local.apply(announced.endpoint());
        ZreMessage.Hello hello = endpoint.equals(announced.endpoint()) ? announced
                : new ZreMessage.Hello(endpoint, announced.groups(), announced.status(), announced.name(),
                        announced.headers());
        if (curveKeys != null && !learnKey(sender, hello)) {
            return;
        }
        Peer peer = peers.get(sender);
        if (sequence != 1) {
            errors.report(ProtocolError.SEQUENCE_GAP, "HELLO from " + Uuids.toHex(sender) + " with sequence " + sequence);
            if (peer != null) {
                connections.remove(peer, ExitReason.DROPPED);
            }
            return;
        }
        if (peer != null && peer.ready) {
            if (peer.connection != null && hello.endpoint().equals(peer.endpoint)) {
                // Same mailbox: the peer started over with us (zyre.js after our sequence wrap, zyre
                // after a gap). Introduce ourselves again on the connection we have; a new one would
                // race the old one for our identity at its ROUTER.
                connections.reportExit(peer, ExitReason.REPLACED);
                if (!answersOurHello(peer, now)) {
                    connections.sayHelloAgain(peer, now);
                }
            } else {
                connections.remove(peer, ExitReason.REPLACED);
                peer = null;
            }
        }
        if (peer == null) {
            if (hello.endpoint().equals(ownEndpoint)) {
                return; // someone claims our own mailbox
            }
            if (!isTcpEndpoint(hello.endpoint())) {
                errors.report(ProtocolError.BAD_ENDPOINT, "HELLO from " + Uuids.toHex(sender) + " names '"
                        + hello.endpoint() + "'");
                return;
            }
            peer = connections.create(sender, hello.endpoint(), now, true);
            if (peer == null) {
                return;
            }
        }
        enter(peer, hello, now);
    }

    /** CURVE: takes the peer's key from {@code X-PUBLICKEY} (to connect back); false when it has none. */
    private boolean learnKey(UUID sender, ZreMessage.Hello hello) {
        String z85 = hello.headers().get(PUBLIC_KEY_HEADER);
        byte[] key = null;
        if (z85 != null) {
            try {
                key = CurveKeyPair.decodeKey(z85, PUBLIC_KEY_HEADER);
            } catch (IllegalArgumentException e) {
                key = null;
            }
        }
        if (key == null) {
            stats.increment(Counter.HELLOS_WITHOUT_KEY);
            log.debug("HELLO from {} at {} without a valid {}; ignored", Uuids.toHex(sender), hello.endpoint(),
                    PUBLIC_KEY_HEADER);
            return false;
        }
        java.util.Objects.requireNonNull(curveKeys, "curveKeys").learn(hello.endpoint(), key);
        return true;
    }

    private void enter(Peer peer, ZreMessage.Hello hello, long now) {
        PeerConnection c = peer.connection;
        if (!peer.ready && c != null && peer.rebuilds == 0 && now - c.openedAt() > 0) {
            handshakes.helloAfter(now - c.openedAt()); // how long peers take to answer: the HELLO deadline follows it
        }
        peer.ready = true;
        connections.entered(peer);
        peer.wantSequence = 2;
        peer.name = hello.name();
        peer.address = hello.endpoint();
        peer.headers = hello.headers();
        peer.status = hello.status();
        peer.groups.clear();
        peer.groups.addAll(hello.groups());
        peer.enteredAt = Instant.now();
        peer.rebuilds = 0;
        peer.heard(now);
        for (String g : peer.groups) {
            groups.join(peer, g);
        }
        stats.increment(Counter.PEERS_ENTERED);
        log.debug("ENTER {} {} at {}", peer.name, Uuids.toHex(peer.uuid), peer.address);
        events.viewChanged(); // before the events: a listener reacting to ENTER finds the peer in the queries
        events.publish(new ZreEvent.Enter(peer.uuid, peer.name, peer.headers, peer.address));
        for (String g : hello.groups()) {
            events.publish(new ZreEvent.Join(peer.uuid, peer.name, g));
        }
        elections.peerEntered(peer);
    }

    /**
     * Whether a second HELLO is the peer's answer to a HELLO of ours (we rebuilt our link to it, and
     * it re-introduced itself): answering it again would start an endless exchange of HELLOs between
     * two nodes that both re-introduce themselves.
     */
    private boolean answersOurHello(Peer peer, long now) {
        return peer.helloSentAt != 0 && now - peer.helloSentAt < helloAnswerWindowNanos;
    }

    static boolean isTcpEndpoint(String value) {
        try {
            URI uri = new URI(value);
            return "tcp".equals(uri.getScheme()) && uri.getHost() != null && uri.getPort() > 0;
        } catch (Exception e) {
            return false;
        }
    }
}
