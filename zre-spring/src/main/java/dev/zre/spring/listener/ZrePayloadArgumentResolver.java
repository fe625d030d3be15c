package dev.zre.spring.listener;

import dev.zre.ZreEvent;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.handler.annotation.support.PayloadMethodArgumentResolver;
import org.springframework.validation.Validator;

/**
 * spring-messaging's payload resolution (conversion, {@code @Valid}) for any parameter no other
 * resolver took, except that events without content (ENTER, JOIN ...) give {@code null} instead of
 * failing, as listeners for several event types expect.
 */
final class ZrePayloadArgumentResolver extends PayloadMethodArgumentResolver {

    ZrePayloadArgumentResolver(MessageConverter converter, @Nullable Validator validator) {
        super(converter, validator, true);
    }

    @Override
    public @Nullable Object resolveArgument(MethodParameter parameter, Message<?> message) throws Exception {
        if (message.getPayload() instanceof ZreEvent) {
            return null;
        }
        return super.resolveArgument(parameter, message);
    }

}
