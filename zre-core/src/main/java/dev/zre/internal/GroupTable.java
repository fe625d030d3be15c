package dev.zre.internal;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The groups that at least one peer is in. A group with no members left is forgotten. */
final class GroupTable {

    private final Map<String, PeerGroup> groups = new HashMap<>();

    /** Puts the peer into the group; false when it was there already. */
    boolean join(Peer peer, String group) {
        return groups.computeIfAbsent(group, PeerGroup::new).add(peer);
    }

    /** Takes the peer out of the group; false when it was not in it. */
    boolean leave(Peer peer, String group) {
        PeerGroup g = groups.get(group);
        if (g == null || !g.remove(peer)) {
            return false;
        }
        if (g.isEmpty()) {
            groups.remove(group);
        }
        return true;
    }

    /** Takes the peer out of every group it is in (its own list says which). */
    void leaveAll(Peer peer) {
        for (String group : peer.groups) {
            leave(peer, group);
        }
    }

    /** The group, or null when no peer is in it. */
    @Nullable PeerGroup get(String group) {
        return groups.get(group);
    }

    void clear() {
        groups.clear();
    }
}
