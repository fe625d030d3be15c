package dev.zre;

import dev.zre.internal.NodeCounters;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Live counters of one node, read-only and safe to read from any thread (the metrics binder and the
 * actuator endpoint read them). Every counter only grows; they survive restarts of the node.
 */
public final class ZreStatistics {

    private final NodeCounters counters;

    /** Plain counters, one per thing that happens. */
    public enum Counter {
        BYTES_SENT, BYTES_RECEIVED, BEACONS_SENT, BEACONS_RECEIVED, PEERS_ENTERED,
        /** Events not delivered because a data queue was full (WHISPER/SHOUT only). */
        EVENTS_DROPPED,
        /** Peers not created because the peer table was full, the connect rate limit was hit or no socket could be opened. */
        PEERS_REFUSED,
        /** Peer connections closed and opened again, for any reason (no HELLO in time, stalled handshake, overflow, SILENT peer). */
        CONNECTIONS_REBUILT,
        /** Peers given up because they never said HELLO, even after their connection was rebuilt. */
        PEERS_ABANDONED,
        /** Listener (event consumer) exceptions caught by the node. */
        LISTENER_ERRORS,
        /** Connections to a discovered peer refused (nothing listens there): the peer was dropped at once. */
        CONNECTIONS_REFUSED,
        /** Discovery reports ignored because their endpoint refused a connection a short while ago. */
        DISCOVERIES_IGNORED,
        /** Peers that never said HELLO, dropped to make room for newer or proven ones. */
        PEERS_EVICTED,
        /** Connections rebuilt because TCP was up but the ZMTP greeting never came (also in CONNECTIONS_REBUILT). */
        HANDSHAKES_STALLED,
        /** Connections to SILENT peers rebuilt, in case our side of the link was stuck (also in CONNECTIONS_REBUILT). */
        SILENT_LINKS_REBUILT,
        /** Beacons of the other security (v1 at a CURVE node, v3 at any other), ignored (also a BEACON_VERSION error). */
        BEACONS_OTHER_SECURITY,
        /** HELLOs at a CURVE node without a valid {@code X-PUBLICKEY} header, ignored (no downgrade). */
        HELLOS_WITHOUT_KEY,
        /** CURVE beacons whose key is not on the allow-list: never connected to. */
        BEACONS_NOT_ALLOWED,
        /**
         * Messages sent again, unchanged, on a connection that replaced one whose handshake stalled
         * (none of them had reached the peer); not counted again in the messages sent.
         */
        MESSAGES_RESENT,
        /** ZGossip tuples received from a hub (or by this node's own hub), own tuple included. */
        GOSSIP_TUPLES_RECEIVED,
        /** Peers first found through ZGossip: a connection was opened because of a tuple. */
        GOSSIP_PEERS_FOUND,
        /** ZGossip tuples not used: not a UUID key, not a tcp endpoint, or a key of the other security (or not allowed). */
        GOSSIP_TUPLES_IGNORED
    }

    /** A read-only view of the counters the node's engine writes. */
    ZreStatistics(NodeCounters counters) {
        this.counters = counters;
    }

    /** ZRE messages sent of one type. */
    public long messagesSent(MessageType type) {
        return counters.sent(type);
    }

    /** ZRE messages received (and accepted for decoding) of one type. */
    public long messagesReceived(MessageType type) {
        return counters.received(type);
    }

    /** Occurrences of one protocol error. */
    public long protocolErrors(ProtocolError error) {
        return counters.errors(error);
    }

    /** All protocol errors together. */
    public long protocolErrors() {
        long total = 0;
        for (ProtocolError e : ProtocolError.values()) {
            total += counters.errors(e);
        }
        return total;
    }

    /** Peers that exited for one reason. */
    public long peersExited(ExitReason reason) {
        return counters.exits(reason);
    }

    /** The value of one plain counter. */
    public long get(Counter counter) {
        return counters.get(counter);
    }

    /** Secured links that did not come up, for one reason. */
    public long handshakeFailures(HandshakeFailure reason) {
        return counters.handshakeFailures(reason);
    }

    /** A copy of the handshake failure counts, for reports. */
    public Map<HandshakeFailure, Long> handshakeFailureCounts() {
        Map<HandshakeFailure, Long> copy = new EnumMap<>(HandshakeFailure.class);
        for (HandshakeFailure f : HandshakeFailure.values()) {
            copy.put(f, counters.handshakeFailures(f));
        }
        return copy;
    }

    /** A copy of the protocol error counts, for reports. */
    public Map<ProtocolError, Long> protocolErrorCounts() {
        Map<ProtocolError, Long> copy = new EnumMap<>(ProtocolError.class);
        for (ProtocolError e : ProtocolError.values()) {
            copy.put(e, counters.errors(e));
        }
        return copy;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ZreStatistics{");
        for (Counter c : Counter.values()) {
            sb.append(c.name().toLowerCase(Locale.ROOT)).append('=').append(get(c)).append(", ");
        }
        sb.append("protocolErrors=").append(protocolErrors()).append('}');
        return sb.toString();
    }
}
