package dev.zre;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zre.ZreStatistics.Counter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** How events reach the application: back-pressure, failing listeners, ordering. */
class EventDeliveryTest {

    private static final Duration DEADLINE = Duration.ofSeconds(5);

    @Test
    void aConsumerThatDoesNotKeepUpLosesOnlyMessagesAndTheyAreCounted() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start(nodes.config("a").eventQueueCapacity(10));
            TestNodes.Started b = nodes.start("b");
            a.awaitEnter(b.node());
            b.awaitEnter(a.node());
            for (int i = 0; i < 100; i++) {
                b.node().whisper(a.node().uuid(), "m" + i);
            }
            TestNodes.eventually(DEADLINE, "90 whispers dropped", () -> a.node().statistics().get(Counter.EVENTS_DROPPED) >= 90);
            b.node().stop(); // membership events are never dropped
            ZreEvent.Exit exit = a.await(ZreEvent.Exit.class, e -> true, DEADLINE);
            assertThat(exit.peer()).isEqualTo(b.node().uuid());
            assertThat(a.node().statistics().get(Counter.EVENTS_DROPPED)).isEqualTo(90);
        }
    }

    @Test
    void aFailingListenerIsCountedAndLaterEventsAreStillDelivered() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start("a");
            List<ZreEvent> delivered = new CopyOnWriteArrayList<>();
            a.node().subscribe(e -> {
                delivered.add(e);
                throw new IllegalStateException("listener bug");
            });
            TestNodes.Started b = nodes.start("b");
            a.awaitEnter(b.node());
            b.awaitEnter(a.node());
            b.node().whisper(a.node().uuid(), "still delivered");
            assertThat(a.await(ZreEvent.Whisper.class, w -> true, DEADLINE).text()).isEqualTo("still delivered");
            TestNodes.eventually(DEADLINE, "both events reached the failing listener", () -> delivered.size() >= 2);
            assertThat(a.node().statistics().get(Counter.LISTENER_ERRORS)).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void stopIsTheLastEvent() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start("a");
            TestNodes.Started b = nodes.start("b");
            a.awaitEnter(b.node());
            a.node().stop();
            a.await(ZreEvent.Stop.class, e -> true, DEADLINE);
            assertThat(a.inbox().poll(Duration.ofMillis(200))).isNull();
            assertThat(a.node().state()).isEqualTo(NodeState.STOPPED);
        }
    }
}
