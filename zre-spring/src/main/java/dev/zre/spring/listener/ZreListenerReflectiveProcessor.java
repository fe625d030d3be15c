package dev.zre.spring.listener;

import dev.zre.ZreEvent;
import dev.zre.ZreEventType;
import dev.zre.ZreNode;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.UUID;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.annotation.SimpleReflectiveProcessor;

/**
 * Registers what an AOT-processed application needs to run a {@code @ZreListener} method: the method
 * may be invoked, and its payload parameter and return value (converted from and to JSON) may be
 * bound. Parameters the listener runtime fills itself (the event, UUID, {@link ZrePeer},
 * {@code @ZreGroup}/{@code @ZreHeader} strings, the node, the event type) need nothing.
 * {@link ZreListener} is meta-annotated with it, so Spring's AOT engine applies
 * it to every bean with such methods.
 */
public class ZreListenerReflectiveProcessor extends SimpleReflectiveProcessor {

    private final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

    @Override
    protected void registerMethodHint(ReflectionHints hints, Method method) {
        super.registerMethodHint(hints, method);
        for (Parameter parameter : method.getParameters()) {
            if (isPayload(parameter)) {
                this.bindings.registerReflectionHints(hints, parameter.getParameterizedType());
            }
        }
        if (method.getReturnType() != void.class) {
            this.bindings.registerReflectionHints(hints, method.getGenericReturnType());
        }
    }

    private static boolean isPayload(Parameter parameter) {
        Class<?> type = parameter.getType();
        return !(parameter.isAnnotationPresent(ZreGroup.class) || parameter.isAnnotationPresent(ZreHeader.class)
                || ZreEvent.class.isAssignableFrom(type) || type == UUID.class || type == ZrePeer.class
                || type == ZreNode.class || type == ZreEventType.class);
    }

}
