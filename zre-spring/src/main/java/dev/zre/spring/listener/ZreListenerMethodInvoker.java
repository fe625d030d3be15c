package dev.zre.spring.listener;

import dev.zre.ZreEvent;
import dev.zre.ZreEventType;
import dev.zre.ZreNode;
import dev.zre.spring.converter.ZreMessageConverter;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

/**
 * Invokes one {@link ZreListener} method: resolves its arguments from the event, calls it and
 * whispers a non-null result back to the sender.
 */
final class ZreListenerMethodInvoker {

    /** spring-messaging's {@code @Payload}, honoured by name so that spring-messaging stays optional. */
    private static final String MESSAGING_PAYLOAD = "org.springframework.messaging.handler.annotation.Payload";

    /** spring-messaging's {@code @Header}, honoured by name. */
    private static final String MESSAGING_HEADER = "org.springframework.messaging.handler.annotation.Header";

    private final ZreListenerEndpoint endpoint;

    private final ZreNode node;

    private final ZreMessageConverter converter;

    private final List<Function<ZreEvent, @Nullable Object>> arguments;

    ZreListenerMethodInvoker(ZreListenerEndpoint endpoint, ZreNode node, ZreMessageConverter converter) {
        this.endpoint = endpoint;
        this.node = node;
        this.converter = converter;
        this.arguments = resolvers(endpoint.method());
        ReflectionUtils.makeAccessible(endpoint.method());
    }

    private List<Function<ZreEvent, @Nullable Object>> resolvers(Method method) {
        boolean payloadSeen = false;
        List<Function<ZreEvent, @Nullable Object>> resolvers = new ArrayList<>();
        for (int i = 0; i < method.getParameterCount(); i++) {
            MethodParameter parameter = new MethodParameter(method, i);
            Function<ZreEvent, @Nullable Object> resolver = hasAnnotation(parameter, MESSAGING_PAYLOAD) ? null
                    : resolver(parameter);
            if (resolver == null) {
                if (payloadSeen) {
                    throw new IllegalStateException("@ZreListener method " + method + " has more than one payload "
                            + "parameter; annotate the others (@ZreGroup, @ZreHeader) or use ZreEvent, UUID, ZrePeer");
                }
                payloadSeen = true;
                Type type = parameter.getGenericParameterType();
                resolver = (event) -> (event instanceof ZreEvent.MessageEvent message)
                        ? this.converter.fromFrames(message.frames(), type) : null;
            }
            resolvers.add(resolver);
        }
        return resolvers;
    }

    private @Nullable Function<ZreEvent, @Nullable Object> resolver(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        if (parameter.hasParameterAnnotation(ZreGroup.class)) {
            return ZreListenerEndpoint::groupOf;
        }
        String headerName = headerName(parameter);
        if (headerName != null) {
            return (event) -> ZrePeer.of(event, this.node).map((peer) -> peer.header(headerName)).orElse(null);
        }
        if (ZreEvent.class.isAssignableFrom(type)) {
            return (event) -> type.isInstance(event) ? event : null;
        }
        if (type == UUID.class) {
            return (event) -> (event instanceof ZreEvent.PeerEvent peerEvent) ? peerEvent.peer() : null;
        }
        if (type == ZrePeer.class) {
            return (event) -> ZrePeer.of(event, this.node).orElse(null);
        }
        if (type == ZreNode.class) {
            return (event) -> this.node;
        }
        if (type == ZreEventType.class) {
            return ZreEvent::type;
        }
        return null;
    }

    /** The header name of {@code @ZreHeader} or spring-messaging's {@code @Header}, if present. */
    private static @Nullable String headerName(MethodParameter parameter) {
        ZreHeader header = parameter.getParameterAnnotation(ZreHeader.class);
        if (header != null) {
            return header.value();
        }
        for (Annotation annotation : parameter.getParameterAnnotations()) {
            if (annotation.annotationType().getName().equals(MESSAGING_HEADER)) {
                Map<String, Object> attributes = AnnotationUtils.getAnnotationAttributes(annotation);
                String name = (String) attributes.get("name");
                return StringUtils.hasText(name) ? name : (String) attributes.get("value");
            }
        }
        return null;
    }

    private static boolean hasAnnotation(MethodParameter parameter, String typeName) {
        for (Annotation annotation : parameter.getParameterAnnotations()) {
            if (annotation.annotationType().getName().equals(typeName)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Invokes the method for an event and whispers its result back.
     * @param event the event
     * @throws Throwable whatever the method, the conversion or the reply threw
     */
    void invoke(ZreEvent event) throws Throwable {
        Object[] args = new Object[this.arguments.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = this.arguments.get(i).apply(event);
        }
        Object result;
        try {
            result = this.endpoint.method().invoke(this.endpoint.bean(), args);
        }
        catch (InvocationTargetException ex) {
            throw ex.getTargetException();
        }
        if (result != null && event instanceof ZreEvent.PeerEvent peerEvent) {
            this.node.whisper(peerEvent.peer(), this.converter.toFrames(result));
        }
    }

    @Override
    public String toString() {
        return this.endpoint.id() + " " + Map.of("events", this.endpoint.events(), "groups", this.endpoint.groups());
    }

}
