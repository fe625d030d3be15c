package dev.zre.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Every peer the node knows, connected or still connecting, by UUID, and the admission rules for
 * new ones: at most {@code maxPeers} entries, and at most {@code maxNewPerSecond} admissions per
 * second (a token bucket, so a burst up to the rate passes at once). Time is passed in, in
 * monotonic nanoseconds, so the rules can be tested without a clock.
 */
final class PeerTable {

    private final Map<UUID, Peer> peers = new HashMap<>();
    /** Peers that have not said HELLO yet, oldest first. */
    private final LinkedHashSet<UUID> pending = new LinkedHashSet<>();
    private final int maxPeers;
    private final int maxNewPerSecond;
    private double tokens;
    private long refilledAt;

    PeerTable(int maxPeers, int maxNewPerSecond, long now) {
        this.maxPeers = maxPeers;
        this.maxNewPerSecond = maxNewPerSecond;
        this.tokens = maxNewPerSecond;
        this.refilledAt = now;
    }

    /** Whether the table has room for one more peer. */
    boolean full() {
        return peers.size() >= maxPeers;
    }

    /**
     * Whether one more peer found by a discovery may be created now; takes a token when it may. The
     * caller counts a refusal.
     */
    boolean admit(long now) {
        if (full()) {
            return false;
        }
        tokens = Math.min(maxNewPerSecond, tokens + (now - refilledAt) * maxNewPerSecond / 1e9);
        refilledAt = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    @Nullable Peer get(UUID uuid) {
        return peers.get(uuid);
    }

    /** A peer whose mailbox is this endpoint (as we connect to it or as its HELLO says), or null. */
    @Nullable Peer atEndpoint(String endpoint) {
        for (Peer p : peers.values()) {
            if (p.endpoint.equals(endpoint) || p.address.equals(endpoint)) {
                return p;
            }
        }
        return null;
    }

    void put(Peer peer) {
        peers.put(peer.uuid, peer);
        if (!peer.ready) {
            pending.add(peer.uuid);
        }
    }

    /** The peer said HELLO: it no longer counts as pending. */
    void entered(Peer peer) {
        pending.remove(peer.uuid);
    }

    /** Removes the peer if it is the one in the table (a newer entry for the same UUID stays). */
    boolean remove(Peer peer) {
        if (!peers.remove(peer.uuid, peer)) {
            return false;
        }
        pending.remove(peer.uuid);
        return true;
    }

    /** How many peers have not said HELLO yet. */
    int pendingCount() {
        return pending.size();
    }

    /** The peer that has waited longest for its HELLO, or null when none is waiting. */
    @Nullable Peer oldestPending() {
        for (UUID uuid : pending) {
            return peers.get(uuid);
        }
        return null;
    }

    boolean contains(Peer peer) {
        return peers.get(peer.uuid) == peer;
    }

    int size() {
        return peers.size();
    }

    /** Live view of all peers; iterate over {@link #copy()} when the loop may remove some. */
    Collection<Peer> all() {
        return peers.values();
    }

    List<Peer> copy() {
        return new ArrayList<>(peers.values());
    }

    void clear() {
        peers.clear();
        pending.clear();
    }
}
