package dev.zre.internal;

import dev.zre.PeerSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * An immutable picture of who is connected and in which groups, published by the actor after each
 * membership change so that any thread can answer queries without asking the actor. Liveness and
 * message counts are read live from the peers when a snapshot is taken.
 */
public final class ClusterView {

    /** The view of a node that is not running. */
    public static final ClusterView EMPTY = new ClusterView(Map.of(), Map.of());

    private final Map<UUID, Entry> peers;
    private final Map<String, Set<UUID>> groups;

    private record Entry(Peer peer, String name, String address, Map<String, String> headers, Set<String> groups,
            int status, Instant enteredAt) {
    }

    private ClusterView(Map<UUID, Entry> peers, Map<String, Set<UUID>> groups) {
        this.peers = peers;
        this.groups = groups;
    }

    /** Builds a view from the actor's ready peers (called on the actor thread). */
    static ClusterView of(Iterable<Peer> all) {
        Map<UUID, Entry> peers = new HashMap<>();
        Map<String, Set<UUID>> groups = new HashMap<>();
        for (Peer p : all) {
            if (!p.ready) {
                continue;
            }
            peers.put(p.uuid, new Entry(p, p.name, p.address, p.headers, Set.copyOf(p.groups), p.status,
                    Objects.requireNonNull(p.enteredAt, "a ready peer has entered")));
            for (String g : p.groups) {
                groups.computeIfAbsent(g, k -> new HashSet<>()).add(p.uuid);
            }
        }
        Map<String, Set<UUID>> frozen = new HashMap<>();
        groups.forEach((g, members) -> frozen.put(g, Set.copyOf(members)));
        return new ClusterView(Collections.unmodifiableMap(peers), Collections.unmodifiableMap(frozen));
    }

    /** Connected peers by UUID (values are opaque; use {@link #snapshot}). */
    public Map<UUID, ?> peers() {
        return peers;
    }

    /** Groups that at least one peer is in, with their members. */
    public Map<String, Set<UUID>> groups() {
        return groups;
    }

    /** Members of one group (empty when none). */
    public Set<UUID> members(String group) {
        return groups.getOrDefault(group, Set.of());
    }

    /** A snapshot of one peer. */
    public Optional<PeerSnapshot> snapshot(UUID uuid) {
        Entry e = peers.get(uuid);
        return e == null ? Optional.empty() : Optional.of(toSnapshot(e));
    }

    /** Snapshots of all peers, by name then UUID. */
    public List<PeerSnapshot> snapshots() {
        List<PeerSnapshot> out = new ArrayList<>(peers.size());
        for (Entry e : peers.values()) {
            out.add(toSnapshot(e));
        }
        out.sort((a, b) -> a.name().equals(b.name()) ? a.uuid().compareTo(b.uuid()) : a.name().compareTo(b.name()));
        return out;
    }

    private static PeerSnapshot toSnapshot(Entry e) {
        Peer p = e.peer;
        return new PeerSnapshot(p.uuid, e.name, e.address, e.groups, e.headers, e.status, p.state, e.enteredAt,
                Instant.ofEpochMilli(p.lastSeenMillis), p.messagesIn, p.messagesOut, p.discoveredBy);
    }
}
