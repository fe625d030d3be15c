package dev.zre.spring.listener;

import dev.zre.ZreEvent;
import dev.zre.ZreEventQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One thread's share of a {@link ZreListenerContainer}: a bounded {@link ZreEventQueue} (membership
 * events always queued, messages beyond the capacity handled by the overflow policy and counted) and a
 * loop, run by the container's executor, that hands its events to the listener one at a time. Each
 * start is a fresh queue and loop; a stopped partition is not reused.
 */
final class ZreListenerPartition {

    private static final Log logger = LogFactory.getLog(ZreListenerPartition.class);

    private final String name;

    private final ZreEventQueue queue;

    private final Consumer<ZreEvent> consumer;

    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    private final Object pauseLock = new Object();

    private boolean paused;

    private boolean stopping;

    /** An event taken from the queue while paused, delivered first on resume. */
    private volatile @Nullable ZreEvent held;

    ZreListenerPartition(String name, int capacity, OverflowPolicy policy, Consumer<ZreEvent> consumer) {
        this.name = name;
        this.queue = new ZreEventQueue(capacity, overflow(policy));
        this.consumer = consumer;
    }

    private static ZreEventQueue.Overflow overflow(OverflowPolicy policy) {
        return switch (policy) {
            case DROP_NEWEST -> ZreEventQueue.Overflow.DROP_NEWEST;
            case DROP_OLDEST -> ZreEventQueue.Overflow.DROP_OLDEST;
            case BLOCK -> ZreEventQueue.Overflow.BLOCK;
        };
    }

    void start(Executor executor, boolean paused) {
        this.paused = paused;
        executor.execute(this::run);
    }

    boolean offer(ZreEvent event) {
        return this.queue.offer(event);
    }

    void pause() {
        synchronized (this.pauseLock) {
            this.paused = true;
        }
    }

    void resume() {
        synchronized (this.pauseLock) {
            this.paused = false;
            this.pauseLock.notifyAll();
        }
    }

    /**
     * Refuses further events; the loop delivers those already queued (a paused partition resumes for
     * that) and ends.
     * @return completes when the loop ended
     */
    CompletableFuture<Void> stop() {
        this.queue.close();
        synchronized (this.pauseLock) {
            this.stopping = true;
            this.pauseLock.notifyAll();
        }
        return this.finished;
    }

    long dropped() {
        return this.queue.dropped();
    }

    int queued() {
        return this.queue.size() + ((this.held != null) ? 1 : 0);
    }

    private void run() {
        Thread thread = Thread.currentThread();
        String threadName = thread.getName();
        thread.setName(this.name);
        try {
            ZreEvent event;
            while ((event = this.queue.take()) != null) {
                this.held = event;
                awaitResumed();
                this.held = null;
                consume(event);
            }
        }
        catch (InterruptedException ex) {
            thread.interrupt();
        }
        finally {
            thread.setName(threadName);
            this.finished.complete(null);
        }
    }

    private void awaitResumed() throws InterruptedException {
        synchronized (this.pauseLock) {
            while (this.paused && !this.stopping) {
                this.pauseLock.wait();
            }
        }
    }

    private void consume(ZreEvent event) {
        try {
            this.consumer.accept(event);
        }
        catch (Throwable ex) {
            logger.error("ZRE listener thread '" + this.name + "' failed on " + event.type() + "; delivery goes on", ex);
        }
    }

}
