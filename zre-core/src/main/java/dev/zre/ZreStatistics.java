package dev.zre;

import dev.zre.protocol.Command;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Live counters of one node, safe to read from any thread (the metrics binder and the actuator
 * endpoint read them). Every counter only grows.
 */
public final class ZreStatistics {

    private final AtomicLongArray sent = new AtomicLongArray(Command.values().length);
    private final AtomicLongArray received = new AtomicLongArray(Command.values().length);
    private final AtomicLongArray errors = new AtomicLongArray(ProtocolError.values().length);
    private final AtomicLongArray exits = new AtomicLongArray(ExitReason.values().length);
    private final AtomicLongArray counters = new AtomicLongArray(Counter.values().length);

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
        SILENT_LINKS_REBUILT
    }

    public void messageSent(Command command, long bytes) {
        sent.incrementAndGet(command.ordinal());
        counters.addAndGet(Counter.BYTES_SENT.ordinal(), bytes);
    }

    public void messageReceived(Command command, long bytes) {
        received.incrementAndGet(command.ordinal());
        counters.addAndGet(Counter.BYTES_RECEIVED.ordinal(), bytes);
    }

    public void protocolError(ProtocolError error) {
        errors.incrementAndGet(error.ordinal());
    }

    public void peerExited(ExitReason reason) {
        exits.incrementAndGet(reason.ordinal());
    }

    public void increment(Counter counter) {
        counters.incrementAndGet(counter.ordinal());
    }

    public void add(Counter counter, long delta) {
        counters.addAndGet(counter.ordinal(), delta);
    }

    /** ZRE messages sent of one command type. */
    public long messagesSent(Command command) {
        return sent.get(command.ordinal());
    }

    /** ZRE messages received (and accepted for decoding) of one command type. */
    public long messagesReceived(Command command) {
        return received.get(command.ordinal());
    }

    /** Occurrences of one protocol error. */
    public long protocolErrors(ProtocolError error) {
        return errors.get(error.ordinal());
    }

    /** All protocol errors together. */
    public long protocolErrors() {
        long total = 0;
        for (int i = 0; i < errors.length(); i++) {
            total += errors.get(i);
        }
        return total;
    }

    /** Peers that exited for one reason. */
    public long peersExited(ExitReason reason) {
        return exits.get(reason.ordinal());
    }

    /** The value of one plain counter. */
    public long get(Counter counter) {
        return counters.get(counter.ordinal());
    }

    /** A copy of the protocol error counts, for reports. */
    public Map<ProtocolError, Long> protocolErrorCounts() {
        Map<ProtocolError, Long> copy = new EnumMap<>(ProtocolError.class);
        for (ProtocolError e : ProtocolError.values()) {
            copy.put(e, errors.get(e.ordinal()));
        }
        return copy;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ZreStatistics{");
        for (Counter c : Counter.values()) {
            sb.append(c.name().toLowerCase(java.util.Locale.ROOT)).append('=').append(get(c)).append(", ");
        }
        sb.append("protocolErrors=").append(protocolErrors()).append('}');
        return sb.toString();
    }
}
