package dev.zre.spring.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Binding hints for the {@code zre.*} properties classes, so that a native image binds every nested
 * setting (listed in {@code META-INF/spring/aot.factories}; Spring Boot's own processing covers the
 * beans, this covers the classes however they are used).
 */
class ZreRuntimeHintsRegistrar implements RuntimeHintsRegistrar {

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(), ZreProperties.class,
                ZreSecurityProperties.class);
    }

}
