package dev.zre.testcontainers;

import dev.zre.PeerId;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One group that the node in a {@link ZreContainer} or one of its peers belongs to, as
 * {@code GET /api/groups} reports it.
 *
 * @param name the group's name
 * @param members the ids of the peers in it (the node itself is never listed)
 * @param joined whether the node itself belongs to it
 * @param contested whether the node contests the group's leader elections
 * @param leader the group's elected leader, for a group the node is in; {@code null} while none is known
 * @param leaderName the leader's name, when known
 * @param leading whether the node itself is the leader
 */
public record ZreGroupInfo(String name, List<PeerId> members, boolean joined, boolean contested,
        @Nullable PeerId leader, @Nullable String leaderName, boolean leading) {

    /** Copies the collections; one missing from the JSON counts as empty. */
    public ZreGroupInfo {
        members = members == null ? List.of() : List.copyOf(members);
    }

    /** The group's elected leader, if the node knows one. */
    public Optional<PeerId> leaderId() {
        return Optional.ofNullable(leader);
    }
}
