package dev.zre.sample.web;

import dev.zre.PeerId;
import dev.zre.PeerSnapshot;
import dev.zre.ZreNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** The JSON bodies of the REST API. UUIDs are written as zyre does: 32 upper-case hex digits. */
final class Views {

    private Views() {
    }

    /** {@code GET /api/node}. */
    record NodeView(String uuid, String name, @Nullable String endpoint, List<String> groups) {

        static NodeView of(ZreNode node) {
            return new NodeView(PeerId.of(node.uuid()).toString(), node.name(), node.endpoint().orElse(null),
                    node.ownGroups().stream().sorted().toList());
        }

    }

    /** One element of {@code GET /api/peers}. */
    record PeerView(String uuid, String name, String address, List<String> groups, Map<String, String> headers,
            String state) {

        static PeerView of(PeerSnapshot peer) {
            return new PeerView(PeerId.of(peer.uuid()).toString(), peer.name(), peer.address(),
                    peer.groups().stream().sorted().toList(), new TreeMap<>(peer.headers()), peer.state().name());
        }

    }

    /**
     * One element of {@code GET /api/groups}; members are peer UUIDs (this node is not one of them). The
     * leader (UUID and name, {@code leading} when it is this node) is shown for groups this node is in, once
     * an election completed.
     */
    record GroupView(String name, List<String> members, boolean joined, boolean contested,
            @Nullable String leader, @Nullable String leaderName, boolean leading) {

    }

    /** {@code GET /api/leader-task}: the leader-only task of this instance. */
    record LeaderTaskView(String group, boolean leading, long runs) {

    }

    /** {@code POST /api/shout}. */
    record ShoutRequest(@Nullable String group, @Nullable String text) {

    }

    /** {@code POST /api/whisper}; {@code peer} in 32 hex digits or the dashed form. */
    record WhisperRequest(@Nullable String peer, @Nullable String text) {

    }

    /** {@code POST /api/presence}. */
    record PresenceRequest(@Nullable String status) {

    }

    /** {@code GET /api/presence}. */
    record PresenceView(String self, Map<String, String> peers) {

    }

    /**
     * The answer to a ping (request/reply).
     * @param peer the peer that answered
     * @param reply its reply
     * @param roundTripMillis the round trip in milliseconds
     */
    record PingView(String peer, String reply, double roundTripMillis) {
    }

}
