package dev.zre.internal;

import dev.zre.ZreEvent;
import dev.zre.ZreStatistics;
import dev.zre.ZreEventListener;
import dev.zre.ZreEventQueue;
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

    private final List<ZreEventListener> listeners;
    private final NodeCounters statistics;
    private final Thread thread;
    /** Unbounded until {@link #start} sets the capacity; nothing is published before. */
    private volatile ZreEventQueue queue;

    public EventDispatcher(String nodeName, List<ZreEventListener> listeners, NodeCounters statistics) {
        this.listeners = listeners;
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

    /** Queues an event (called by the actor). */
    void publish(ZreEvent event) {
        queue.offer(event);
    }

    /** Waits until the STOP event was delivered (or the timeout passed). */
    void awaitStop(long millis) throws InterruptedException {
        if (thread.isAlive()) {
            thread.join(millis);
        }
    }

    private void run() {
        ZreEventQueue events = queue;
        try {
            ZreEvent event;
            while ((event = events.take()) != null) {
                deliver(event);
                if (event instanceof ZreEvent.Stop) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(ZreEvent event) {
        for (ZreEventListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException | LinkageError e) {
                statistics.increment(ZreStatistics.Counter.LISTENER_ERRORS);
                log.warn("ZRE event listener {} failed on {}; delivery goes on", listener, event.type(), e);
            }
        }
    }
}
