package dev.zre.internal;

import dev.zre.protocol.ZreMessage;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The groups this node is in and its status byte, which counts every join and leave (zyre counts a
 * join made before start too). Produces the JOIN/LEAVE to send and the HELLO that introduces us.
 */
final class OwnGroups {

    private final Set<String> groups;
    private int status;

    OwnGroups(Set<String> initial) {
        this.groups = new LinkedHashSet<>(initial);
        this.status = initial.size() & 0xFF;
    }

    /** Joins the group; the JOIN to send, or null when already a member. */
    ZreMessage.@Nullable Join join(String group) {
        if (!groups.add(group)) {
            return null;
        }
        status = (status + 1) & 0xFF;
        return new ZreMessage.Join(group, status);
    }

    /** Leaves the group; the LEAVE to send, or null when not a member. */
    ZreMessage.@Nullable Leave leave(String group) {
        if (!groups.remove(group)) {
            return null;
        }
        status = (status + 1) & 0xFF;
        return new ZreMessage.Leave(group, status);
    }

    boolean contains(String group) {
        return groups.contains(group);
    }

    /** A copy, safe to iterate while joining or leaving. */
    List<String> list() {
        return List.copyOf(groups);
    }

    ZreMessage.Hello hello(String endpoint, String name, Map<String, String> headers) {
        return new ZreMessage.Hello(endpoint, List.copyOf(groups), status, name, headers);
    }
}
