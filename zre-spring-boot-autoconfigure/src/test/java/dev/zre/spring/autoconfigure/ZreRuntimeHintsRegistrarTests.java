package dev.zre.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;

class ZreRuntimeHintsRegistrarTests {

    private final RuntimeHints hints = new RuntimeHints();

    @Test
    void aotFactoriesListTheRegistrar() {
        assertThat(AotServices.factories().load(RuntimeHintsRegistrar.class))
            .anyMatch(ZreRuntimeHintsRegistrar.class::isInstance);
    }

    @Test
    void propertiesAndTheirNestedSettingsCanBeBound() {
        new ZreRuntimeHintsRegistrar().registerHints(this.hints, getClass().getClassLoader());
        assertThat(RuntimeHintsPredicates.reflection().onType(ZreProperties.class)).accepts(this.hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(ZreProperties.class, "setBeaconInterval"))
            .accepts(this.hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(ZreProperties.Listener.class)).accepts(this.hints);
        assertThat(RuntimeHintsPredicates.reflection()
            .onMethodInvocation(ZreProperties.Listener.class, "setObservationEnabled")).accepts(this.hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(ZreProperties.TraceFrame.class)).accepts(this.hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(ZreSecurityProperties.class)).accepts(this.hints);
    }

}
