package dev.zre.spring.listener;

import dev.zre.ZreEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.util.Assert;

/**
 * Moves events from the node's event thread to a consumer running on a thread of its own, through a
 * queue bounded for WHISPER and SHOUT only: membership events are always queued, messages beyond the
 * capacity are handled by the {@link OverflowPolicy} and counted. Events are consumed one at a time in
 * arrival order, so the events of one peer stay in order.
 */
public final class ZreEventHandOff {

    private static final Log logger = LogFactory.getLog(ZreEventHandOff.class);

    private final String name;

    private final int capacity;

    private final OverflowPolicy policy;

    private final Consumer<ZreEvent> consumer;

    private final ReentrantLock lock = new ReentrantLock();

    private final Condition notEmpty = this.lock.newCondition();

    private final Condition notFull = this.lock.newCondition();

    private final ArrayDeque<ZreEvent> queue = new ArrayDeque<>();

    private final AtomicLong dropped = new AtomicLong();

    private int queuedMessages;

    private boolean running;

    private Thread thread;

    /**
     * Creates a hand-off; nothing runs until {@link #start()}.
     * @param name the name of the consuming thread
     * @param capacity WHISPER/SHOUT events queued at most
     * @param policy what to do with a message when the queue is full
     * @param consumer consumes each event; its exceptions are logged and ignored
     */
    public ZreEventHandOff(String name, int capacity, OverflowPolicy policy, Consumer<ZreEvent> consumer) {
        Assert.hasText(name, "'name' must not be empty");
        Assert.isTrue(capacity > 0, "'capacity' must be positive");
        Assert.notNull(policy, "'policy' must not be null");
        Assert.notNull(consumer, "'consumer' must not be null");
        this.name = name;
        this.capacity = capacity;
        this.policy = policy;
        this.consumer = consumer;
        this.thread = newThread();
    }

    private Thread newThread() {
        Thread t = new Thread(this::run, this.name);
        t.setDaemon(true);
        return t;
    }

    /** Starts the consuming thread. */
    public void start() {
        this.lock.lock();
        try {
            if (this.running) {
                return;
            }
            if (this.thread.getState() != Thread.State.NEW) {
                this.thread = newThread();
            }
            this.running = true;
            this.thread.start();
        }
        finally {
            this.lock.unlock();
        }
    }

    /**
     * Queues an event.
     * @param event the event
     * @return whether it was queued (false when dropped or not running)
     */
    public boolean offer(ZreEvent event) {
        boolean message = !event.type().isMembership();
        this.lock.lock();
        try {
            if (!this.running) {
                return false;
            }
            if (message) {
                while (this.queuedMessages >= this.capacity) {
                    switch (this.policy) {
                        case DROP_NEWEST -> {
                            this.dropped.incrementAndGet();
                            return false;
                        }
                        case DROP_OLDEST -> {
                            removeOldestMessage();
                            this.dropped.incrementAndGet();
                        }
                        case BLOCK -> {
                            this.notFull.await(100, TimeUnit.MILLISECONDS);
                            if (!this.running) {
                                return false;
                            }
                        }
                    }
                }
                this.queuedMessages++;
            }
            this.queue.addLast(event);
            this.notEmpty.signal();
            return true;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            this.dropped.incrementAndGet();
            return false;
        }
        finally {
            this.lock.unlock();
        }
    }

    private void removeOldestMessage() {
        for (Iterator<ZreEvent> it = this.queue.iterator(); it.hasNext();) {
            if (!it.next().type().isMembership()) {
                it.remove();
                this.queuedMessages--;
                return;
            }
        }
    }

    /**
     * Stops accepting events, lets the thread consume those already queued and waits for it.
     * @param timeout how long to wait
     */
    public void stop(Duration timeout) {
        Thread t;
        this.lock.lock();
        try {
            this.running = false;
            this.notEmpty.signalAll();
            this.notFull.signalAll();
            t = this.thread;
        }
        finally {
            this.lock.unlock();
        }
        if (t.isAlive() && t != Thread.currentThread()) {
            try {
                t.join(timeout.toMillis());
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                logger.warn("ZRE hand-off '" + this.name + "' did not finish its queued events within " + timeout);
            }
        }
    }

    /** Messages dropped because the queue was full. */
    public long getDropped() {
        return this.dropped.get();
    }

    /** Events waiting to be consumed. */
    public int getQueued() {
        this.lock.lock();
        try {
            return this.queue.size();
        }
        finally {
            this.lock.unlock();
        }
    }

    private void run() {
        while (true) {
            ZreEvent event;
            this.lock.lock();
            try {
                while (this.queue.isEmpty()) {
                    if (!this.running) {
                        return;
                    }
                    this.notEmpty.await();
                }
                event = this.queue.removeFirst();
                if (!event.type().isMembership()) {
                    this.queuedMessages--;
                    this.notFull.signal();
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
            finally {
                this.lock.unlock();
            }
            try {
                this.consumer.accept(event);
            }
            catch (Throwable ex) {
                logger.error("ZRE hand-off '" + this.name + "' failed on " + event.type() + "; delivery goes on", ex);
            }
        }
    }

}
