package dev.zre.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zre.ZreConfig;
import dev.zre.ZreEvent;
import dev.zre.ZreEventType;
import dev.zre.ZreNode;
import dev.zre.spring.converter.JacksonZreMessageConverter;
import dev.zre.spring.converter.ZreMessageConverter;
import dev.zre.spring.core.ZreNodeLifecycle;
import dev.zre.spring.core.ZreOperations;
import dev.zre.spring.core.ZreTemplate;
import dev.zre.spring.event.ZreApplicationEventBridge;
import dev.zre.spring.listener.LoggingZreListenerErrorHandler;
import dev.zre.spring.listener.OverflowPolicy;
import dev.zre.spring.listener.ZreListener;
import dev.zre.spring.listener.ZreListenerAnnotationBeanPostProcessor;
import dev.zre.spring.listener.ZreListenerObserver;
import dev.zre.spring.listener.ZreListenerRegistry;
import dev.zre.spring.listener.ZrePeer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * zre-spring in plain application contexts, wired by hand as its README shows: two contexts in one
 * JVM, each with a real node on loopback, talking to each other.
 */
class ZreSpringWithoutBootTests {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final int beaconPort = ThreadLocalRandom.current().nextInt(20000, 30000);

    @Test
    void springBootIsNotOnTheClasspath() {
        assertThat(ClassUtils.isPresent("org.springframework.boot.SpringApplication", null)).isFalse();
    }

    @Test
    void listenersTemplateAndEventBridgeWorkInAPlainContext() throws Exception {
        try (AnnotationConfigApplicationContext alice = context("alice", Alice.class);
                AnnotationConfigApplicationContext bob = context("bob", Bob.class)) {
            ZreNode aliceNode = alice.getBean(ZreNode.class);
            ZreNode bobNode = bob.getBean(ZreNode.class);
            // alice's node joined the group of her listener
            await().atMost(DEADLINE).until(() -> bobNode.peersByGroup("chat").contains(aliceNode.uuid()));
            assertThat(bob.getBean(Bob.class).entered.poll(DEADLINE.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo("alice");

            bob.getBean(ZreOperations.class).shout("chat", new Greeting("hello"));

            assertThat(alice.getBean(Alice.class).greetings.poll(DEADLINE.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo("bob: hello");
            assertThat(bob.getBean(Bob.class).replies.poll(DEADLINE.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo("thanks, bob");
        }
    }

    private AnnotationConfigApplicationContext context(String name, Class<?> listeners) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.registerBean(ZreConfig.class, () -> ZreConfig.builder()
            .name(name)
            .networkInterface(ZreConfig.LOOPBACK)
            .beaconPort(this.beaconPort)
            .beaconInterval(Duration.ofMillis(100))
            .build());
        context.register(ZreConfiguration.class, listeners);
        context.refresh();
        return context;
    }

    record Greeting(String text) {
    }

    /** The wiring of the README, with the node's settings from a {@link ZreConfig} bean. */
    @Configuration(proxyBeanMethods = false)
    static class ZreConfiguration {

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
            return new JacksonZreMessageConverter(JsonMapper.builder().build());
        }

        @Bean
        ZreTemplate zreTemplate(ZreNode node, ZreMessageConverter converter) {
            return new ZreTemplate(node, converter);
        }

        @Bean
        static ZreListenerAnnotationBeanPostProcessor zreListenerAnnotationBeanPostProcessor() {
            return new ZreListenerAnnotationBeanPostProcessor();
        }

        @Bean
        ZreListenerRegistry zreListenerRegistry(ZreNode node, ZreMessageConverter converter) {
            return new ZreListenerRegistry(node, converter, new LoggingZreListenerErrorHandler(),
                    () -> ZreListenerObserver.NONE, 1000, OverflowPolicy.DROP_NEWEST, Duration.ofSeconds(5));
        }

        @Bean
        ZreApplicationEventBridge zreApplicationEventBridge(ZreNode node, ApplicationEventPublisher publisher) {
            return new ZreApplicationEventBridge(node, publisher, 1000, OverflowPolicy.DROP_NEWEST,
                    Duration.ofSeconds(5));
        }

    }

    static class Alice {

        final BlockingQueue<String> greetings = new LinkedBlockingQueue<>();

        @ZreListener(groups = "chat")
        String onGreeting(Greeting greeting, ZrePeer from) {
            this.greetings.add(from.name() + ": " + greeting.text());
            return "thanks, " + from.name();
        }

    }

    static class Bob {

        final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

        final BlockingQueue<String> entered = new LinkedBlockingQueue<>();

        @ZreListener(events = ZreEventType.WHISPER)
        void onReply(String text) {
            this.replies.add(text);
        }

        @EventListener
        void onEnter(ZreEvent.Enter enter) {
            this.entered.add(enter.peerName());
        }

    }

}
