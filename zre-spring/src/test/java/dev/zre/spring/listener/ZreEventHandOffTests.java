package dev.zre.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zre.ExitReason;
import dev.zre.ZreEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ZreEventHandOffTests {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private static final UUID PEER = UUID.randomUUID();

    private final CountDownLatch gate = new CountDownLatch(1);

    private final List<ZreEvent> consumed = new CopyOnWriteArrayList<>();

    private ZreEventHandOff handOff;

    @AfterEach
    void stop() {
        this.gate.countDown();
        if (this.handOff != null) {
            this.handOff.stop(DEADLINE);
        }
    }

    /** A hand-off whose consumer waits for the gate after taking the first event. */
    private ZreEventHandOff gated(int capacity, OverflowPolicy policy) {
        this.handOff = new ZreEventHandOff("test", capacity, policy, (event) -> {
            try {
                this.gate.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            this.consumed.add(event);
        });
        this.handOff.start();
        return this.handOff;
    }

    private static ZreEvent.Shout shout(String text) {
        return new ZreEvent.Shout(PEER, "peer", "g", List.of(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> texts(List<ZreEvent> events) {
        return events.stream()
            .filter(ZreEvent.Shout.class::isInstance)
            .map((event) -> ((ZreEvent.Shout) event).text())
            .toList();
    }

    /** Offers the first event and waits until the consumer holds it (so the queue is empty again). */
    private void occupyConsumer(ZreEventHandOff handOff) {
        handOff.offer(shout("first"));
        await().atMost(DEADLINE).until(() -> handOff.getQueued() == 0);
    }

    @Test
    void dropNewestDiscardsArrivingMessagesAndCountsThem() {
        ZreEventHandOff handOff = gated(2, OverflowPolicy.DROP_NEWEST);
        occupyConsumer(handOff);
        assertThat(handOff.offer(shout("a"))).isTrue();
        assertThat(handOff.offer(shout("b"))).isTrue();
        assertThat(handOff.offer(shout("c"))).isFalse();
        assertThat(handOff.getDropped()).isEqualTo(1);
        this.gate.countDown();
        await().atMost(DEADLINE).until(() -> this.consumed.size() == 3);
        assertThat(texts(this.consumed)).containsExactly("first", "a", "b");
    }

    @Test
    void dropOldestDiscardsTheOldestQueuedMessage() {
        ZreEventHandOff handOff = gated(2, OverflowPolicy.DROP_OLDEST);
        occupyConsumer(handOff);
        handOff.offer(shout("a"));
        handOff.offer(shout("b"));
        assertThat(handOff.offer(shout("c"))).isTrue();
        assertThat(handOff.getDropped()).isEqualTo(1);
        this.gate.countDown();
        await().atMost(DEADLINE).until(() -> this.consumed.size() == 3);
        assertThat(texts(this.consumed)).containsExactly("first", "b", "c");
    }

    @Test
    void membershipEventsAreNeverDropped() {
        ZreEventHandOff handOff = gated(1, OverflowPolicy.DROP_NEWEST);
        occupyConsumer(handOff);
        handOff.offer(shout("a"));
        for (int i = 0; i < 50; i++) {
            assertThat(handOff.offer(new ZreEvent.Join(PEER, "peer", "g" + i))).isTrue();
        }
        assertThat(handOff.offer(new ZreEvent.Exit(PEER, "peer", ExitReason.LEFT))).isTrue();
        assertThat(handOff.offer(shout("dropped"))).isFalse();
        this.gate.countDown();
        await().atMost(DEADLINE).until(() -> this.consumed.size() == 53);
        assertThat(this.consumed.get(this.consumed.size() - 1)).isInstanceOf(ZreEvent.Exit.class);
    }

    @Test
    void blockWaitsForRoomInsteadOfDropping() throws Exception {
        ZreEventHandOff handOff = gated(1, OverflowPolicy.BLOCK);
        occupyConsumer(handOff);
        handOff.offer(shout("a"));
        Thread producer = new Thread(() -> handOff.offer(shout("b")));
        producer.start();
        await().atMost(DEADLINE).until(() -> producer.getState() == Thread.State.TIMED_WAITING
                || producer.getState() == Thread.State.WAITING);
        this.gate.countDown();
        producer.join(DEADLINE.toMillis());
        await().atMost(DEADLINE).until(() -> this.consumed.size() == 3);
        assertThat(texts(this.consumed)).containsExactly("first", "a", "b");
        assertThat(handOff.getDropped()).isZero();
    }

    @Test
    void eventsAreConsumedInOrderAndAFailingConsumerDoesNotStopDelivery() {
        List<String> seen = new CopyOnWriteArrayList<>();
        this.handOff = new ZreEventHandOff("failing", 100, OverflowPolicy.DROP_NEWEST, (event) -> {
            String text = ((ZreEvent.Shout) event).text();
            if (text.equals("bad")) {
                throw new IllegalStateException("bad");
            }
            seen.add(text);
        });
        this.handOff.start();
        for (String text : List.of("1", "bad", "2", "3")) {
            this.handOff.offer(shout(text));
        }
        await().atMost(DEADLINE).until(() -> seen.size() == 3);
        assertThat(seen).containsExactly("1", "2", "3");
    }

    @Test
    void stopDeliversTheEventsAlreadyQueued() {
        ZreEventHandOff handOff = gated(10, OverflowPolicy.DROP_NEWEST);
        handOff.offer(shout("a"));
        handOff.offer(new ZreEvent.Enter(PEER, "peer", Map.of(), "tcp://127.0.0.1:1"));
        this.gate.countDown();
        handOff.stop(DEADLINE);
        assertThat(this.consumed).hasSize(2);
        assertThat(handOff.offer(shout("late"))).isFalse();
    }

}
