package dev.zre.spring.listener;

import dev.zre.spring.converter.ZreMessageConverter;
import java.lang.reflect.Type;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.SmartMessageConverter;

/**
 * Lets spring-messaging convert a message's content frames with the application's
 * {@link ZreMessageConverter}, to the generic type of the parameter when it knows it.
 */
final class ZreFramesMessageConverter implements SmartMessageConverter {

    private final ZreMessageConverter converter;

    ZreFramesMessageConverter(ZreMessageConverter converter) {
        this.converter = converter;
    }

    @Override
    public @Nullable Object fromMessage(Message<?> message, Class<?> targetClass) {
        return fromMessage(message, targetClass, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public @Nullable Object fromMessage(Message<?> message, Class<?> targetClass, @Nullable Object conversionHint) {
        if (!(message.getPayload() instanceof List<?> frames)) {
            return null;
        }
        Type type = (conversionHint instanceof MethodParameter parameter) ? parameter.getGenericParameterType()
                : targetClass;
        return this.converter.fromFrames((List<byte[]>) frames, type);
    }

    @Override
    public @Nullable Message<?> toMessage(Object payload, @Nullable MessageHeaders headers) {
        return null; // replies are converted to frames directly
    }

    @Override
    public @Nullable Message<?> toMessage(Object payload, @Nullable MessageHeaders headers,
            @Nullable Object conversionHint) {
        return null;
    }

}
