package dev.zre.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zre.ZreEvent;
import dev.zre.ZreEventType;
import dev.zre.ZreNode;
import dev.zre.spring.LoopbackNodes;
import dev.zre.spring.autoconfigure.ZreListenerRegistryCustomizer;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.handler.annotation.support.MethodArgumentNotValidException;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.Validated;

/**
 * Failing listeners: retries, then a dead letter received by a real second node; {@code @Valid}
 * payloads; custom argument resolvers.
 */
class ZreListenerErrorsIntegrationTests extends AliceOnLoopbackTests {

    @Test
    void failedMessageIsRetriedThenShoutedAsADeadLetterWithItsError() {
        this.alice.withBean(Flaky.class)
            .withPropertyValues("zre.listener.retry.max-attempts=3", "zre.listener.retry.delay=10ms",
                    "zre.listener.retry.multiplier=2", "zre.listener.dead-letter.group=dlq")
            .run((context) -> {
                Flaky flaky = context.getBean(Flaky.class);
                UUID alice = context.getBean(ZreNode.class).uuid();
                LoopbackNodes.Started bob = this.nodes.start("bob", (config) -> config.group("dlq"));
                await().atMost(DEADLINE)
                    .until(() -> bob.node().peersByGroup("work").contains(alice)
                            && context.getBean(ZreNode.class).peersByGroup("dlq").contains(bob.node().uuid()));

                bob.node().shout("work", "recovers");
                bob.node().shout("work", "job-1");
                ZreEvent.Shout shout = bob.await(ZreEvent.Shout.class, (s) -> s.group().equals("dlq"), DEADLINE);
                ZreDeadLetter letter = ZreDeadLetter.of(shout.frames()).orElseThrow();
                assertThat(letter.listenerId()).isEqualTo("flaky");
                assertThat(letter.type()).isEqualTo(ZreEventType.SHOUT);
                assertThat(letter.peer()).isEqualTo(bob.node().uuid());
                assertThat(letter.group()).isEqualTo("work");
                assertThat(letter.error()).isEqualTo("java.lang.IllegalStateException: cannot do job-1");
                assertThat(letter.text()).isEqualTo("job-1");
                assertThat(flaky.attempts.get("job-1")).isEqualTo(3);
                // the one that succeeded on its second attempt was delivered and is no failure
                assertThat(flaky.done).containsExactly("recovers");
                assertThat(flaky.attempts.get("recovers")).isEqualTo(2);
                assertThat(context.getBean(ZreListenerRegistry.class).getListenerContainer("flaky").getFailures())
                    .isEqualTo(1);
            });
    }

    @Test
    void deadLettersCanBeReceivedByAListenerAndWhisperedToAPeer() {
        LoopbackNodes.Started carol = this.nodes.start("carol");
        this.alice.withBean(Flaky.class)
            .withPropertyValues("zre.listener.dead-letter.peer=" + carol.node().uuid())
            .run((context) -> {
                UUID alice = context.getBean(ZreNode.class).uuid();
                await().atMost(DEADLINE)
                    .until(() -> carol.node().peersByGroup("work").contains(alice)
                            && context.getBean(ZreNode.class).peers().contains(carol.node().uuid()));
                carol.node().shout("work", "job-2");
                ZreEvent.Whisper whisper = carol.await(ZreEvent.Whisper.class, (w) -> true, DEADLINE);
                assertThat(ZreDeadLetter.of(whisper.frames())).hasValueSatisfying((letter) -> {
                    assertThat(letter.text()).isEqualTo("job-2");
                    assertThat(letter.peer()).isEqualTo(carol.node().uuid());
                });
            });
    }

    @Test
    void validPayloadsAreValidatedAndCustomResolversResolveArguments() {
        this.alice.withBean(Orders.class)
            .withBean(Validator.class, QuantityValidator::new)
            .withBean(ZreListenerRegistryCustomizer.class,
                    () -> (registry) -> registry.setCustomArgumentResolvers(List.of(new TenantResolver())))
            .withBean("collectingErrorHandler", ZreListenerErrorHandler.class, () -> Orders.failures::add)
            .run((context) -> {
                Orders orders = context.getBean(Orders.class);
                UUID alice = context.getBean(ZreNode.class).uuid();
                LoopbackNodes.Started bob = this.nodes.start("bob", (config) -> config.header("X-TENANT", "acme"));
                await().atMost(DEADLINE)
                    .until(() -> bob.node().peersByGroup("orders").contains(alice)
                            && context.getBean(ZreNode.class).peers().contains(bob.node().uuid()));
                bob.node().shout("orders", "{\"id\":\"bad\",\"quantity\":-1}");
                bob.node().shout("orders", "{\"id\":\"good\",\"quantity\":1}");
                await().atMost(DEADLINE).until(() -> !orders.received.isEmpty());
                assertThat(orders.received).containsExactly("acme/acme:good");
                await().atMost(DEADLINE).until(() -> !Orders.failures.isEmpty());
                assertThat(Orders.failures.get(0).getCause()).isInstanceOf(MethodArgumentNotValidException.class)
                    .hasMessageContaining("quantity");
            });
    }

    static class Flaky {

        final java.util.Map<String, Integer> attempts = new java.util.concurrent.ConcurrentHashMap<>();

        final List<String> done = new CopyOnWriteArrayList<>();

        @ZreListener(id = "flaky", groups = "work")
        void work(String job) {
            int attempt = this.attempts.merge(job, 1, Integer::sum);
            if (job.equals("recovers") && attempt == 2) {
                this.done.add(job);
                return;
            }
            throw new IllegalStateException("cannot do " + job);
        }

    }

    record Order(String id, int quantity) {
    }

    record Tenant(String name) {
    }

    static class Orders {

        static final List<ZreListenerExecutionFailedException> failures = new CopyOnWriteArrayList<>();

        final List<String> received = new CopyOnWriteArrayList<>();

        final AtomicInteger calls = new AtomicInteger();

        @ZreListener(id = "orders", groups = "orders", errorHandler = "collectingErrorHandler")
        void onOrder(@Payload @Validated Order order, Tenant tenant, @Header("X-TENANT") String header) {
            this.received.add(tenant.name() + "/" + header + ":" + order.id());
        }

    }

    static class QuantityValidator implements Validator {

        @Override
        public boolean supports(Class<?> type) {
            return type == Order.class;
        }

        @Override
        public void validate(Object target, Errors errors) {
            if (((Order) target).quantity() < 0) {
                errors.rejectValue("quantity", "negative", "quantity must not be negative");
            }
        }

    }

    /** A custom argument: the tenant a peer announced in its X-TENANT header. */
    static class TenantResolver implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == Tenant.class;
        }

        @Override
        public @Nullable Object resolveArgument(MethodParameter parameter, Message<?> message) {
            Object tenant = message.getHeaders().get("X-TENANT");
            return (tenant != null) ? new Tenant(tenant.toString()) : null;
        }

    }

}
