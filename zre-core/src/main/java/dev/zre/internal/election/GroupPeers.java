package dev.zre.internal.election;

import dev.zre.PeerId;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which peers are in which group, as the election counts them (in the order they joined). */
final class GroupPeers {

    private final Map<String, Set<PeerId>> members = new HashMap<>();

    void add(String group, PeerId peer) {
        members.computeIfAbsent(group, g -> new LinkedHashSet<>()).add(peer);
    }

    void remove(String group, PeerId peer) {
        Set<PeerId> peers = members.get(group);
        if (peers != null && peers.remove(peer) && peers.isEmpty()) {
            members.remove(group);
        }
    }

    void removeEverywhere(PeerId peer) {
        for (String group : List.copyOf(members.keySet())) {
            remove(group, peer);
        }
    }

    /** The group's peers, a copy safe to iterate while sending. */
    List<PeerId> of(String group) {
        Set<PeerId> peers = members.get(group);
        return peers == null ? List.of() : List.copyOf(peers);
    }

    int count(String group) {
        Set<PeerId> peers = members.get(group);
        return peers == null ? 0 : peers.size();
    }

    boolean contains(String group, PeerId peer) {
        Set<PeerId> peers = members.get(group);
        return peers != null && peers.contains(peer);
    }
}
