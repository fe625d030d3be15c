package dev.zre;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A queue of events between the thread that reports them and a slower consumer, bounded for data
 * only: membership events (everything but WHISPER and SHOUT) are always queued, because losing an
 * ENTER or EXIT would leave the consumer with a wrong picture of the cluster; WHISPER and SHOUT
 * beyond the capacity follow the {@link Overflow} policy, and each one lost is counted. Events come
 * out in the order they went in. Safe for any number of producer and consumer threads.
 *
 * <p>The node queues the events for its subscribers ({@link ZreNode#subscribe}) in one, each
 * {@link ZreInbox} holds one, and Spring's listener containers put one in front of each listener.
 * To give a slow consumer a thread of its own:
 *
 * <pre>{@code
 * ZreEventQueue queue = new ZreEventQueue(1000, ZreEventQueue.Overflow.DROP_NEWEST);
 * node.subscribe(queue::offer);
 * // on the consumer's thread, until queue.close():
 * for (ZreEvent event; (event = queue.take()) != null; ) {
 *     handle(event);
 * }
 * }</pre>
 */
public final class ZreEventQueue {

    /** What {@link #offer} does with a WHISPER or SHOUT when the queue already holds its capacity of them. */
    public enum Overflow {

        /** Discard the arriving message (the producer never waits). */
        DROP_NEWEST,

        /** Discard the oldest queued message to make room (the latest data wins). */
        DROP_OLDEST,

        /** Wait until the consumer made room or the queue is {@linkplain #close() closed}. */
        BLOCK
    }

    private final int capacity;
    private final Overflow overflow;
    private final Runnable onDrop;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<ZreEvent> events = new ArrayDeque<>();
    private final AtomicLong dropped = new AtomicLong();
    /** WHISPER and SHOUT events in {@link #events}: the bounded part. */
    private int messages;
    private boolean closed;

    /**
     * An open queue.
     *
     * @param capacity WHISPER and SHOUT events queued at most, at least 1
     * @param overflow what to do with such an event when the queue is full
     */
    public ZreEventQueue(int capacity, Overflow overflow) {
        this(capacity, overflow, () -> { });
    }

    /**
     * An open queue that also reports each lost event, e.g. to a statistics counter.
     *
     * @param capacity WHISPER and SHOUT events queued at most, at least 1
     * @param overflow what to do with such an event when the queue is full
     * @param onDrop called once per lost event, on the offering thread while the queue is locked:
     *     keep it as short as incrementing a counter
     */
    public ZreEventQueue(int capacity, Overflow overflow, Runnable onDrop) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.overflow = Objects.requireNonNull(overflow, "overflow");
        this.onDrop = Objects.requireNonNull(onDrop, "onDrop");
    }

    /**
     * Queues an event. A membership event is always queued; a WHISPER or SHOUT finding the queue full
     * is handled by the {@link Overflow} policy. A {@link Overflow#BLOCK blocking} offer that is
     * interrupted loses its event (counted) and keeps the thread's interrupt flag.
     *
     * @return whether the event was queued: false when it was dropped, or when the queue is closed
     *     (an event refused by a closed queue is not counted as dropped)
     */
    public boolean offer(ZreEvent event) {
        lock.lock();
        try {
            if (!enqueue(event)) {
                return false;
            }
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues several events in order, each as {@link #offer} would, taking the lock and waking a
     * consumer once for all of them.
     *
     * @return how many were queued
     */
    public int offerAll(List<? extends ZreEvent> batch) {
        int queued = 0;
        lock.lock();
        try {
            for (ZreEvent event : batch) {
                if (enqueue(event)) {
                    queued++;
                }
            }
            if (queued == 1) {
                notEmpty.signal();
            } else if (queued > 1) {
                notEmpty.signalAll();
            }
            return queued;
        } finally {
            lock.unlock();
        }
    }

    /** Adds one event by the overflow policy (with the lock held); false when it was dropped or the queue is closed. */
    private boolean enqueue(ZreEvent event) {
        if (closed) {
            return false;
        }
        if (!event.type().isMembership()) {
            try {
                while (messages >= capacity) {
                    switch (overflow) {
                        case DROP_NEWEST -> {
                            drop();
                            return false;
                        }
                        case DROP_OLDEST -> {
                            removeOldestMessage();
                            drop();
                        }
                        case BLOCK -> {
                            notFull.await();
                            if (closed) {
                                return false;
                            }
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                drop();
                return false;
            }
            messages++;
        }
        events.addLast(event);
        return true;
    }

    private void drop() {
        dropped.incrementAndGet();
        onDrop.run();
    }

    private void removeOldestMessage() {
        for (Iterator<ZreEvent> it = events.iterator(); it.hasNext(); ) {
            if (!it.next().type().isMembership()) {
                it.remove();
                messages--;
                return;
            }
        }
    }

    /** The next event if one is queued, else {@code null}. */
    @Nullable ZreEvent poll() {
        lock.lock();
        try {
            return events.isEmpty() ? null : removeFirst();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next event, waiting up to {@code timeout} for one.
     *
     * @return the event; {@code null} when none came in time, or at once when the queue is closed and empty
     */
    @Nullable ZreEvent poll(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lockInterruptibly();
        try {
            while (events.isEmpty()) {
                if (closed || nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            return removeFirst();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for the next event.
     *
     * @return the event, or {@code null} once the queue is closed and every event taken
     */
    public @Nullable ZreEvent take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (events.isEmpty()) {
                if (closed) {
                    return null;
                }
                notEmpty.await();
            }
            return removeFirst();
        } finally {
            lock.unlock();
        }
    }

    private ZreEvent removeFirst() {
        ZreEvent event = events.removeFirst();
        if (!event.type().isMembership()) {
            messages--;
            notFull.signal();
        }
        return event;
    }

    /**
     * Waits for the next event, then moves it and up to {@code max - 1} more that are already
     * queued into {@code into}, in order, taking the lock once for all of them.
     *
     * @return how many were moved; 0 once the queue is closed and every event taken
     */
    public int takeAll(Collection<? super ZreEvent> into, int max) throws InterruptedException {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        lock.lockInterruptibly();
        try {
            while (events.isEmpty()) {
                if (closed) {
                    return 0;
                }
                notEmpty.await();
            }
            int moved = 0;
            int before = messages;
            while (moved < max && !events.isEmpty()) {
                ZreEvent event = events.removeFirst();
                if (!event.type().isMembership()) {
                    messages--;
                }
                into.add(event);
                moved++;
            }
            if (messages < before) {
                notFull.signalAll();
            }
            return moved;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Refuses further events and wakes every waiting thread: blocked producers give up, consumers
     * take what is still queued and then get {@code null}.
     */
    public void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Accepts events again after {@link #close()}. A new queue is open. */
    public void open() {
        lock.lock();
        try {
            closed = false;
        } finally {
            lock.unlock();
        }
    }

    /** Events waiting, membership events included. */
    public int size() {
        lock.lock();
        try {
            return events.size();
        } finally {
            lock.unlock();
        }
    }

    /** WHISPER and SHOUT events lost so far because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    @Override
    public String toString() {
        return "ZreEventQueue[" + size() + " queued, capacity " + capacity + " " + overflow + ", " + dropped() + " dropped]";
    }
}
