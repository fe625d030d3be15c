package dev.zre.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zre.ZreEvent;
import dev.zre.ZreEventType;
import dev.zre.ZreNode;
import dev.zre.spring.LoopbackNodes;
import dev.zre.spring.converter.JacksonZreMessageConverter;
import dev.zre.spring.core.ZreOperations;
import dev.zre.spring.core.ZreReply;
import dev.zre.spring.core.ZreRequestFailedException;
import dev.zre.spring.core.ZreTemplate;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.messaging.handler.annotation.SendTo;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replies of listener methods ({@code @ZreSendTo}, futures) and request/reply between an application
 * (alice) and a plain node (bob) with a template of its own, on loopback.
 */
class ZreListenerRepliesIntegrationTests extends AliceOnLoopbackTests {

    private final ApplicationContextRunner server = this.alice.withBean(Server.class);

    @Test
    void returnValuesAreShoutedToSendToGroupsAndFuturesAreSentWhenTheyComplete() {
        this.server.run((context) -> {
            UUID alice = context.getBean(ZreNode.class).uuid();
            LoopbackNodes.Started bob = this.nodes.start("bob", (config) -> config.group("receipts"));
            await().atMost(DEADLINE)
                .until(() -> context.getBean(ZreNode.class).peersByGroup("receipts").contains(bob.node().uuid())
                        && bob.node().peersByGroup("orders").contains(alice)
                        && bob.node().peersByGroup("later").contains(alice));

            bob.node().shout("orders", "o-1");
            // @ZreSendTo and spring-messaging's @SendTo both shout to the group, as alice
            List<ZreEvent> receipts = bob.collect(
                    (event) -> event instanceof ZreEvent.Shout shout && shout.group().equals("receipts"), 2, DEADLINE);
            assertThat(receipts).map((event) -> ((ZreEvent.Shout) event).text())
                .containsExactlyInAnyOrder("receipt:o-1", "audit:o-1");
            assertThat(receipts).allMatch((event) -> ((ZreEvent.Shout) event).peer().equals(alice));

            bob.node().shout("later", "x");
            ZreEvent.Whisper answer = bob.await(ZreEvent.Whisper.class, (whisper) -> true, DEADLINE);
            assertThat(answer.text()).isEqualTo("later:x"); // the future's value, not the future as JSON
        });
    }

    @Test
    void requestIsAnsweredByTheListenersReturnValue() {
        this.server.run((context) -> {
            UUID alice = context.getBean(ZreNode.class).uuid();
            ZreTemplate bob = bobTemplate(context.getBean(ZreNode.class));
            assertThat(bob.request(alice, "hello", String.class, DEADLINE).get()).isEqualTo("echo:hello");
            assertThat(bob.request(alice, new Order("o-7", 2), Receipt.class, DEADLINE).get())
                .isEqualTo(new Receipt("o-7", 2));
            ZreReply raw = bob.request(alice, "raw", DEADLINE).get();
            assertThat(raw.peer()).isEqualTo(alice);
            assertThat(raw.text()).isEqualTo("echo:raw");
            assertThat(bob.getPendingRequests()).isZero();
        });
    }

    @Test
    void requestTimesOutAndItsLateReplyIsCounted() {
        this.server.run((context) -> {
            Server server = context.getBean(Server.class);
            UUID alice = context.getBean(ZreNode.class).uuid();
            ZreTemplate bob = bobTemplate(context.getBean(ZreNode.class));
            long lateBefore = bob.getLateReplies(); // a warm-up reply may have been late too
            CompletableFuture<String> reply = bob.request(alice, "slow", String.class, Duration.ofMillis(200));
            await().atMost(DEADLINE).until(reply::isDone);
            assertThat(reply).failsWithin(Duration.ZERO).withThrowableThat().havingCause().isInstanceOf(TimeoutException.class);
            assertThat(bob.getPendingRequests()).isZero();
            server.slow.complete("too late");
            await().atMost(DEADLINE).until(() -> bob.getLateReplies() > lateBefore);
        });
    }

    @Test
    void requestFailsWhenTheListenerFailsAndAtOnceWhenThePeerLeaves() {
        this.server.run((context) -> {
            UUID alice = context.getBean(ZreNode.class).uuid();
            ZreTemplate bob = bobTemplate(context.getBean(ZreNode.class));
            CompletableFuture<String> failed = bob.request(alice, "fail", String.class, DEADLINE);
            assertThat(failed).failsWithin(DEADLINE)
                .withThrowableThat()
                .havingCause()
                .isInstanceOf(ZreRequestFailedException.class)
                .withMessageContaining("IllegalStateException: cannot");

            CompletableFuture<String> unanswered = bob.request(alice, "never", String.class, Duration.ofMinutes(5));
            context.close(); // alice leaves
            assertThat(unanswered).failsWithin(DEADLINE)
                .withThrowableThat()
                .havingCause()
                .isInstanceOf(ZreRequestFailedException.class)
                .withMessageContaining("left");
            assertThat(bob.request(UUID.randomUUID(), "anyone?", DEADLINE)).isCompletedExceptionally();
        });
    }

    @Test
    void aPeerAnswersTheEnvelopeByHand() {
        this.server.run((context) -> {
            ZreOperations zre = context.getBean(ZreOperations.class);
            LoopbackNodes.Started bob = this.nodes.start("bob");
            UUID alice = context.getBean(ZreNode.class).uuid();
            await().atMost(DEADLINE).until(() -> context.getBean(ZreNode.class).peers().contains(bob.node().uuid())
                    && bob.node().peers().contains(alice));
            CompletableFuture<String> reply = zre.request(bob.node().uuid(), "ping", String.class, DEADLINE);
            // what a zyre, Pyre or zyre.js peer does: frames "$ZRE-REQUEST", id, payload -> "$ZRE-REPLY", id, answer
            ZreEvent.Whisper request = bob.await(ZreEvent.Whisper.class, (whisper) -> true, DEADLINE);
            assertThat(new String(request.frames().get(0), StandardCharsets.US_ASCII)).isEqualTo("$ZRE-REQUEST");
            assertThat(new String(request.frames().get(2), StandardCharsets.UTF_8)).isEqualTo("ping");
            bob.node().whisper(alice, "$ZRE-REPLY".getBytes(StandardCharsets.US_ASCII), request.frames().get(1),
                    "pong".getBytes(StandardCharsets.UTF_8));
            assertThat(reply.get()).isEqualTo("pong");
        });
    }

    /** A template on a plain node that alice and it have both seen enter. */
    private ZreTemplate bobTemplate(ZreNode alice) {
        ZreNode bob = this.nodes.start("bob").node();
        await().atMost(DEADLINE).until(() -> bob.peers().contains(alice.uuid()) && alice.peers().contains(bob.uuid()));
        return new ZreTemplate(bob, new JacksonZreMessageConverter(JsonMapper.builder().build()));
    }

    record Order(String id, int quantity) {
    }

    record Receipt(String order, int items) {
    }

    static class Server {

        final CompletableFuture<String> slow = new CompletableFuture<>();

        @ZreListener(id = "orders", groups = "orders")
        @ZreSendTo("${test.receipts-group:receipts}")
        String onOrder(String order) {
            return "receipt:" + order;
        }

        @ZreListener(id = "audit", groups = "orders")
        @SendTo("receipts")
        String audit(String order) {
            return "audit:" + order;
        }

        @ZreListener(id = "later", groups = "later")
        CompletableFuture<String> later(String text) {
            return CompletableFuture.supplyAsync(() -> "later:" + text);
        }

        @ZreListener(id = "server", events = ZreEventType.WHISPER)
        Object serve(String text) {
            return switch (text) {
                case "slow" -> this.slow;
                case "never" -> new CompletableFuture<String>();
                case "fail" -> throw new IllegalStateException("cannot");
                default -> text.startsWith("{") ? receipt(text) : "echo:" + text;
            };
        }

        private static Receipt receipt(String json) {
            Order order = JsonMapper.builder().build().readValue(json, Order.class);
            return new Receipt(order.id(), order.quantity());
        }

    }

}
