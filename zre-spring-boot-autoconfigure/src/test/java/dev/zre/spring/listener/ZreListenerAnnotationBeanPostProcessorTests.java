package dev.zre.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zre.ZreEvent;
import dev.zre.ZreEventType;
import dev.zre.ZreNode;
import dev.zre.spring.ZreTestProperties;
import dev.zre.spring.autoconfigure.ZreAutoConfiguration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ZreListenerAnnotationBeanPostProcessorTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ZreAutoConfiguration.class))
        .withPropertyValues(ZreTestProperties.loopback("listeners", ZreTestProperties.randomBeaconPort()))
        .withPropertyValues("test.groups=red,green");

    @Test
    void attributesAreResolvedAndDefaulted() {
        this.runner.withBean(Listeners.class).run((context) -> {
            Map<String, ZreListenerContainer> containers = context.getBean(ZreListenerRegistry.class).getContainers();
            assertThat(containers).containsOnlyKeys("Listeners.anything", "Listeners.grouped", "custom-blue",
                    "Listeners.membership");
            ZreListenerEndpoint anything = containers.get("Listeners.anything").getEndpoint();
            assertThat(anything.events()).containsExactlyInAnyOrder(ZreEventType.SHOUT, ZreEventType.WHISPER);
            assertThat(anything.groups()).isEmpty();
            ZreListenerEndpoint grouped = containers.get("Listeners.grouped").getEndpoint();
            assertThat(grouped.events()).containsExactly(ZreEventType.SHOUT);
            assertThat(grouped.groups()).containsExactlyInAnyOrder("red", "green");
            assertThat(containers.get("custom-blue").getEndpoint().groups()).containsExactly("blue");
            assertThat(containers.get("Listeners.membership").getEndpoint().events())
                .containsExactlyInAnyOrder(ZreEventType.ENTER, ZreEventType.EXIT);
            assertThat(context.getBean(ZreNode.class).ownGroups()).contains("red", "green", "blue");
        });
    }

    @Test
    void groupFiltersOnlyApplyToEventsWithAGroup() {
        this.runner.withBean(Listeners.class).run((context) -> {
            ZreListenerEndpoint grouped = context.getBean(ZreListenerRegistry.class)
                .getContainers()
                .get("Listeners.grouped")
                .getEndpoint();
            java.util.UUID peer = java.util.UUID.randomUUID();
            assertThat(grouped.accepts(new ZreEvent.Shout(peer, "p", "red", java.util.List.of(new byte[1])))).isTrue();
            assertThat(grouped.accepts(new ZreEvent.Shout(peer, "p", "blue", java.util.List.of(new byte[1]))))
                .isFalse();
            assertThat(grouped.accepts(new ZreEvent.Whisper(peer, "p", java.util.List.of(new byte[1])))).isFalse();
        });
    }

    @Test
    void duplicateIdsFailStartup() {
        this.runner.withBean(DuplicateIds.class).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("Duplicate @ZreListener id 'same'");
        });
    }

    @Test
    void twoPayloadParametersFailStartup() {
        this.runner.withBean(TwoPayloads.class).run((context) -> {
            assertThat(context).hasFailed();
            // reported when the listener is registered, no longer wrapped by the registry's start
            assertThat(context.getStartupFailure()).hasMessageContaining("more than one payload parameter")
                .hasMessageContaining("twice");
        });
    }

    @Test
    void errorHandlerBeanMustExist() {
        this.runner.withBean(MissingErrorHandler.class).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasMessageContaining("error handler 'noSuchHandler'")
                .hasMessageContaining("MissingErrorHandler.handled");
        });
    }

    static class Listeners {

        @ZreListener
        void anything(String text) {
        }

        @ZreListener(groups = "#{'${test.groups}'.split(',')}")
        void grouped(byte[] payload) {
        }

        @ZreListener(id = "custom-#{'blue'}", groups = "blue")
        void blue(String text) {
        }

        @ZreListener(events = { ZreEventType.ENTER, ZreEventType.EXIT })
        void membership(ZreEvent event) {
        }

    }

    static class DuplicateIds {

        @ZreListener(id = "same")
        void one(String text) {
        }

        @ZreListener(id = "same")
        void two(String text) {
        }

    }

    static class TwoPayloads {

        @ZreListener
        void twice(String text, byte[] bytes) {
        }

    }

    static class MissingErrorHandler {

        @ZreListener(errorHandler = "noSuchHandler")
        void handled(String text) {
        }

    }

}
