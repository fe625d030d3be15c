package dev.zre.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zre.ZreEvent;
import dev.zre.ZreEventListener;
import dev.zre.ZreStatistics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The hand-off of events from the protocol thread to the listeners through the
 * {@link EventDispatcher}: every event arrives once, in order, on the dispatcher's own thread. Each
 * test also prints what a hand-off costs (formerly the benchmarks' white-box "core hand-off"
 * scenario); the figure is informative, never asserted.
 */
class EventDispatcherHandOffTest {

    private static final int WINDOW = 5_000;

    @Test
    void pipelinedEventsArriveOnceInOrderOnTheEventThread() throws Exception {
        int count = 100_000;
        List<ZreEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(shout("g" + i));
        }
        AtomicLong delivered = new AtomicLong();
        AtomicLong outOfOrder = new AtomicLong();
        AtomicReference<Thread> deliveredOn = new AtomicReference<>();
        ZreEventListener listener = event -> {
            if (!(event instanceof ZreEvent.Stop)) {
                int i = (int) delivered.get();
                if (event != events.get(i)) {
                    outOfOrder.incrementAndGet();
                }
                deliveredOn.set(Thread.currentThread());
                delivered.lazySet(i + 1);
            }
        };
        NodeCounters counters = new NodeCounters();
        EventDispatcher dispatcher = new EventDispatcher("handoff", List.of(listener), counters);
        dispatcher.start(Integer.MAX_VALUE);
        long t0 = System.nanoTime();
        try {
            for (int i = 0; i < count; i++) {
                while (i - delivered.get() >= WINDOW) {
                    LockSupport.parkNanos(10_000);
                }
                dispatcher.publish(events.get(i));
            }
            while (delivered.get() < count) {
                LockSupport.parkNanos(10_000);
            }
        } finally {
            dispatcher.publish(new ZreEvent.Stop());
            dispatcher.awaitStop(2000);
        }
        double nanosPerEvent = (System.nanoTime() - t0) / (double) count;
        assertThat(delivered.get()).isEqualTo(count);
        assertThat(outOfOrder.get()).isZero();
        assertThat(deliveredOn.get()).isNotSameAs(Thread.currentThread());
        assertThat(counters.get(ZreStatistics.Counter.EVENTS_DROPPED)).isZero();
        System.out.printf("core hand-off, pipelined: %.0f ns per event (%d events, window %d)%n", nanosPerEvent, count,
                WINDOW);
    }

    @Test
    void singleEventsArriveOneByOne() throws Exception {
        int count = 5_000;
        long[] samples = new long[count];
        AtomicLong publishedAt = new AtomicLong();
        AtomicLong delivered = new AtomicLong();
        ZreEventListener listener = event -> {
            if (!(event instanceof ZreEvent.Stop)) {
                int i = (int) delivered.get();
                samples[i] = System.nanoTime() - publishedAt.get();
                delivered.set(i + 1);
            }
        };
        EventDispatcher dispatcher = new EventDispatcher("handoff", List.of(listener), new NodeCounters());
        dispatcher.start(Integer.MAX_VALUE);
        ZreEvent event = shout("bench");
        try {
            for (int i = 0; i < count; i++) {
                publishedAt.set(System.nanoTime());
                dispatcher.publish(event);
                while (delivered.get() <= i) {
                    Thread.onSpinWait();
                }
            }
        } finally {
            dispatcher.publish(new ZreEvent.Stop());
            dispatcher.awaitStop(2000);
        }
        assertThat(delivered.get()).isEqualTo(count);
        Arrays.sort(samples);
        System.out.printf("core hand-off, one at a time: p50 %.1f µs, p99 %.1f µs (%d events)%n",
                samples[count / 2] / 1000.0, samples[count * 99 / 100] / 1000.0, count);
    }

    /** A SHOUT with one 100-byte frame, as a receiving node publishes it. */
    private static ZreEvent shout(String group) {
        return new ZreEvent.Shout(UUID.randomUUID(), "peer", group, List.of(new byte[100]));
    }
}
