package dev.zre.spring.listener;

import dev.zre.ZreEvent;
import dev.zre.ZreEventQueue;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.util.Assert;

/**
 * Moves events from the node's event thread to a consumer running on a thread of its own, through a
 * {@link ZreEventQueue} bounded for WHISPER and SHOUT only: membership events are always queued,
 * messages beyond the capacity are handled by the {@link OverflowPolicy} and counted. Events are
 * consumed one at a time in arrival order, so the events of one peer stay in order.
 */
public final class ZreEventHandOff {

    private static final Log logger = LogFactory.getLog(ZreEventHandOff.class);

    private final String name;

    private final Consumer<ZreEvent> consumer;

    private final ZreEventQueue queue;

    private Thread thread;

    private boolean running;

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
        this.consumer = consumer;
        this.queue = new ZreEventQueue(capacity, overflow(policy));
        this.queue.close(); // refuses events until start()
        this.thread = newThread();
    }

    private static ZreEventQueue.Overflow overflow(OverflowPolicy policy) {
        return switch (policy) {
            case DROP_NEWEST -> ZreEventQueue.Overflow.DROP_NEWEST;
            case DROP_OLDEST -> ZreEventQueue.Overflow.DROP_OLDEST;
            case BLOCK -> ZreEventQueue.Overflow.BLOCK;
        };
    }

    private Thread newThread() {
        Thread t = new Thread(this::run, this.name);
        t.setDaemon(true);
        return t;
    }

    /** Starts the consuming thread. */
    public synchronized void start() {
        if (this.running) {
            return;
        }
        if (this.thread.getState() != Thread.State.NEW) {
            this.thread = newThread();
        }
        this.running = true;
        this.queue.open();
        this.thread.start();
    }

    /**
     * Queues an event.
     * @param event the event
     * @return whether it was queued (false when dropped or not running)
     */
    public boolean offer(ZreEvent event) {
        return this.queue.offer(event);
    }

    /**
     * Stops accepting events, lets the thread consume those already queued and waits for it.
     * @param timeout how long to wait
     */
    public void stop(Duration timeout) {
        Thread t;
        synchronized (this) {
            this.running = false;
            this.queue.close();
            t = this.thread;
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
        return this.queue.dropped();
    }

    /** Events waiting to be consumed. */
    public int getQueued() {
        return this.queue.size();
    }

    private void run() {
        try {
            ZreEvent event;
            while ((event = this.queue.take()) != null) {
                consume(event);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private void consume(ZreEvent event) {
        try {
            this.consumer.accept(event);
        }
        catch (Throwable ex) {
            logger.error("ZRE hand-off '" + this.name + "' failed on " + event.type() + "; delivery goes on", ex);
        }
    }

}
