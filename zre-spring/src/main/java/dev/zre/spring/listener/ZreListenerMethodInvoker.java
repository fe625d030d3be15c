package dev.zre.spring.listener;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Headers;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;

/**
 * Invokes one {@link ZreListener} method through spring-messaging's {@link InvocableHandlerMethod}:
 * the arguments come from the argument resolvers, the result is returned as it is.
 */
final class ZreListenerMethodInvoker {

    private final ZreListenerEndpoint endpoint;

    private final InvocableHandlerMethod handlerMethod;

    /**
     * Creates an invoker.
     * @param endpoint the listener
     * @param factory creates the invocable method
     * @param nonPayloadResolvers resolvers whose parameters are not payloads (to find a second payload)
     */
    ZreListenerMethodInvoker(ZreListenerEndpoint endpoint, MessageHandlerMethodFactory factory,
            List<HandlerMethodArgumentResolver> nonPayloadResolvers) {
        this.endpoint = endpoint;
        checkOnePayload(endpoint.method(), nonPayloadResolvers);
        this.handlerMethod = factory.createInvocableHandlerMethod(endpoint.bean(), endpoint.method());
    }

    private static void checkOnePayload(Method method, List<HandlerMethodArgumentResolver> resolvers) {
        int payloads = 0;
        for (int i = 0; i < method.getParameterCount(); i++) {
            MethodParameter parameter = new MethodParameter(method, i);
            boolean other = parameter.hasParameterAnnotation(Header.class)
                    || parameter.hasParameterAnnotation(Headers.class)
                    || Message.class.isAssignableFrom(parameter.getParameterType())
                    || MessageHeaders.class.isAssignableFrom(parameter.getParameterType())
                    || resolvers.stream().anyMatch((resolver) -> resolver.supportsParameter(parameter));
            if (!other && ++payloads > 1) {
                throw new IllegalStateException("@ZreListener method " + method + " has more than one payload "
                        + "parameter; annotate the others (@ZreGroup, @ZreHeader, @Header) or use ZreEvent, UUID, ZrePeer");
            }
        }
    }

    /**
     * Invokes the method.
     * @param message the message of the event
     * @return what the method returned
     * @throws Exception whatever the method or the argument resolution threw
     */
    @Nullable Object invoke(Message<?> message) throws Exception {
        return this.handlerMethod.invoke(message);
    }

    @Override
    public String toString() {
        return this.endpoint.id() + " " + Map.of("events", this.endpoint.events(), "groups", this.endpoint.groups());
    }

}
