package dev.zre.internal;

import dev.zre.ZreStatistics.Counter;
import dev.zre.protocol.ZreMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections to endpoints whose node we do not know yet (configured endpoints, DNS answers):
 * we open a DEALER and say HELLO; when the node's own HELLO names that endpoint, the peer takes the
 * connection over. A refused probe is tried again a beacon interval later, a stalled one at once,
 * one with no answer after the HELLO deadlines run out; one whose peer has gone is tried again.
 */
final class EndpointProbes implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EndpointProbes.class);

    private static final class Probe {
        @Nullable PeerConnection connection;
        long nextAttempt;
        /** The peer that answered at this endpoint, while it is in the peer table. */
        @Nullable UUID peer;
        /** The discoveries that reported the endpoint (the peer that answers there was found by them). */
        final Set<String> sources = new TreeSet<>();
    }

    private final Map<String, Probe> probes = new LinkedHashMap<>();
    private final Connector connector;
    private final NodeCounters stats;
    private final long giveUpNanos;
    private final long retryNanos;
    private final HandshakeMonitor handshakes;

    /**
     * @param giveUpNanos how long a probe waits for the HELLO before it is reopened
     * @param retryNanos how long to wait after a connection could not be opened
     */
    EndpointProbes(Connector connector, NodeCounters stats, HandshakeMonitor handshakes, long giveUpNanos,
            long retryNanos) {
        this.connector = connector;
        this.handshakes = handshakes;
        this.stats = stats;
        this.giveUpNanos = giveUpNanos;
        this.retryNanos = retryNanos;
    }

    /**
     * Keeps a connection attempt open to the endpoint unless a known peer answered there.
     *
     * @param known whether a UUID is still in the peer table
     * @param source the name of the discovery that reported the endpoint
     */
    void probe(String endpoint, long now, Predicate<UUID> known, String source) {
        Probe probe = probes.computeIfAbsent(endpoint, e -> new Probe());
        probe.sources.add(source);
        if (probe.peer != null) {
            if (known.test(probe.peer)) {
                return;
            }
            probe.peer = null; // its peer went away: try again
            probe.nextAttempt = now;
        }
        PeerConnection open = probe.connection;
        dev.zre.HandshakeFailure failure = open == null ? null : handshakes.failure(open.progress(), false);
        if (failure != null) { // secured link refused: counted, logged, tried again later (never silently)
            close(probe);
            stats.handshakeFailed(failure);
            log.debug("secured link to configured endpoint {} failed ({}); retrying later", endpoint, failure.tag());
            probe.nextAttempt = now + retryNanos;
        } else if (open != null && open.progress().refused()) { // nothing listens (yet): try again later
            close(probe);
            stats.increment(Counter.CONNECTIONS_REFUSED);
            probe.nextAttempt = now + retryNanos;
        } else if (open != null && handshakes.stalled(open, now, 0)) {
            close(probe);
            stats.increment(Counter.HANDSHAKES_STALLED);
            stats.increment(Counter.CONNECTIONS_REBUILT);
            probe.nextAttempt = now;
        } else if (open != null && now - open.openedAt() >= giveUpNanos) {
            close(probe);
            stats.increment(Counter.CONNECTIONS_REBUILT);
            probe.nextAttempt = now;
        }
        if (probe.connection == null && now - probe.nextAttempt >= 0) {
            probe.connection = connector.open(endpoint, now);
            probe.nextAttempt = now + retryNanos;
        }
    }

    /**
     * A peer whose mailbox is this endpoint is being created: it takes the probe's connection, which
     * has carried our HELLO already, or null when there is none (the probe then stands down).
     */
    @Nullable PeerConnection adopt(String endpoint, UUID peer) {
        Probe probe = probes.get(endpoint);
        if (probe == null || probe.peer != null) {
            return null;
        }
        PeerConnection connection = probe.connection;
        probe.connection = null;
        probe.peer = peer;
        return connection;
    }

    /** The discoveries that reported this endpoint (empty when none did). */
    Set<String> reportedBy(String endpoint) {
        Probe probe = probes.get(endpoint);
        return probe == null ? Set.of() : Set.copyOf(probe.sources);
    }

    /**
     * A known peer has its mailbox at this endpoint (another discovery found it first): no probe is
     * needed, and one still open would be a second connection with our identity to its mailbox.
     */
    void standDown(String endpoint, UUID peer, String source) {
        Probe probe = probes.computeIfAbsent(endpoint, e -> new Probe());
        probe.sources.add(source);
        close(probe);
        probe.peer = peer;
    }

    /**
     * The endpoint is no longer reported (it left a DNS answer): stop trying it. A peer that answered
     * there stays; liveness decides about it.
     */
    void withdraw(String endpoint, String source) {
        Probe probe = probes.get(endpoint);
        if (probe == null) {
            return;
        }
        probe.sources.remove(source);
        if (probe.sources.isEmpty()) {
            close(probe);
            probes.remove(endpoint);
        }
    }

    /** Sends a message (JOIN/LEAVE) on every open probe: its node keeps our group state from our HELLO. */
    void sendToAll(ZreMessage message) {
        for (Probe probe : probes.values()) {
            if (probe.connection != null) {
                connector.send(probe.connection, message);
            }
        }
    }

    private static void close(Probe probe) {
        if (probe.connection != null) {
            probe.connection.close();
            probe.connection = null;
        }
    }

    @Override
    public void close() {
        for (Probe probe : probes.values()) {
            close(probe);
        }
    }
}
