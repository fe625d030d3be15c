package dev.zre.spring.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zre.PeerId;
import dev.zre.ZreConfig;
import dev.zre.ZreNode;
import dev.zre.spring.converter.SimpleZreMessageConverter;
import dev.zre.spring.converter.ZreMessageConverter;
import dev.zre.spring.core.ZreNodeLifecycle;
import dev.zre.spring.core.ZreOperations;
import dev.zre.spring.core.ZreTemplate;
import dev.zre.spring.listener.LoggingZreListenerErrorHandler;
import dev.zre.spring.listener.OverflowPolicy;
import dev.zre.spring.listener.ZreListener;
import dev.zre.spring.listener.ZreListenerAnnotationBeanPostProcessor;
import dev.zre.spring.listener.ZreListenerObserver;
import dev.zre.spring.listener.ZreListenerRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Observation of listeners and the template between two real nodes on loopback (plain contexts,
 * wired as zre-spring's README shows), and the trace context carried by the trace frame.
 */
class ZreObservationTests {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private final int beaconPort = ThreadLocalRandom.current().nextInt(20000, 30000);

    @Test
    void templateAndListenerInvocationsAreObserved() {
        TestObservationRegistry aliceObservations = TestObservationRegistry.create();
        TestObservationRegistry bobObservations = TestObservationRegistry.create();
        Chat chat = new Chat();
        try (AnnotationConfigApplicationContext alice = context("alice", aliceObservations, Settings.DEFAULT, chat);
                AnnotationConfigApplicationContext bob = context("bob", bobObservations, Settings.DEFAULT, new Chat())) {
            shoutWhenJoined(bob, alice, "hello");

            await().atMost(DEADLINE).untilAsserted(() -> TestObservationRegistryAssert.assertThat(aliceObservations)
                .hasObservationWithNameEqualTo("zre.listener.process")
                .that()
                .hasBeenStopped()
                .hasContextualNameEqualTo("process chat")
                .hasLowCardinalityKeyValue("messaging.system", "zre")
                .hasLowCardinalityKeyValue("messaging.operation", "process")
                .hasLowCardinalityKeyValue("zre.listener.id", "chat")
                .hasLowCardinalityKeyValue("zre.event.type", "shout")
                .hasHighCardinalityKeyValue("messaging.destination.name", "chat")
                .hasHighCardinalityKeyValue("zre.peer.id", PeerId.of(node(bob).uuid()).toString())
                .doesNotHaveError());
            TestObservationRegistryAssert.assertThat(bobObservations)
                .hasObservationWithNameEqualTo("zre.template.send")
                .that()
                .hasBeenStopped()
                .hasContextualNameEqualTo("send chat")
                .hasLowCardinalityKeyValue("messaging.operation", "send")
                .hasLowCardinalityKeyValue("zre.event.type", "shout")
                .hasHighCardinalityKeyValue("messaging.destination.name", "chat");
            assertThat(chat.texts()).containsExactly("hello");
        }
    }

    @Test
    void aFailingListenerEndsItsObservationWithTheError() {
        TestObservationRegistry aliceObservations = TestObservationRegistry.create();
        try (AnnotationConfigApplicationContext alice = context("alice", aliceObservations, Settings.DEFAULT, new Chat());
                AnnotationConfigApplicationContext bob = context("bob", ObservationRegistry.NOOP, Settings.DEFAULT,
                        new Chat())) {
            shoutWhenJoined(bob, alice, "boom");

            await().atMost(DEADLINE).untilAsserted(() -> TestObservationRegistryAssert.assertThat(aliceObservations)
                .hasObservationWithNameEqualTo("zre.listener.process")
                .that()
                .hasBeenStopped()
                .assertThatError()
                .hasMessage("boom"));
        }
    }

    @Test
    void conventionsCanBeReplaced() {
        TestObservationRegistry aliceObservations = TestObservationRegistry.create();
        TestObservationRegistry bobObservations = TestObservationRegistry.create();
        Settings custom = new Settings(false, new DefaultZreListenerObservationConvention() {
            @Override
            public String getName() {
                return "chat.received";
            }
        }, new DefaultZreTemplateObservationConvention() {
            @Override
            public String getName() {
                return "chat.sent";
            }
        });
        try (AnnotationConfigApplicationContext alice = context("alice", aliceObservations, custom, new Chat());
                AnnotationConfigApplicationContext bob = context("bob", bobObservations, custom, new Chat())) {
            shoutWhenJoined(bob, alice, "hello");

            await().atMost(DEADLINE).untilAsserted(() -> TestObservationRegistryAssert.assertThat(aliceObservations)
                .hasObservationWithNameEqualTo("chat.received")
                .that()
                .hasBeenStopped()
                .hasLowCardinalityKeyValue("zre.listener.id", "chat"));
            TestObservationRegistryAssert.assertThat(bobObservations)
                .hasObservationWithNameEqualTo("chat.sent")
                .that()
                .hasBeenStopped();
        }
    }

    @Test
    void theTraceContinuesOnTheOtherNodeWithTheTraceFrame() {
        SimpleTracer aliceTracer = new SimpleTracer();
        SimpleTracer bobTracer = new SimpleTracer();
        Chat chat = new Chat();
        Settings traceFrame = new Settings(true, null, null);
        try (AnnotationConfigApplicationContext alice = context("alice", tracing(aliceTracer), traceFrame, chat);
                AnnotationConfigApplicationContext bob = context("bob", tracing(bobTracer), traceFrame, new Chat())) {
            shoutInTrace(bob, alice);

            await().atMost(DEADLINE).until(() -> !chat.received.isEmpty() && !aliceTracer.getSpans().isEmpty());
            SimpleSpan sent = sendSpan(bobTracer);
            SimpleSpan processed = aliceTracer.getSpans().getFirst();
            assertThat(sent.getTraceId()).isEqualTo(TRACE_ID);
            assertThat(processed.getTraceId()).as("alice's span continues bob's trace").isEqualTo(TRACE_ID);
            assertThat(processed.getParentId()).as("bob's send span is the parent").isEqualTo(sent.getSpanId());
            assertThat(chat.received.get(0)).as("the trace frame is gone before the listener").hasSize(1);
            assertThat(chat.texts()).containsExactly("hello");
        }
    }

    @Test
    void withoutTheTraceFrameMessagesAreUnchangedAndTheTraceStaysOnTheSender() {
        SimpleTracer aliceTracer = new SimpleTracer();
        SimpleTracer bobTracer = new SimpleTracer();
        Chat chat = new Chat();
        try (AnnotationConfigApplicationContext alice = context("alice", tracing(aliceTracer), Settings.DEFAULT, chat);
                AnnotationConfigApplicationContext bob = context("bob", tracing(bobTracer), Settings.DEFAULT,
                        new Chat())) {
            shoutInTrace(bob, alice);

            await().atMost(DEADLINE).until(() -> !chat.received.isEmpty() && !aliceTracer.getSpans().isEmpty());
            assertThat(sendSpan(bobTracer).getTraceId()).isEqualTo(TRACE_ID);
            assertThat(aliceTracer.getSpans().getFirst().getTraceId()).isNotEqualTo(TRACE_ID);
            assertThat(chat.received.get(0)).as("no frame was added").hasSize(1);
        }
    }

    @Test
    void aTraceFrameReachesListenersThatDoNotStripIt() {
        SimpleTracer bobTracer = new SimpleTracer();
        Chat chat = new Chat();
        try (AnnotationConfigApplicationContext alice = context("alice", ObservationRegistry.NOOP, Settings.DEFAULT, chat);
                AnnotationConfigApplicationContext bob = context("bob", tracing(bobTracer), new Settings(true, null, null),
                        new Chat())) {
            shoutInTrace(bob, alice);

            // what a zyre or Pyre peer sees: the payload, then the trace frame
            await().atMost(DEADLINE).until(() -> !chat.received.isEmpty());
            List<byte[]> frames = chat.received.get(0);
            assertThat(frames).hasSize(2);
            assertThat(new String(frames.get(1), StandardCharsets.UTF_8))
                .startsWith("ZRE-TRACE/1\ntraceparent=00-" + TRACE_ID + "-");
        }
    }

    private static SimpleSpan sendSpan(SimpleTracer tracer) {
        return tracer.getSpans()
            .stream()
            .filter((span) -> "send chat".equals(span.getName()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no send span in " + tracer.getSpans()));
    }

    /**
     * Shouts "hello" from bob while bob handles a request of a known trace (the request's observation
     * is the send's parent; SimpleTracer makes no trace ids of its own).
     */
    private static void shoutInTrace(AnnotationConfigApplicationContext bob, AnnotationConfigApplicationContext alice) {
        awaitJoined(bob, alice);
        ReceiverContext<Map<String, String>> request = new ReceiverContext<>((carrier, key) -> carrier.get(key));
        request.setCarrier(Map.of("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01"));
        Observation.createNotStarted("request", () -> request, bob.getBean(ObservationRegistry.class))
            .observe(() -> bob.getBean(ZreOperations.class).shout("chat", "hello"));
    }

    private static void shoutWhenJoined(AnnotationConfigApplicationContext from, AnnotationConfigApplicationContext to,
            String text) {
        awaitJoined(from, to);
        from.getBean(ZreOperations.class).shout("chat", text);
    }

    private static void awaitJoined(AnnotationConfigApplicationContext from, AnnotationConfigApplicationContext to) {
        await().atMost(DEADLINE).until(() -> node(from).peersByGroup("chat").contains(node(to).uuid()));
    }

    private static ZreNode node(AnnotationConfigApplicationContext context) {
        return context.getBean(ZreNode.class);
    }

    private static ObservationRegistry tracing(SimpleTracer tracer) {
        Propagator propagator = new TraceparentPropagator(tracer);
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig()
            .observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
                    new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
                    new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
                    new DefaultTracingObservationHandler(tracer)));
        return registry;
    }

    private AnnotationConfigApplicationContext context(String name, ObservationRegistry registry, Settings settings,
            Chat chat) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.registerBean(ZreConfig.class, () -> ZreConfig.builder()
            .name(name)
            .networkInterface(ZreConfig.LOOPBACK)
            .beaconPort(this.beaconPort)
            .beaconInterval(Duration.ofMillis(100))
            .build());
        context.registerBean(ObservationRegistry.class, () -> registry);
        context.registerBean(Settings.class, () -> settings);
        context.registerBean(Chat.class, () -> chat);
        context.register(ObservedZreConfiguration.class);
        context.refresh();
        return context;
    }

    /** Trace frame on or off, and conventions replacing the defaults. */
    record Settings(boolean traceFrame, @Nullable ZreListenerObservationConvention listenerConvention,
            @Nullable ZreTemplateObservationConvention templateConvention) {

        static final Settings DEFAULT = new Settings(false, null, null);

    }

    /** zre-spring's README wiring, with the observation interceptors set. */
    @Configuration(proxyBeanMethods = false)
    static class ObservedZreConfiguration {

        @Bean
        ZreNode zreNode(ZreConfig config) {
            return new ZreNode(config);
        }

        @Bean
        ZreNodeLifecycle zreNodeLifecycle(ZreNode node) {
            return new ZreNodeLifecycle(node, true, Duration.ofMillis(500));
        }

        @Bean
        ZreMessageConverter zreMessageConverter() {
            return new SimpleZreMessageConverter();
        }

        @Bean
        ZreTemplate zreTemplate(ZreNode node, ZreMessageConverter converter, ObservationRegistry registry,
                Settings settings) {
            ZreTemplate template = new ZreTemplate(node, converter);
            template.setInterceptor(new ZreTemplateObservationInterceptor(registry, settings.templateConvention(),
                    settings.traceFrame()));
            return template;
        }

        @Bean
        static ZreListenerAnnotationBeanPostProcessor zreListenerAnnotationBeanPostProcessor() {
            return new ZreListenerAnnotationBeanPostProcessor();
        }

        @Bean
        ZreListenerRegistry zreListenerRegistry(ZreNode node, ZreMessageConverter converter,
                ObservationRegistry registry, Settings settings) {
            ZreListenerRegistry listeners = new ZreListenerRegistry(node, converter,
                    new LoggingZreListenerErrorHandler(), () -> ZreListenerObserver.NONE, 1000,
                    OverflowPolicy.DROP_NEWEST, Duration.ofSeconds(5));
            listeners.setInterceptor(new ZreListenerObservationInterceptor(registry, settings.listenerConvention(),
                    settings.traceFrame()));
            return listeners;
        }

    }

    /** Receives the frames of every SHOUT to 'chat'; "boom" throws. */
    static class Chat {

        final List<List<byte[]>> received = new CopyOnWriteArrayList<>();

        @ZreListener(id = "chat", groups = "chat")
        void onChat(List<byte[]> frames) {
            this.received.add(frames);
            if ("boom".equals(new String(frames.get(0), StandardCharsets.UTF_8))) {
                throw new IllegalStateException("boom");
            }
        }

        List<String> texts() {
            return this.received.stream()
                .map((frames) -> new String(frames.get(0), StandardCharsets.UTF_8))
                .toList();
        }

    }

}
