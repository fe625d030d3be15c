package dev.zre.spring.listener;

import dev.zre.ZreEvent;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Runs one {@link ZreListener} method: filters the node's events, queues the accepted ones in a
 * {@link ZreEventHandOff} and invokes the method on the hand-off's thread. Failures go to the error
 * handler and are counted; the next event is delivered as usual.
 */
public final class ZreListenerContainer {

    private static final Log logger = LogFactory.getLog(ZreListenerContainer.class);

    private final ZreListenerEndpoint endpoint;

    private final ZreListenerMethodInvoker invoker;

    private final ZreListenerErrorHandler errorHandler;

    private final ZreListenerObserver observer;

    private final ZreListenerInterceptor interceptor;

    private final ZreEventHandOff handOff;

    private final AtomicLong invocations = new AtomicLong();

    private final AtomicLong failures = new AtomicLong();

    ZreListenerContainer(ZreListenerEndpoint endpoint, ZreListenerMethodInvoker invoker,
            ZreListenerErrorHandler errorHandler, ZreListenerObserver observer, ZreListenerInterceptor interceptor,
            int capacity, OverflowPolicy policy) {
        this.endpoint = endpoint;
        this.invoker = invoker;
        this.errorHandler = errorHandler;
        this.observer = observer;
        this.interceptor = interceptor;
        this.handOff = new ZreEventHandOff("zre-listener-" + endpoint.id(), capacity, policy, this::deliver);
    }

    void start() {
        this.handOff.start();
    }

    void stop(Duration timeout) {
        this.handOff.stop(timeout);
    }

    /**
     * Queues an event when this listener wants it.
     * @param event the event
     */
    void offer(ZreEvent event) {
        if (this.endpoint.accepts(event)) {
            this.handOff.offer(event);
        }
    }

    private void deliver(ZreEvent event) {
        long start = System.nanoTime();
        boolean failed = false;
        try {
            this.interceptor.intercept(this.endpoint.id(), event, this.invoker::invoke);
        }
        catch (Throwable ex) {
            failed = true;
            this.failures.incrementAndGet();
            handle(new ZreListenerExecutionFailedException(this.endpoint.id(), event, ex));
        }
        finally {
            this.invocations.incrementAndGet();
            this.observer.invoked(this.endpoint.id(), event, System.nanoTime() - start, failed);
        }
    }

    private void handle(ZreListenerExecutionFailedException failure) {
        try {
            this.errorHandler.handleError(failure);
        }
        catch (Throwable ex) {
            logger.error("Error handler of ZRE listener '" + this.endpoint.id() + "' failed", ex);
        }
    }

    /** The listener this container runs. */
    public ZreListenerEndpoint getEndpoint() {
        return this.endpoint;
    }

    /** Invocations so far. */
    public long getInvocations() {
        return this.invocations.get();
    }

    /** Invocations that threw. */
    public long getFailures() {
        return this.failures.get();
    }

    /** Messages dropped because the listener's queue was full. */
    public long getDropped() {
        return this.handOff.getDropped();
    }

}
