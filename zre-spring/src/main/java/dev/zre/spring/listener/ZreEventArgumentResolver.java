package dev.zre.spring.listener;

import dev.zre.ZreEvent;
import dev.zre.ZreEventType;
import dev.zre.ZreNode;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import org.springframework.util.Assert;

/**
 * Resolves the ZRE-specific arguments of a {@link ZreListener} method from the event: the
 * {@link ZreEvent} (or one of its records, {@code null} for another type), the peer's {@link UUID}, the
 * {@link ZrePeer}, {@code @}{@link ZreGroup} and {@code @}{@link ZreHeader} strings, the
 * {@link ZreNode}, the {@link ZreEventType} and a {@link ZreDeadLetter}.
 */
public final class ZreEventArgumentResolver implements HandlerMethodArgumentResolver {

    private final ZreNode node;

    /**
     * Creates a resolver.
     * @param node the node the events come from
     */
    public ZreEventArgumentResolver(ZreNode node) {
        Assert.notNull(node, "'node' must not be null");
        this.node = node;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        return parameter.hasParameterAnnotation(ZreGroup.class) || parameter.hasParameterAnnotation(ZreHeader.class)
                || ZreEvent.class.isAssignableFrom(type) || type == UUID.class || type == ZrePeer.class
                || type == ZreNode.class || type == ZreEventType.class || type == ZreDeadLetter.class;
    }

    @Override
    public @Nullable Object resolveArgument(MethodParameter parameter, Message<?> message) {
        ZreEvent event = ZreMessageHeaders.event(message);
        Class<?> type = parameter.getParameterType();
        if (parameter.hasParameterAnnotation(ZreGroup.class)) {
            return ZreListenerEndpoint.groupOf(event);
        }
        ZreHeader header = parameter.getParameterAnnotation(ZreHeader.class);
        if (header != null) {
            return ZrePeer.of(event, this.node).map((peer) -> peer.header(header.value())).orElse(null);
        }
        if (ZreEvent.class.isAssignableFrom(type)) {
            return type.isInstance(event) ? event : null;
        }
        if (type == UUID.class) {
            return (event instanceof ZreEvent.PeerEvent peerEvent) ? peerEvent.peer() : null;
        }
        if (type == ZrePeer.class) {
            return ZrePeer.of(event, this.node).orElse(null);
        }
        if (type == ZreNode.class) {
            return this.node;
        }
        if (type == ZreDeadLetter.class) {
            return (event instanceof ZreEvent.MessageEvent messageEvent)
                    ? ZreDeadLetter.of(messageEvent.frames()).orElse(null) : null;
        }
        return event.type();
    }

}
