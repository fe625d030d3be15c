package dev.zre.spring.listener;

import dev.zre.ZreEvent;
import dev.zre.ZreNode;
import dev.zre.spring.converter.ZreMessageConverter;
import dev.zre.spring.core.ZreEnvelope;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.messaging.Message;

/**
 * Runs one {@link ZreListener} method: filters the node's events and queues the accepted ones in
 * {@code concurrency} partitions (by peer, so that the events of one peer stay in order), each
 * consumed by a thread from the registry's executor. It can be started, stopped, paused and resumed at
 * any time (find it with {@link ZreListenerRegistry#getListenerContainer(String)}): a stopped
 * container misses the events of that time; a paused one keeps queueing them (up to the capacity,
 * then the overflow policy applies) and delivers them on resume.
 * <p>Each invocation is retried by the registry's retry policy, if any; a failure that remains goes
 * to the error handler, is counted, and the next event is delivered as usual. Return values are sent
 * as replies (see {@link ZreListener}).
 */
public final class ZreListenerContainer {

    private static final Log logger = LogFactory.getLog(ZreListenerContainer.class);

    /** Stands for a null result inside the retry template, which wants non-null results. */
    private static final Object NO_RESULT = new Object();

    private final ZreListenerEndpoint endpoint;

    private final ZreListenerMethodInvoker invoker;

    private final ZreNode node;

    private final ZreMessageConverter converter;

    private final ZreListenerErrorHandler errorHandler;

    private final ZreListenerObserver observer;

    private final @Nullable RetryTemplate retryTemplate;

    private final Executor executor;

    private final int capacity;

    private final OverflowPolicy policy;

    private final Duration shutdownTimeout;

    private final ZreListenerInterceptor interceptor;

    private final AtomicLong invocations = new AtomicLong();

    private final AtomicLong failures = new AtomicLong();

    /** Dropped by the partitions of earlier runs. */
    private final AtomicLong droppedBefore = new AtomicLong();

    private volatile ZreListenerPartition @Nullable [] partitions;

    private volatile boolean paused;

    ZreListenerContainer(ZreListenerEndpoint endpoint, ZreListenerMethodInvoker invoker, ZreNode node,
            ZreMessageConverter converter, ZreListenerErrorHandler errorHandler, ZreListenerObserver observer,
            ZreListenerInterceptor interceptor,
            @Nullable RetryTemplate retryTemplate, Executor executor, int capacity, OverflowPolicy policy,
            Duration shutdownTimeout) {
        this.endpoint = endpoint;
        this.invoker = invoker;
        this.node = node;
        this.converter = converter;
        this.errorHandler = errorHandler;
        this.observer = observer;
        this.retryTemplate = retryTemplate;
        this.executor = executor;
        this.capacity = capacity;
        this.policy = policy;
        this.shutdownTimeout = shutdownTimeout;
        this.interceptor = interceptor;
    }

    /** Starts delivering events (a no-op when running). */
    public synchronized void start() {
        if (this.partitions != null) {
            return;
        }
        int concurrency = this.endpoint.concurrency();
        ZreListenerPartition[] started = new ZreListenerPartition[concurrency];
        for (int i = 0; i < concurrency; i++) {
            String name = "zre-listener-" + this.endpoint.id() + ((concurrency > 1) ? "-" + i : "");
            started[i] = new ZreListenerPartition(name, this.capacity, this.policy, this::deliver);
            started[i].start(this.executor, this.paused);
        }
        this.partitions = started;
    }

    /**
     * Stops taking events and waits, up to the registry's shutdown timeout, for the threads to deliver
     * those already queued.
     */
    public void stop() {
        try {
            stopAsync().get(this.shutdownTimeout.toNanos() + 1, TimeUnit.NANOSECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (ExecutionException | TimeoutException ex) {
            // stopAsync() already logged it
        }
    }

    /**
     * Stops taking events without waiting.
     * @return completes when the threads delivered the events already queued, or after the registry's
     * shutdown timeout
     */
    public synchronized CompletableFuture<Void> stopAsync() {
        ZreListenerPartition[] running = this.partitions;
        if (running == null) {
            return CompletableFuture.completedFuture(null);
        }
        this.partitions = null;
        CompletableFuture<?>[] finished = new CompletableFuture<?>[running.length];
        for (int i = 0; i < running.length; i++) {
            finished[i] = running[i].stop();
            this.droppedBefore.addAndGet(running[i].dropped());
        }
        return CompletableFuture.allOf(finished)
            .orTimeout(this.shutdownTimeout.toNanos(), TimeUnit.NANOSECONDS)
            .exceptionally((ex) -> {
                logger.warn("ZRE listener '" + this.endpoint.id() + "' did not finish its queued events within "
                        + this.shutdownTimeout);
                return null;
            });
    }

    /** Holds the events that arrive (queued, not delivered) until {@link #resume()}. */
    public synchronized void pause() {
        this.paused = true;
        forEachPartition(ZreListenerPartition::pause);
    }

    /** Delivers the held and later events again. */
    public synchronized void resume() {
        this.paused = false;
        forEachPartition(ZreListenerPartition::resume);
    }

    private void forEachPartition(java.util.function.Consumer<ZreListenerPartition> action) {
        ZreListenerPartition[] running = this.partitions;
        if (running != null) {
            for (ZreListenerPartition partition : running) {
                action.accept(partition);
            }
        }
    }

    /** Whether the container is started (paused or not). */
    public boolean isRunning() {
        return this.partitions != null;
    }

    /** Whether the container is paused. */
    public boolean isPaused() {
        return this.paused;
    }

    /**
     * Queues an event when this listener wants it and is running; the partition is chosen by peer.
     * @param event the event
     */
    void offer(ZreEvent event) {
        ZreListenerPartition[] running = this.partitions;
        if (running != null && this.endpoint.accepts(event)) {
            int index = (event instanceof ZreEvent.PeerEvent peerEvent)
                    ? Math.floorMod(peerEvent.peer().hashCode(), running.length) : 0;
            running[index].offer(event);
        }
    }

    /** Runs on a partition's thread: invoke (with retries), then reply or hand the failure on. */
    @SuppressWarnings("FutureReturnValueIgnored") // a returned future's outcome is handled in whenComplete
    private void deliver(ZreEvent received) {
        ZreEnvelope request = requestOf(received);
        ZreEvent event = (request != null) ? withoutEnvelope((ZreEvent.Whisper) received, request) : received;
        long start = System.nanoTime();
        boolean failed = false;
        try {
            this.interceptor.intercept(this.endpoint.id(), event, (intercepted) -> {
                Message<Object> message = ZreMessageHeaders.message(intercepted, request, this.node);
                Object result = invokeWithRetries(message);
                if (result instanceof CompletionStage<?> stage) {
                    stage.whenComplete((value, ex) -> {
                        if (ex != null) {
                            failed(intercepted, request, unwrap(ex));
                        }
                        else {
                            replyOrFail(intercepted, request, value);
                        }
                    });
                }
                else {
                    reply(intercepted, request, result);
                }
            });
        }
        catch (Throwable ex) {
            failed = true;
            failed(event, request, ex);
        }
        finally {
            this.invocations.incrementAndGet();
            this.observer.invoked(this.endpoint.id(), event, System.nanoTime() - start, failed);
        }
    }

    private static Throwable unwrap(Throwable ex) {
        Throwable cause = ex.getCause();
        return (ex instanceof CompletionException && cause != null) ? cause : ex;
    }

    private @Nullable Object invokeWithRetries(Message<Object> message) throws Throwable {
        RetryTemplate retry = this.retryTemplate;
        if (retry == null) {
            return invokeListener(message);
        }
        try {
            Object result = retry.execute(() -> {
                Object value = invokeListener(message);
                return (value != null) ? value : NO_RESULT;
            });
            return (result != NO_RESULT) ? result : null;
        }
        catch (RetryException ex) {
            throw (ex.getCause() != null) ? ex.getCause() : ex;
        }
    }

    /**
     * The one place where the listener method is invoked (once per attempt).
     * @param message the message of the event
     * @return what the method returned
     * @throws Exception what the method or the argument resolution threw
     */
    private @Nullable Object invokeListener(Message<Object> message) throws Exception {
        return this.invoker.invoke(message);
    }

    private void replyOrFail(ZreEvent event, @Nullable ZreEnvelope request, @Nullable Object value) {
        try {
            reply(event, request, value);
        }
        catch (RuntimeException ex) {
            failed(event, request, ex);
        }
    }

    /** Whispers a result back (to the requester), or shouts it to the {@code @ZreSendTo} groups. */
    private void reply(ZreEvent event, @Nullable ZreEnvelope request, @Nullable Object result) {
        if (result == null) {
            return;
        }
        List<byte[]> frames = this.converter.toFrames(result);
        if (request != null) {
            this.node.whisper(((ZreEvent.PeerEvent) event).peer(), request.reply(frames).toFrames());
        }
        else if (!this.endpoint.sendTo().isEmpty()) {
            this.endpoint.sendTo().forEach((group) -> this.node.shout(group, frames));
        }
        else if (event instanceof ZreEvent.PeerEvent peerEvent) {
            this.node.whisper(peerEvent.peer(), frames);
        }
    }

    private void failed(ZreEvent event, @Nullable ZreEnvelope request, Throwable ex) {
        this.failures.incrementAndGet();
        try {
            this.errorHandler.handleError(new ZreListenerExecutionFailedException(this.endpoint.id(), event, ex));
        }
        catch (Throwable handlerFailure) {
            logger.error("Error handler of ZRE listener '" + this.endpoint.id() + "' failed", handlerFailure);
        }
        if (request != null) {
            try {
                this.node.whisper(((ZreEvent.PeerEvent) event).peer(),
                        request.error(ex.getClass().getName() + ": " + ex.getMessage()).toFrames());
            }
            catch (RuntimeException sendFailure) {
                logger.debug("Could not send the error answer of ZRE listener '" + this.endpoint.id() + "'",
                        sendFailure);
            }
        }
    }

    private static @Nullable ZreEnvelope requestOf(ZreEvent event) {
        if (event instanceof ZreEvent.Whisper whisper) {
            return ZreEnvelope.of(whisper.frames()).filter((e) -> e.kind() == ZreEnvelope.Kind.REQUEST).orElse(null);
        }
        return null;
    }

    private static ZreEvent withoutEnvelope(ZreEvent.Whisper whisper, ZreEnvelope request) {
        List<byte[]> payload = request.payload().isEmpty() ? List.of(new byte[0]) : request.payload();
        return new ZreEvent.Whisper(whisper.peer(), whisper.peerName(), payload);
    }

    /** The listener this container runs. */
    public ZreListenerEndpoint getEndpoint() {
        return this.endpoint;
    }

    /** Invocations so far (retries of one event count once). */
    public long getInvocations() {
        return this.invocations.get();
    }

    /** Events whose invocation failed (after retries). */
    public long getFailures() {
        return this.failures.get();
    }

    /** Messages dropped because the listener's queues were full. */
    public long getDropped() {
        long dropped = this.droppedBefore.get();
        ZreListenerPartition[] running = this.partitions;
        if (running != null) {
            for (ZreListenerPartition partition : running) {
                dropped += partition.dropped();
            }
        }
        return dropped;
    }

    /** Events waiting to be delivered (e.g. while paused). */
    public int getQueued() {
        int queued = 0;
        ZreListenerPartition[] running = this.partitions;
        if (running != null) {
            for (ZreListenerPartition partition : running) {
                queued += partition.queued();
            }
        }
        return queued;
    }

    @Override
    public String toString() {
        return "ZreListenerContainer[" + this.invoker + ", concurrency " + this.endpoint.concurrency()
                + (isRunning() ? (this.paused ? ", paused" : ", running") : ", stopped") + "]";
    }

}
