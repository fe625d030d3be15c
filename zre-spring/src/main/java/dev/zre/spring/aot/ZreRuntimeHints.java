package dev.zre.spring.aot;

import dev.zre.ZreEvent;
import dev.zre.spring.listener.ZrePeer;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Hints for the types of zre-spring that applications hand to JSON mappers: {@link ZrePeer} and the
 * {@link ZreEvent} records (e.g. relayed to a browser). Listed in {@code META-INF/spring/aot.factories}.
 */
public class ZreRuntimeHints implements RuntimeHintsRegistrar {

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();
        bindings.registerReflectionHints(hints.reflection(), ZrePeer.class);
        for (Class<?> event : ZreEvent.class.getPermittedSubclasses()) {
            registerSealed(bindings, hints, event);
        }
    }

    /** The records below a sealed interface ({@code PeerEvent}, {@code MessageEvent}), and the records. */
    private static void registerSealed(BindingReflectionHintsRegistrar bindings, RuntimeHints hints, Class<?> type) {
        if (type.isSealed()) {
            for (Class<?> permitted : type.getPermittedSubclasses()) {
                registerSealed(bindings, hints, permitted);
            }
        }
        else {
            bindings.registerReflectionHints(hints.reflection(), type);
        }
    }

}
