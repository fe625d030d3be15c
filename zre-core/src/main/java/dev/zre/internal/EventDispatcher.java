package dev.zre.internal;

import dev.zre.ZreEvent;
import dev.zre.ZreEventListener;
import dev.zre.ZreStatistics;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands events from the actor to the application's listeners on a thread of its own, so a slow
 * listener never stalls the protocol. Membership events are always queued; WHISPER/SHOUT beyond the
 * capacity are dropped and counted. The thread ends after delivering {@link ZreEvent.Stop}.
 */
public final class EventDispatcher {

    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

    private final BlockingQueue<ZreEvent> queue = new LinkedBlockingQueue<>();
    private final List<ZreEventListener> listeners;
    private final NodeCounters statistics;
    private final Thread thread;
    private volatile int capacity = Integer.MAX_VALUE;

    public EventDispatcher(String nodeName, List<ZreEventListener> listeners, NodeCounters statistics) {
        this.listeners = listeners;
        this.statistics = statistics;
        this.thread = new Thread(this::run, "zre-events-" + nodeName);
        this.thread.setDaemon(true);
    }

    void start(int dataCapacity) {
        capacity = dataCapacity;
        thread.start();
    }

    /** Queues an event (called by the actor). */
    void publish(ZreEvent event) {
        if (!event.type().isMembership() && queue.size() >= capacity) {
            statistics.increment(ZreStatistics.Counter.EVENTS_DROPPED);
            return;
        }
        queue.add(event);
    }

    /** Waits until the STOP event was delivered (or the timeout passed). */
    void awaitStop(long millis) throws InterruptedException {
        if (thread.isAlive()) {
            thread.join(millis);
        }
    }

    private void run() {
        try {
            while (true) {
                ZreEvent event = queue.poll(1, TimeUnit.SECONDS);
                if (event == null) {
                    continue;
                }
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
