package dev.zre.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZMQ;

/**
 * Commands from application threads to the actor thread, and the pipe that wakes the actor's poll
 * when one arrives. Only the first command after a drain writes to the pipe.
 */
final class CommandQueue implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CommandQueue.class);

    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final ByteBuffer wakeBuffer = ByteBuffer.allocate(64);
    private final Pipe pipe;
    private int pollIndex = -1;

    CommandQueue() throws IOException {
        pipe = Pipe.open();
        pipe.source().configureBlocking(false);
    }

    /** Registers the wake-up end with the actor's poller. */
    void register(ZMQ.Poller poller) {
        pollIndex = poller.register(pipe.source(), ZMQ.Poller.POLLIN);
    }

    /** Queues a command (any thread) and wakes the actor. */
    void submit(Runnable command) {
        commands.add(command);
        wake();
    }

    /** Wakes the actor's poll without a command (any thread), e.g. to notice that it should stop. */
    void wake() {
        if (wakePending.compareAndSet(false, true)) {
            try {
                pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
            } catch (IOException e) {
                log.debug("wake-up pipe closed", e);
            }
        }
    }

    boolean isEmpty() {
        return commands.isEmpty();
    }

    /**
     * Consumes the wake-up bytes, re-arms {@link #wake()}, then runs every queued command (actor
     * thread). Reading before re-arming matters: a wake-up written between a reset and a read would
     * be consumed while the flag stays set, and every later submit would skip its wake-up, leaving
     * commands asleep in the queue until the next timer or beacon.
     */
    void runAll(ZMQ.Poller poller) {
        if (poller.pollin(pollIndex)) {
            try {
                while (true) {
                    wakeBuffer.clear();
                    if (pipe.source().read(wakeBuffer) <= 0) {
                        break;
                    }
                }
            } catch (IOException e) {
                log.debug("wake-up pipe read failed", e);
            }
        }
        wakePending.set(false); // a submit from now on writes again; a byte still in flight only wakes the next poll
        Runnable c;
        while ((c = commands.poll()) != null) {
            c.run();
        }
    }

    @Override
    public void close() {
        try {
            pipe.source().close();
            pipe.sink().close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
