package dev.zre.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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

    /**
     * Whether one more peer may be created now; takes a token when it may. The caller counts a
     * refusal.
     */
    boolean admit(long now) {
        if (peers.size() >= maxPeers) {
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

    void put(Peer peer) {
        peers.put(peer.uuid, peer);
    }

    /** Removes the peer if it is the one in the table (a newer entry for the same UUID stays). */
    boolean remove(Peer peer) {
        return peers.remove(peer.uuid, peer);
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
    }
}
