package dev.zre.spring.listener;

import dev.zre.PeerSnapshot;
import dev.zre.ZreEvent;
import dev.zre.ZreNode;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The peer an event came from, as a {@link ZreListener} method argument.
 *
 * @param uuid the peer's UUID
 * @param name the name from its HELLO
 * @param address its mailbox endpoint, or {@code null} when no longer known (e.g. after EXIT)
 * @param headers the headers from its HELLO (empty when no longer known)
 */
public record ZrePeer(UUID uuid, String name, @Nullable String address, Map<String, String> headers) {

    public ZrePeer {
        headers = Map.copyOf(headers);
    }

    /**
     * The peer of an event, completed from the node's peer table.
     * @param event the event
     * @param node the node that received it
     * @return the peer, empty when the event does not concern a peer
     */
    public static Optional<ZrePeer> of(ZreEvent event, ZreNode node) {
        if (!(event instanceof ZreEvent.PeerEvent peerEvent)) {
            return Optional.empty();
        }
        if (event instanceof ZreEvent.Enter enter) {
            return Optional.of(new ZrePeer(enter.peer(), enter.peerName(), enter.address(), enter.headers()));
        }
        Optional<PeerSnapshot> snapshot = node.peer(peerEvent.peer());
        return Optional.of(snapshot.map((s) -> new ZrePeer(s.uuid(), s.name(), s.address(), s.headers()))
            .orElseGet(() -> new ZrePeer(peerEvent.peer(), peerEvent.peerName(), null, Map.of())));
    }

    /**
     * One header value.
     * @param key the header name
     * @return the value, or {@code null}
     */
    public @Nullable String header(String key) {
        return this.headers.get(key);
    }

}
