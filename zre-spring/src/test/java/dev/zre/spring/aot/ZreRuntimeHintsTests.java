package dev.zre.spring.aot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zre.ZreEvent;
import dev.zre.ZreEventType;
import dev.zre.spring.listener.ZreGroup;
import dev.zre.spring.listener.ZreListener;
import dev.zre.spring.listener.ZrePeer;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.annotation.ReflectiveRuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;

/**
 * The hints an AOT-processed application gets for its listeners and zre-spring's own types.
 */
class ZreRuntimeHintsTests {

    private final RuntimeHints hints = new RuntimeHints();

    @Test
    void aotFactoriesListTheRegistrar() {
        assertThat(AotServices.factories().load(RuntimeHintsRegistrar.class))
            .anyMatch(ZreRuntimeHints.class::isInstance);
    }

    @Test
    void peerAndEventRecordsCanBeBound() {
        new ZreRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
        assertThat(RuntimeHintsPredicates.reflection().onType(ZrePeer.class)).accepts(this.hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(ZrePeer.class, "name")).accepts(this.hints);
        for (Class<?> event : List.of(ZreEvent.Enter.class, ZreEvent.Shout.class, ZreEvent.Whisper.class,
                ZreEvent.Leader.class, ZreEvent.Stop.class)) {
            assertThat(RuntimeHintsPredicates.reflection().onType(event)).as(event.getName()).accepts(this.hints);
        }
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(ZreEvent.Shout.class, "group"))
            .accepts(this.hints);
    }

    @Test
    void listenerMethodsTheirPayloadsAndRepliesAreRegistered() {
        new ReflectiveRuntimeHintsRegistrar().registerRuntimeHints(this.hints, Orders.class);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Orders.class, "onOrder")).accepts(this.hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(Order.class)).accepts(this.hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Order.class, "id")).accepts(this.hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(Receipt.class)).accepts(this.hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(Line.class)).as("a generic payload's element")
            .accepts(this.hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(ZrePeer.class))
            .as("arguments the runtime fills itself need nothing")
            .rejects(this.hints);
    }

    @Test
    void listenersDeclaredThroughAMetaAnnotationAreRegistered() {
        new ReflectiveRuntimeHintsRegistrar().registerRuntimeHints(this.hints, Orders.class);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Orders.class, "onLines")).accepts(this.hints);
    }

    @Test
    void beansWithoutListenersGetNothing() {
        new ReflectiveRuntimeHintsRegistrar().registerRuntimeHints(this.hints, Plain.class);
        assertThat(RuntimeHintsPredicates.reflection().onType(Plain.class)).rejects(this.hints);
    }

    record Order(String id) {
    }

    record Receipt(String orderId) {
    }

    record Line(String sku, int quantity) {
    }

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ZreListener(events = ZreEventType.WHISPER)
    @interface LinesListener {

    }

    static class Orders {

        @ZreListener(groups = "orders")
        Receipt onOrder(Order order, ZrePeer from, @ZreGroup String group, UUID peer, ZreEvent event) {
            return new Receipt(order.id());
        }

        @LinesListener
        void onLines(List<Line> lines) {
        }

    }

    static class Plain {

        void notAListener(Order order) {
        }

    }

}
