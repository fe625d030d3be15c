package dev.zre.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The peers in one group, as their JOIN/LEAVE messages and HELLOs said. SHOUTs to the group go to
 * these members; a group's election (when the node takes part) works on the same membership.
 */
final class PeerGroup {

    private final String name;
    private final Map<UUID, Peer> members = new LinkedHashMap<>();

    PeerGroup(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    /** Adds the peer; false when it was a member already. */
    boolean add(Peer peer) {
        return members.put(peer.uuid, peer) != peer;
    }

    /** Removes the peer; false when it was not a member. */
    boolean remove(Peer peer) {
        return members.remove(peer.uuid, peer);
    }

    boolean contains(UUID peer) {
        return members.containsKey(peer);
    }

    Collection<Peer> members() {
        return members.values();
    }

    int size() {
        return members.size();
    }

    boolean isEmpty() {
        return members.isEmpty();
    }
}
