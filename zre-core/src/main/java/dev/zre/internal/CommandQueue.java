package dev.zre.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;

/**
 * Work handed to the actor thread by other threads: what the application asked for before the
 * node was running, a DNS answer, a command issued from the protocol thread itself. Submitting
 * wakes the actor's poll; whoever holds the node's lock runs what is queued, in order.
 */
final class CommandQueue {

    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    /** The running node's poller; null while no node runs. */
    private volatile @Nullable ActorPoller poller;

    /** Wakes this poller from now on; null when the node stops. */
    void wakeWith(@Nullable ActorPoller poller) {
        this.poller = poller;
    }

    /** Queues a command (any thread) and wakes the actor. */
    void submit(Runnable command) {
        commands.add(command);
        wake();
    }

    /** Queues a command without waking the actor: for the actor's own thread, which runs it next. */
    void add(Runnable command) {
        commands.add(command);
    }

    /** Wakes the actor's poll without a command (any thread), e.g. to notice that it should stop. */
    void wake() {
        ActorPoller p = poller;
        if (p != null) {
            p.wakeup();
        }
    }

    boolean isEmpty() {
        return commands.isEmpty();
    }

    /** Runs every queued command, in order (only with the node's lock held). */
    void runAll() {
        Runnable c;
        while ((c = commands.poll()) != null) {
            c.run();
        }
    }
}
