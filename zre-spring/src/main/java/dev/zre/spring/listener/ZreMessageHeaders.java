package dev.zre.spring.listener;

import dev.zre.ZreEvent;
import dev.zre.ZreNode;
import dev.zre.spring.core.ZreEnvelope;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;

/**
 * The headers of the spring-messaging {@link Message} a {@link ZreListener} method is invoked with,
 * for {@code @Header} parameters and custom argument resolvers. The payload of the message is the
 * content frames ({@code List<byte[]>}) of a WHISPER or SHOUT, else the event itself. Besides these,
 * every header the sending peer announced in its HELLO is a message header of the same name.
 */
public final class ZreMessageHeaders {

    /** The {@link ZreEvent} (for a request: the WHISPER without its envelope). */
    public static final String EVENT = "zre_event";

    /** The {@link dev.zre.ZreEventType}. */
    public static final String TYPE = "zre_type";

    /** The UUID of the peer the event came from. */
    public static final String PEER = "zre_peer";

    /** The name of the peer the event came from. */
    public static final String PEER_NAME = "zre_peerName";

    /** The group of a SHOUT, JOIN, LEAVE or LEADER. */
    public static final String GROUP = "zre_group";

    /** The correlation id of a request (see {@link dev.zre.spring.core.ZreOperations#request}). */
    public static final String CORRELATION_ID = "zre_correlationId";

    private ZreMessageHeaders() {
    }

    /**
     * The message of an event.
     * @param event the event as the listener sees it
     * @param request the request envelope it came in, or {@code null}
     * @param node the node that received it (for the peer's headers)
     * @return the message
     */
    static Message<Object> message(ZreEvent event, @Nullable ZreEnvelope request, ZreNode node) {
        Map<String, Object> headers = new HashMap<>();
        ZrePeer.of(event, node).ifPresent((peer) -> peer.headers().forEach(headers::put));
        headers.remove(MessageHeaders.ID);
        headers.remove(MessageHeaders.TIMESTAMP);
        headers.put(EVENT, event);
        headers.put(TYPE, event.type());
        if (event instanceof ZreEvent.PeerEvent peerEvent) {
            headers.put(PEER, peerEvent.peer());
            headers.put(PEER_NAME, peerEvent.peerName());
        }
        String group = ZreListenerEndpoint.groupOf(event);
        if (group != null) {
            headers.put(GROUP, group);
        }
        if (request != null) {
            headers.put(CORRELATION_ID, request.correlationId());
        }
        Object payload = (event instanceof ZreEvent.MessageEvent message) ? message.frames() : event;
        return new GenericMessage<>(payload, headers);
    }

    /**
     * The event of a message built by the listener runtime.
     * @param message the message
     * @return the event
     */
    public static ZreEvent event(Message<?> message) {
        Object event = message.getHeaders().get(EVENT);
        if (!(event instanceof ZreEvent zreEvent)) {
            throw new IllegalArgumentException("Not a message of a ZRE event: " + message);
        }
        return zreEvent;
    }

}
