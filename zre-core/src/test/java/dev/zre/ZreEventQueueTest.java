package dev.zre;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.zre.ZreEventQueue.Overflow;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The queue between an event's producer and a slower consumer: what it drops, counts and keeps. */
class ZreEventQueueTest {

    private static final Duration DEADLINE = Duration.ofSeconds(5);
    private static final UUID PEER = UUID.randomUUID();

    private final AtomicInteger reported = new AtomicInteger();

    private ZreEventQueue queue(int capacity, Overflow overflow) {
        return new ZreEventQueue(capacity, overflow, reported::incrementAndGet);
    }

    private static ZreEvent.Shout shout(String text) {
        return new ZreEvent.Shout(PEER, "peer", "g", List.of(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static ZreEvent.Join join(int i) {
        return new ZreEvent.Join(PEER, "peer", "g" + i);
    }

    private static List<ZreEvent> drain(ZreEventQueue queue) {
        List<ZreEvent> events = new ArrayList<>();
        for (ZreEvent e; (e = queue.poll()) != null; ) {
            events.add(e);
        }
        return events;
    }

    /** Runs {@code call} on a thread of its own, which completes {@code result}. */
    private static <T> Thread inThread(Callable<T> call, CompletableFuture<T> result) {
        Thread thread = new Thread(() -> {
            try {
                result.complete(call.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        }, "worker");
        thread.start();
        return thread;
    }

    private static void awaitWaiting(Thread thread) throws InterruptedException {
        TestNodes.eventually(DEADLINE, thread.getName() + " waits", () -> thread.getState() == Thread.State.WAITING);
    }

    @Test
    void dropNewestRefusesTheArrivingMessageAndCountsIt() {
        ZreEventQueue queue = queue(2, Overflow.DROP_NEWEST);
        ZreEvent.Shout a = shout("a");
        ZreEvent.Shout b = shout("b");
        assertThat(queue.offer(a)).isTrue();
        assertThat(queue.offer(b)).isTrue();
        assertThat(queue.offer(shout("c"))).isFalse();
        assertThat(queue.dropped()).isEqualTo(1);
        assertThat(reported).hasValue(1);
        assertThat(drain(queue)).containsExactly(a, b);
    }

    @Test
    void dropOldestDiscardsTheOldestMessageButNoMembershipEvent() {
        ZreEventQueue queue = queue(2, Overflow.DROP_OLDEST);
        ZreEvent.Join join = join(0);
        ZreEvent.Shout b = shout("b");
        ZreEvent.Shout c = shout("c");
        queue.offer(join);
        queue.offer(shout("a"));
        queue.offer(b);
        assertThat(queue.offer(c)).isTrue();
        assertThat(queue.dropped()).isEqualTo(1);
        assertThat(reported).hasValue(1);
        assertThat(drain(queue)).containsExactly(join, b, c);
    }

    @Test
    void membershipEventsAreAlwaysQueuedAndLeaveTheCapacityToMessages() {
        ZreEventQueue queue = queue(1, Overflow.DROP_NEWEST);
        for (int i = 0; i < 50; i++) {
            assertThat(queue.offer(join(i))).isTrue();
        }
        assertThat(queue.offer(shout("fits"))).isTrue();
        assertThat(queue.offer(shout("dropped"))).isFalse();
        assertThat(queue.offer(new ZreEvent.Exit(PEER, "peer", ExitReason.LEFT))).isTrue();
        assertThat(queue.size()).isEqualTo(52);
        assertThat(queue.dropped()).isEqualTo(1);
    }

    @Test
    void takingAMessageMakesRoomForTheNext() throws Exception {
        ZreEventQueue queue = queue(1, Overflow.DROP_NEWEST);
        queue.offer(shout("a"));
        assertThat(queue.take()).isInstanceOf(ZreEvent.Shout.class);
        assertThat(queue.offer(shout("b"))).isTrue();
        assertThat(queue.dropped()).isZero();
    }

    @Test
    void blockWaitsForRoomInsteadOfDropping() throws Exception {
        ZreEventQueue queue = queue(1, Overflow.BLOCK);
        ZreEvent.Shout a = shout("a");
        ZreEvent.Shout b = shout("b");
        queue.offer(a);
        CompletableFuture<Boolean> offered = new CompletableFuture<>();
        Thread producer = inThread(() -> queue.offer(b), offered);
        awaitWaiting(producer);
        assertThat(queue.take()).isSameAs(a);
        assertThat(offered.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(queue.take()).isSameAs(b);
        assertThat(queue.dropped()).isZero();
    }

    @Test
    void closingReleasesABlockedProducerWithoutCountingADrop() throws Exception {
        ZreEventQueue queue = queue(1, Overflow.BLOCK);
        queue.offer(shout("a"));
        CompletableFuture<Boolean> offered = new CompletableFuture<>();
        Thread producer = inThread(() -> queue.offer(shout("b")), offered);
        awaitWaiting(producer);
        queue.close();
        assertThat(offered.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isFalse();
        assertThat(queue.dropped()).isZero();
    }

    @Test
    void anInterruptedBlockingOfferLosesItsEventCountsItAndKeepsTheInterrupt() {
        ZreEventQueue queue = queue(1, Overflow.BLOCK);
        queue.offer(shout("a"));
        Thread.currentThread().interrupt();
        try {
            assertThat(queue.offer(shout("b"))).isFalse();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(queue.dropped()).isEqualTo(1);
        assertThat(reported).hasValue(1);
    }

    @Test
    void aClosedQueueRefusesEventsUncountedAndHandsOutTheRestThenNull() throws Exception {
        ZreEventQueue queue = queue(10, Overflow.DROP_NEWEST);
        ZreEvent.Shout a = shout("a");
        queue.offer(a);
        queue.close();
        assertThat(queue.offer(shout("late"))).isFalse();
        assertThat(queue.offer(join(1))).isFalse();
        assertThat(queue.dropped()).isZero();
        assertThat(queue.take()).isSameAs(a);
        assertThat(queue.take()).isNull();
        assertThat(queue.poll(DEADLINE)).isNull();
    }

    @Test
    void aReopenedQueueAcceptsEventsAgain() throws Exception {
        ZreEventQueue queue = queue(10, Overflow.DROP_NEWEST);
        queue.close();
        queue.open();
        ZreEvent.Shout a = shout("a");
        assertThat(queue.offer(a)).isTrue();
        assertThat(queue.take()).isSameAs(a);
    }

    @Test
    void closingWakesAWaitingConsumer() throws Exception {
        ZreEventQueue queue = queue(10, Overflow.DROP_NEWEST);
        CompletableFuture<ZreEvent> taken = new CompletableFuture<>();
        Thread consumer = inThread(queue::take, taken);
        awaitWaiting(consumer);
        queue.close();
        assertThat(taken.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aWaitingConsumerGetsTheNextEvent() throws Exception {
        ZreEventQueue queue = queue(10, Overflow.DROP_NEWEST);
        CompletableFuture<ZreEvent> polled = new CompletableFuture<>();
        Thread consumer = inThread(() -> queue.poll(DEADLINE), polled);
        TestNodes.eventually(DEADLINE, "consumer waits", () -> consumer.getState() == Thread.State.TIMED_WAITING);
        ZreEvent.Shout a = shout("a");
        queue.offer(a);
        assertThat(polled.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isSameAs(a);
    }

    @Test
    void capacityMustBePositive() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new ZreEventQueue(0, Overflow.DROP_NEWEST))
            .withMessageContaining("capacity");
    }

    @Test
    void offerAllKeepsTheOrderAndAppliesTheCapacityToEachMessage() {
        ZreEventQueue queue = queue(2, Overflow.DROP_NEWEST);
        ZreEvent.Shout a = shout("a");
        ZreEvent.Shout b = shout("b");
        ZreEvent.Shout c = shout("c");
        ZreEvent.Join join = join(0);
        assertThat(queue.offerAll(List.of(a, b, join, c))).isEqualTo(3);
        assertThat(drain(queue)).containsExactly(a, b, join);
        assertThat(queue.dropped()).isEqualTo(1);
        assertThat(reported).hasValue(1);
    }

    @Test
    void takeAllMovesWhatIsQueuedUpToTheLimitAndMakesRoom() throws Exception {
        ZreEventQueue queue = queue(3, Overflow.DROP_NEWEST);
        ZreEvent.Shout a = shout("a");
        ZreEvent.Shout b = shout("b");
        ZreEvent.Shout c = shout("c");
        queue.offerAll(List.of(a, b, c));
        List<ZreEvent> taken = new ArrayList<>();
        assertThat(queue.takeAll(taken, 2)).isEqualTo(2);
        assertThat(taken).containsExactly(a, b);
        assertThat(queue.offer(shout("d"))).isTrue(); // the two taken made room
        assertThat(queue.offer(shout("e"))).isTrue();
        assertThat(queue.offer(shout("f"))).isFalse();
        assertThat(queue.takeAll(taken, 10)).isEqualTo(3);
        assertThat(taken).hasSize(5).element(2).isSameAs(c);
    }

    @Test
    void takeAllWaitsForAnEventAndReturnsZeroOnceClosedAndEmpty() throws Exception {
        ZreEventQueue queue = queue(2, Overflow.DROP_NEWEST);
        List<ZreEvent> taken = new ArrayList<>();
        CompletableFuture<Integer> first = new CompletableFuture<>();
        Thread consumer = inThread(() -> queue.takeAll(taken, 10), first);
        awaitWaiting(consumer);
        ZreEvent.Shout a = shout("a");
        queue.offerAll(List.of(a));
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(taken).containsExactly(a);
        queue.close();
        assertThat(queue.takeAll(taken, 10)).isZero();
        assertThatIllegalArgumentException().isThrownBy(() -> queue.takeAll(taken, 0));
    }
}
