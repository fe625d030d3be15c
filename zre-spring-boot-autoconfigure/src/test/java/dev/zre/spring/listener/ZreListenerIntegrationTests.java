package dev.zre.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zre.ExitReason;
import dev.zre.ZreEvent;
import dev.zre.ZreEventType;
import dev.zre.ZreNode;
import dev.zre.spring.ZreTestProperties;
import dev.zre.spring.autoconfigure.ZreAutoConfiguration;
import dev.zre.spring.core.ZreOperations;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Payload;

/**
 * Two application contexts in one JVM, each with a real node on loopback, talking to each other.
 */
class ZreListenerIntegrationTests {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final int beaconPort = ZreTestProperties.randomBeaconPort();

    private final ApplicationContextRunner alice = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ZreAutoConfiguration.class))
        .withUserConfiguration(AliceConfiguration.class)
        .withPropertyValues(ZreTestProperties.loopback("alice", this.beaconPort))
        .withPropertyValues("test.chat-group=chat", "zre.headers.X-ROLE=receiver");

    private final ApplicationContextRunner bob = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ZreAutoConfiguration.class))
        .withUserConfiguration(BobConfiguration.class)
        .withPropertyValues(ZreTestProperties.loopback("bob", this.beaconPort))
        .withPropertyValues("zre.headers.X-ROLE=sender");

    @Test
    void twoApplicationsExchangeShoutsWhispersAndReplies() {
        this.alice.run((aliceContext) -> {
            AliceListeners listeners = aliceContext.getBean(AliceListeners.class);
            ZreNode aliceNode = aliceContext.getBean(ZreNode.class);
            UUID[] bobUuid = new UUID[1];
            this.bob.run((bobContext) -> {
                ZreNode bobNode = bobContext.getBean(ZreNode.class);
                bobUuid[0] = bobNode.uuid();
                ZreOperations bob = bobContext.getBean(ZreOperations.class);
                BobListeners bobListeners = bobContext.getBean(BobListeners.class);
                // alice joined the groups of her listeners (placeholder and SpEL resolved)
                await().atMost(DEADLINE)
                    .until(() -> bobNode.peersByGroup("chat").contains(aliceNode.uuid())
                            && bobNode.peersByGroup("orders").contains(aliceNode.uuid())
                            && bobNode.peersByGroup("fragile").contains(aliceNode.uuid()));

                // a String payload with peer and group, through a placeholder group
                bob.shout("chat", "hello alice");
                Received chat = listeners.chat.poll(DEADLINE.toSeconds(), TimeUnit.SECONDS);
                assertThat(chat).isNotNull();
                assertThat(chat.text()).isEqualTo("hello alice");
                assertThat(chat.group()).isEqualTo("chat");
                assertThat(chat.peer().uuid()).isEqualTo(bobNode.uuid());
                assertThat(chat.peer().name()).isEqualTo("bob");
                assertThat(chat.peer().header("X-ROLE")).isEqualTo("sender");
                assertThat(chat.role()).isEqualTo("sender");
                assertThat(listeners.messagingStyle.poll(DEADLINE.toSeconds(), TimeUnit.SECONDS))
                    .isEqualTo("sender:hello alice");

                // a JSON record, through a SpEL group
                bob.shout("orders", new Order("o-1", 3));
                assertThat(listeners.orders.poll(DEADLINE.toSeconds(), TimeUnit.SECONDS))
                    .isEqualTo(new Order("o-1", 3));

                // a whisper answered by the listener's return value
                bob.whisper(aliceNode.uuid(), "ping");
                assertThat(bobListeners.replies.poll(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("echo:ping");

                // an exception in one message does not stop the next
                bob.shout("fragile", "boom");
                bob.shout("fragile", "fine");
                assertThat(listeners.fragile.poll(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("fine");
                await().atMost(DEADLINE).until(() -> !listeners.failures.isEmpty());
                assertThat(listeners.failures.get(0).getListenerId()).isEqualTo("fragile");
                assertThat(listeners.failures.get(0).getCause()).hasMessage("boom");

                // group filters: the chat and fragile shouts never reached the orders listener
                assertThat(listeners.orders).isEmpty();
                assertThat(listeners.chat).isEmpty();

                // @EventListener sees ENTER, also when typed on the record
                await().atMost(DEADLINE)
                    .until(() -> listeners.events.stream()
                        .anyMatch((e) -> e instanceof ZreEvent.Enter enter && enter.peer().equals(bobNode.uuid())));
                await().atMost(DEADLINE).until(() -> listeners.entered.contains(bobNode.uuid()));
            });
            // @EventListener sees bob's EXIT after his context closed
            await().atMost(DEADLINE)
                .until(() -> listeners.events.stream()
                    .anyMatch((e) -> e instanceof ZreEvent.Exit exit && exit.peer().equals(bobUuid[0])
                            && exit.reason() == ExitReason.LEFT));
            // and bob said LEAVE for his groups before he left
            assertThat(listeners.events).anyMatch((e) -> e instanceof ZreEvent.Leave leave
                    && leave.peer().equals(bobUuid[0]) && leave.group().equals("bob-group"));
            // membership events of one peer arrive in order
            List<ZreEventType> bobEvents = listeners.events.stream()
                .filter((e) -> e instanceof ZreEvent.PeerEvent p && p.peer().equals(bobUuid[0]))
                .map(ZreEvent::type)
                .filter(ZreEventType::isMembership)
                .toList();
            assertThat(bobEvents.get(0)).isEqualTo(ZreEventType.ENTER);
            assertThat(bobEvents.get(bobEvents.size() - 1)).isEqualTo(ZreEventType.EXIT);
        });
    }

    record Order(String id, int quantity) {
    }

    record Received(String text, ZrePeer peer, String group, String role) {
    }

    static class AliceListeners {

        final BlockingQueue<Received> chat = new LinkedBlockingQueue<>();

        final BlockingQueue<Order> orders = new LinkedBlockingQueue<>();

        final BlockingQueue<String> fragile = new LinkedBlockingQueue<>();

        final List<ZreListenerExecutionFailedException> failures = new CopyOnWriteArrayList<>();

        final List<ZreEvent> events = new CopyOnWriteArrayList<>();

        @ZreListener(groups = "${test.chat-group}")
        void onChat(String text, ZrePeer peer, @ZreGroup String group, @ZreHeader("X-ROLE") String role) {
            this.chat.add(new Received(text, peer, group, role));
        }

        final BlockingQueue<String> messagingStyle = new LinkedBlockingQueue<>();

        @ZreListener(id = "messaging-style", groups = "chat")
        void onChatMessagingStyle(@Payload String text, @Header("X-ROLE") String role) {
            this.messagingStyle.add(role + ":" + text);
        }

        @ZreListener(groups = "#{'ord' + 'ers'}")
        void onOrder(Order order) {
            this.orders.add(order);
        }

        @ZreListener(events = ZreEventType.WHISPER)
        String echo(String text) {
            return "echo:" + text;
        }

        @ZreListener(id = "fragile", groups = "fragile", errorHandler = "collectingErrorHandler")
        void onFragile(String text) {
            if (text.equals("boom")) {
                throw new IllegalStateException("boom");
            }
            this.fragile.add(text);
        }

        final List<UUID> entered = new CopyOnWriteArrayList<>();

        @EventListener
        void onZreEvent(ZreEvent event) {
            this.events.add(event);
        }

        @EventListener
        void onEnter(ZreEvent.Enter enter) {
            this.entered.add(enter.peer());
        }

    }

    static class BobListeners {

        final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

        @ZreListener(id = "replies", events = ZreEventType.WHISPER)
        void onReply(String text) {
            this.replies.add(text);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class AliceConfiguration {

        @Bean
        AliceListeners aliceListeners() {
            return new AliceListeners();
        }

        @Bean
        ZreListenerErrorHandler collectingErrorHandler(AliceListeners listeners) {
            return listeners.failures::add;
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class BobConfiguration {

        @Bean
        BobListeners bobListeners() {
            return new BobListeners();
        }

        @Bean
        dev.zre.spring.autoconfigure.ZreNodeCustomizer bobGroups() {
            return (builder) -> builder.group("bob-group");
        }

    }

}
