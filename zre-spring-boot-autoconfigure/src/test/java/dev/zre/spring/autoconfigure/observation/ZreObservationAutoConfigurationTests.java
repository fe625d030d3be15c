package dev.zre.spring.autoconfigure.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zre.ZreNode;
import dev.zre.spring.ZreTestProperties;
import dev.zre.spring.autoconfigure.ZreAutoConfiguration;
import dev.zre.spring.core.ZreOperations;
import dev.zre.spring.listener.ZreListener;
import dev.zre.spring.observation.DefaultZreListenerObservationConvention;
import dev.zre.spring.observation.DefaultZreTemplateObservationConvention;
import dev.zre.spring.observation.TraceparentPropagator;
import dev.zre.spring.observation.ZreListenerObservationConvention;
import dev.zre.spring.observation.ZreListenerObservationInterceptor;
import dev.zre.spring.observation.ZreTemplateObservationConvention;
import dev.zre.spring.observation.ZreTemplateObservationInterceptor;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code zre.listener.observation-enabled}, {@code zre.template.observation-enabled} and
 * {@code zre.trace-frame.enabled}: the beans, and two applications on loopback.
 */
class ZreObservationAutoConfigurationTests {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private final int beaconPort = ZreTestProperties.randomBeaconPort();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ZreAutoConfiguration.class, ZreObservationAutoConfiguration.class))
        .withUserConfiguration(ChatConfiguration.class);

    @Test
    void observationIsOffByDefault() {
        this.runner.withPropertyValues(ZreTestProperties.loopback("quiet", this.beaconPort))
            .withBean(ObservationRegistry.class, TestObservationRegistry::create)
            .run((context) -> assertThat(context).doesNotHaveBean(ZreListenerObservationInterceptor.class)
                .doesNotHaveBean(ZreTemplateObservationInterceptor.class));
    }

    @Test
    void theTraceFrameAloneStripsWithoutObserving() {
        this.runner.withPropertyValues(ZreTestProperties.loopback("stripping", this.beaconPort))
            .withPropertyValues("zre.trace-frame.enabled=true")
            .run((context) -> assertThat(context).hasSingleBean(ZreListenerObservationInterceptor.class)
                .doesNotHaveBean(ZreTemplateObservationInterceptor.class));
    }

    @Test
    void templateAndListenerAreObservedWithTheApplicationsConventions() {
        TestObservationRegistry aliceObservations = TestObservationRegistry.create();
        TestObservationRegistry bobObservations = TestObservationRegistry.create();
        observed("alice", aliceObservations).withUserConfiguration(CustomConventions.class).run((alice) -> {
            observed("bob", bobObservations).run((bob) -> {
                shoutWhenJoined(bob, alice);
                await().atMost(DEADLINE).untilAsserted(() -> TestObservationRegistryAssert.assertThat(aliceObservations)
                    .hasObservationWithNameEqualTo("chat.received")
                    .that()
                    .hasBeenStopped()
                    .hasLowCardinalityKeyValue("zre.listener.id", "chat")
                    .hasLowCardinalityKeyValue("zre.event.type", "shout"));
                TestObservationRegistryAssert.assertThat(bobObservations)
                    .hasObservationWithNameEqualTo("zre.template.send")
                    .that()
                    .hasBeenStopped()
                    .hasContextualNameEqualTo("send chat");
                assertThat(alice.getBean(Chat.class).received).containsExactly("hello");
            });
        });
    }

    @Test
    void theTraceIdContinuesOnTheOtherNodeWithTheTraceFrame() {
        SimpleTracer aliceTracer = new SimpleTracer();
        SimpleTracer bobTracer = new SimpleTracer();
        observed("alice", tracing(aliceTracer)).withPropertyValues("zre.trace-frame.enabled=true").run((alice) -> {
            observed("bob", tracing(bobTracer)).withPropertyValues("zre.trace-frame.enabled=true").run((bob) -> {
                awaitJoined(bob, alice);
                // bob handles a request of a known trace and shouts while doing so
                ReceiverContext<Map<String, String>> request = new ReceiverContext<>((carrier, key) -> carrier.get(key));
                request.setCarrier(Map.of("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01"));
                Observation.createNotStarted("request", () -> request, bob.getBean(ObservationRegistry.class))
                    .observe(() -> bob.getBean(ZreOperations.class).shout("chat", "hello"));

                Chat chat = alice.getBean(Chat.class);
                await().atMost(DEADLINE).until(() -> !chat.received.isEmpty() && !aliceTracer.getSpans().isEmpty());
                SimpleSpan processed = aliceTracer.getSpans().getFirst();
                assertThat(processed.getName()).isEqualTo("process chat");
                assertThat(processed.getTraceId()).isEqualTo(TRACE_ID);
                assertThat(chat.received).as("the listener never sees the trace frame").containsExactly("hello");
            });
        });
    }

    private ApplicationContextRunner observed(String name, ObservationRegistry registry) {
        return this.runner.withPropertyValues(ZreTestProperties.loopback(name, this.beaconPort))
            .withPropertyValues("zre.listener.observation-enabled=true", "zre.template.observation-enabled=true")
            .withBean(ObservationRegistry.class, () -> registry);
    }

    private static void shoutWhenJoined(ApplicationContext from, ApplicationContext to) {
        awaitJoined(from, to);
        from.getBean(ZreOperations.class).shout("chat", "hello");
    }

    private static void awaitJoined(ApplicationContext from, ApplicationContext to) {
        await().atMost(DEADLINE)
            .until(() -> from.getBean(ZreNode.class).peersByGroup("chat").contains(to.getBean(ZreNode.class).uuid()));
    }

    private static ObservationRegistry tracing(SimpleTracer tracer) {
        TraceparentPropagator propagator = new TraceparentPropagator(tracer);
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig()
            .observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
                    new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
                    new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
                    new DefaultTracingObservationHandler(tracer)));
        return registry;
    }

    @Configuration(proxyBeanMethods = false)
    static class ChatConfiguration {

        @Bean
        Chat chat() {
            return new Chat();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class CustomConventions {

        @Bean
        ZreListenerObservationConvention chatListenerConvention() {
            return new DefaultZreListenerObservationConvention() {
                @Override
                public String getName() {
                    return "chat.received";
                }
            };
        }

    }

    static class Chat {

        final List<String> received = new CopyOnWriteArrayList<>();

        @ZreListener(id = "chat", groups = "chat")
        void onChat(String text) {
            this.received.add(text);
        }

    }

}
