package dev.zre.testcontainers;

import dev.zre.PeerId;
import java.util.List;

/**
 * One group that the node in a {@link ZreContainer} or one of its peers belongs to, as
 * {@code GET /api/groups} reports it.
 *
 * @param name the group's name
 * @param members the ids of the peers in it (the node itself is never listed)
 * @param joined whether the node itself belongs to it
 */
public record ZreGroupInfo(String name, List<PeerId> members, boolean joined) {

    /** Copies the collections; one missing from the JSON counts as empty. */
    public ZreGroupInfo {
        members = members == null ? List.of() : List.copyOf(members);
    }
}
