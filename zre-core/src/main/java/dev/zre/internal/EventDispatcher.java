package dev.zre.internal;

import dev.zre.ZreEvent;
import dev.zre.ZreStatistics;
import dev.zre.ZreEventListener;
import dev.zre.ZreEventQueue;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands events from the actor to the application's listeners on a thread of its own, so a slow
 * listener never stalls the protocol. The events wait in a {@link ZreEventQueue}: membership events
 * are always queued; WHISPER/SHOUT beyond the capacity are dropped and counted. The thread ends
 * after delivering {@link ZreEvent.Stop}.
 */
public final class EventDispatcher {

    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);
    /** Events taken from the queue at once. */
    private static final int BATCH = 256;

    private final List<ZreEventListener> listeners;
    private final List<ZreEventListener> protocolThreadListeners;
    private final NodeCounters statistics;
    private final Thread thread;
    /** Unbounded until {@link #start} sets the capacity; nothing is published before. */
    private volatile ZreEventQueue queue;
    /** Events of the current turn not yet handed over; guarded by the node's lock. */
    private List<ZreEvent> staged = new ArrayList<>();
    /** The other list, swapped in while a batch is being handed over. */
    private List<ZreEvent> handing = new ArrayList<>();
    /** Events the protocol-thread listeners have seen, for the event thread; only the protocol thread touches it. */
    private final List<ZreEvent> ready = new ArrayList<>();

    public EventDispatcher(String nodeName, List<ZreEventListener> listeners, NodeCounters statistics) {
        this(nodeName, listeners, List.of(), statistics);
    }

    /**
     * @param protocolThreadListeners called by {@link #deliverStaged} on the protocol thread, before
     *     the events are handed to the event thread
     */
    public EventDispatcher(String nodeName, List<ZreEventListener> listeners,
            List<ZreEventListener> protocolThreadListeners, NodeCounters statistics) {
        this.listeners = listeners;
        this.protocolThreadListeners = protocolThreadListeners;
        this.statistics = statistics;
        this.queue = newQueue(Integer.MAX_VALUE);
        this.thread = new Thread(this::run, "zre-events-" + nodeName);
        this.thread.setDaemon(true);
    }

    private ZreEventQueue newQueue(int dataCapacity) {
        return new ZreEventQueue(dataCapacity, ZreEventQueue.Overflow.DROP_NEWEST,
                () -> statistics.increment(ZreStatistics.Counter.EVENTS_DROPPED));
    }

    void start(int dataCapacity) {
        queue = newQueue(dataCapacity);
        thread.start();
    }

    /**
     * Adds an event to the batch the next {@link #deliverStaged} takes (with the node's lock held):
     * one hand-off and at most one wake-up of the event thread per turn of the actor, not per event.
     */
    void stage(ZreEvent event) {
        staged.add(event);
    }

    /**
     * Gives the staged events to the protocol-thread listeners and moves them to the batch for
     * {@link #handOver} (with the node's lock held). Events those listeners cause (staged meanwhile)
     * follow in the next round.
     */
    void deliverStaged() {
        while (!staged.isEmpty()) {
            List<ZreEvent> batch = staged;
            staged = handing;
            handing = batch;
            if (!protocolThreadListeners.isEmpty()) {
                for (ZreEvent event : batch) {
                    deliver(event, protocolThreadListeners);
                }
            }
            ready.addAll(batch);
            batch.clear();
        }
    }

    /**
     * Hands the batch to the event thread: one lock, at most one wake-up. Called by the protocol
     * thread after it released the node's lock, so that an event thread woken by it and sending at
     * once finds the lock free instead of parking on it.
     */
    void handOver() {
        if (!ready.isEmpty()) {
            queue.offerAll(ready);
            ready.clear();
        }
    }

    /** Whether events wait for the next {@link #deliverStaged} (with the node's lock held). */
    boolean hasStaged() {
        return !staged.isEmpty();
    }

    /** Stages an event and hands it over at once, with whatever was staged before it. */
    void publish(ZreEvent event) {
        stage(event);
        deliverStaged();
        handOver();
    }

    /** Waits until the STOP event was delivered (or the timeout passed). */
    void awaitStop(long millis) throws InterruptedException {
        if (thread.isAlive()) {
            thread.join(millis);
        }
    }

    private void run() {
        ZreEventQueue events = queue;
        List<ZreEvent> batch = new ArrayList<>(BATCH);
        try {
            while (events.takeAll(batch, BATCH) > 0) {
                for (ZreEvent event : batch) {
                    deliver(event, listeners);
                    if (event instanceof ZreEvent.Stop) {
                        return;
                    }
                }
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(ZreEvent event, List<ZreEventListener> to) {
        for (ZreEventListener listener : to) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException | LinkageError e) {
                statistics.increment(ZreStatistics.Counter.LISTENER_ERRORS);
                log.warn("ZRE event listener {} failed on {}; delivery goes on", listener, event.type(), e);
            }
        }
    }
}
