package dev.zre;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An immutable picture of one connected peer at the moment it was taken.
 *
 * @param uuid the peer's UUID
 * @param name the name from its HELLO
 * @param address its mailbox endpoint, e.g. {@code tcp://127.0.0.1:49152}
 * @param groups the groups it belongs to
 * @param headers the headers from its HELLO
 * @param status its group-change counter (0..255) as last seen
 * @param state alive, evasive or silent
 * @param enteredAt when its HELLO arrived
 * @param lastSeen when anything last arrived from it
 * @param messagesIn ZRE messages received from it (HELLO and PINGs included)
 * @param messagesOut ZRE messages sent to it
 * @param discoveredBy the discoveries that reported it, by name: {@code beacon}, {@code endpoints}, {@code dns}
 *        (and any other discovery the node runs); empty when it introduced itself (its HELLO reached us
 *        first) and none of ours has reported it since
 */
public record PeerSnapshot(UUID uuid, String name, String address, Set<String> groups, Map<String, String> headers,
        int status, PeerState state, Instant enteredAt, Instant lastSeen, long messagesIn, long messagesOut,
        Set<String> discoveredBy) {

    public PeerSnapshot {
        groups = Set.copyOf(groups);
        headers = Map.copyOf(headers);
        discoveredBy = Set.copyOf(discoveredBy);
    }

    /** One header value, or {@code null}. */
    public @Nullable String header(String key) {
        return headers.get(key);
    }
}
