package dev.zre.internal;

import dev.zre.ZreEvent;
import dev.zre.ZreEventListener;
import dev.zre.ZreStatistics;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * White-box access to the node's {@link EventDispatcher} for the benchmarks (same package name,
 * classpath only): how much it costs to hand an event from the protocol thread to a listener.
 * Not part of zre-core.
 */
public final class HandoffProbe {

    private HandoffProbe() {
    }

    /** A SHOUT event with one 100-byte frame, as a receiving node would publish it. */
    public static ZreEvent sampleShout() {
        return new ZreEvent.Shout(UUID.randomUUID(), "peer", "bench", List.of(new byte[100]));
    }

    /**
     * Nanoseconds per event when {@code events} events are published back to back (at most
     * {@code window} waiting) and a counting listener consumes them on the dispatcher's thread.
     */
    public static double pipelinedNanosPerEvent(int events, int window) throws InterruptedException {
        AtomicLong delivered = new AtomicLong();
        ZreEventListener listener = e -> delivered.lazySet(delivered.get() + 1);
        EventDispatcher dispatcher = new EventDispatcher("probe", List.of(listener), new ZreStatistics());
        dispatcher.start(Integer.MAX_VALUE);
        ZreEvent event = sampleShout();
        try {
            long t0 = System.nanoTime();
            for (int i = 0; i < events; i++) {
                while (i - delivered.get() >= window) {
                    LockSupport.parkNanos(10_000);
                }
                dispatcher.publish(event);
            }
            while (delivered.get() < events) {
                LockSupport.parkNanos(10_000);
            }
            return (System.nanoTime() - t0) / (double) events;
        } finally {
            dispatcher.publish(new ZreEvent.Stop());
            dispatcher.awaitStop(2000);
        }
    }

    /** Latency of single hand-offs (publish to listener entry), one event at a time, in nanoseconds. */
    public static long[] singleHandoffNanos(int events) throws InterruptedException {
        AtomicLong publishedAt = new AtomicLong();
        long[] samples = new long[events];
        AtomicLong delivered = new AtomicLong();
        ZreEventListener listener = e -> {
            int i = (int) delivered.get();
            samples[i] = System.nanoTime() - publishedAt.get();
            delivered.set(i + 1);
        };
        EventDispatcher dispatcher = new EventDispatcher("probe", List.of(listener), new ZreStatistics());
        dispatcher.start(Integer.MAX_VALUE);
        ZreEvent event = sampleShout();
        try {
            for (int i = 0; i < events; i++) {
                publishedAt.set(System.nanoTime());
                dispatcher.publish(event);
                while (delivered.get() <= i) {
                    Thread.onSpinWait();
                }
            }
            return samples;
        } finally {
            dispatcher.publish(new ZreEvent.Stop());
            dispatcher.awaitStop(2000);
        }
    }

    /** Nanoseconds per event when the same listener is called directly on the calling thread. */
    public static double directNanosPerEvent(int events) {
        AtomicLong delivered = new AtomicLong();
        ZreEventListener listener = e -> delivered.lazySet(delivered.get() + 1);
        ZreEvent event = sampleShout();
        long t0 = System.nanoTime();
        for (int i = 0; i < events; i++) {
            listener.onEvent(event);
        }
        long t1 = System.nanoTime();
        if (delivered.get() != events) {
            throw new IllegalStateException("direct calls lost");
        }
        return (t1 - t0) / (double) events;
    }
}
