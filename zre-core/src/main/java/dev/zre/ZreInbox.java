package dev.zre;

import dev.zre.internal.NodeCounters;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A pollable queue of a node's events, for code that prefers zyre's {@code recv} style to a
 * listener. Open it before {@link ZreNode#start()} to see every event. Membership events are always
 * queued; WHISPER/SHOUT beyond the capacity are dropped and counted as
 * {@link ZreStatistics.Counter#EVENTS_DROPPED}.
 *
 * <pre>{@code
 * try (ZreInbox inbox = node.openInbox()) {
 *     node.start();
 *     ZreEvent event = inbox.poll(Duration.ofSeconds(5));
 * }
 * }</pre>
 */
public final class ZreInbox implements Subscription {

    private final ZreEventQueue queue;
    private @Nullable Subscription subscription;

    ZreInbox(int capacity, NodeCounters statistics) {
        this.queue = new ZreEventQueue(capacity, ZreEventQueue.Overflow.DROP_NEWEST,
                () -> statistics.increment(ZreStatistics.Counter.EVENTS_DROPPED));
    }

    void attach(Subscription subscription) {
        this.subscription = subscription;
    }

    void offer(ZreEvent event) {
        queue.offer(event);
    }

    /** The next event, waiting up to {@code timeout}; {@code null} when none came. */
    public @Nullable ZreEvent poll(Duration timeout) throws InterruptedException {
        return queue.poll(timeout);
    }

    /** The next event if one is queued, else {@code null}. */
    public @Nullable ZreEvent poll() {
        return queue.poll();
    }

    /** Waits for the next event. */
    public ZreEvent take() throws InterruptedException {
        // null only from a closed queue, and this one is never closed
        return Objects.requireNonNull(queue.take());
    }

    /** Events waiting. */
    public int size() {
        return queue.size();
    }

    @Override
    public void close() {
        Subscription s = subscription;
        if (s != null) {
            s.close();
        }
    }
}
