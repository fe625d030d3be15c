package dev.zre.spring.listener;

import dev.zre.Subscription;
import dev.zre.ZreEvent;
import dev.zre.ZreNode;
import dev.zre.spring.converter.ZreMessageConverter;
import dev.zre.spring.core.ZreNodeLifecycle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Owns a {@link ZreListenerContainer} per {@link ZreListener} method. Starts them (and joins their
 * groups) before the node starts and subscribes to the node once, fanning each event out to the
 * containers; stops them after the node stopped, so the last events are still delivered.
 */
public class ZreListenerRegistry implements SmartLifecycle {

    /** Below the node's phase: ready before the first event, stopped after the last one. */
    public static final int PHASE = ZreNodeLifecycle.PHASE - 1;

    private final ZreNode node;

    private final ZreMessageConverter converter;

    private final ZreListenerErrorHandler defaultErrorHandler;

    private final Supplier<ZreListenerObserver> observer;

    private final int queueCapacity;

    private final OverflowPolicy overflowPolicy;

    private final Duration shutdownTimeout;

    private final Map<String, ZreListenerContainer> containers = new ConcurrentHashMap<>();

    private final List<ZreListenerEndpoint> pending = new ArrayList<>();

    private final Map<String, ZreListenerErrorHandler> errorHandlers = new ConcurrentHashMap<>();

    private volatile @Nullable Subscription subscription;

    private volatile ZreListenerInterceptor interceptor = ZreListenerInterceptor.NONE;

    /**
     * Creates a registry.
     * @param node the node whose events are delivered
     * @param converter converts payloads and replies
     * @param defaultErrorHandler handles failures of listeners without an error handler of their own
     * @param observer supplies the observer of every invocation (resolved at start)
     * @param queueCapacity messages queued per listener
     * @param overflowPolicy what a full queue does
     * @param shutdownTimeout how long stopping waits per listener
     */
    public ZreListenerRegistry(ZreNode node, ZreMessageConverter converter, ZreListenerErrorHandler defaultErrorHandler,
            Supplier<ZreListenerObserver> observer, int queueCapacity, OverflowPolicy overflowPolicy,
            Duration shutdownTimeout) {
        Assert.notNull(node, "'node' must not be null");
        Assert.notNull(converter, "'converter' must not be null");
        Assert.notNull(defaultErrorHandler, "'defaultErrorHandler' must not be null");
        Assert.isTrue(queueCapacity > 0, "'queueCapacity' must be positive");
        this.node = node;
        this.converter = converter;
        this.defaultErrorHandler = defaultErrorHandler;
        this.observer = observer;
        this.queueCapacity = queueCapacity;
        this.overflowPolicy = overflowPolicy;
        this.shutdownTimeout = shutdownTimeout;
    }

    /**
     * Registers a listener; it runs from the next {@link #start()}.
     * @param endpoint the listener
     * @param errorHandler its own error handler, or {@code null} for the default one
     */
    public synchronized void register(ZreListenerEndpoint endpoint, @Nullable ZreListenerErrorHandler errorHandler) {
        Assert.isTrue(!this.containers.containsKey(endpoint.id())
                && this.pending.stream().noneMatch((e) -> e.id().equals(endpoint.id())),
                () -> "A ZRE listener with id '" + endpoint.id() + "' is already registered");
        this.pending.add(endpoint);
        if (errorHandler != null) {
            this.errorHandlers.put(endpoint.id(), errorHandler);
        }
    }

    /**
     * Sets what wraps every listener invocation (e.g. the observation support), for the containers
     * created from the next {@link #start()}; {@link ZreListenerInterceptor#NONE} by default.
     * @param interceptor the interceptor
     */
    public void setInterceptor(ZreListenerInterceptor interceptor) {
        Assert.notNull(interceptor, "'interceptor' must not be null");
        this.interceptor = interceptor;
    }

    @Override
    public synchronized void start() {
        if (this.subscription != null) {
            return;
        }
        ZreListenerObserver observer = this.observer.get();
        for (ZreListenerEndpoint endpoint : this.pending) {
            ZreListenerMethodInvoker invoker = new ZreListenerMethodInvoker(endpoint, this.node, this.converter);
            ZreListenerErrorHandler errorHandler = this.errorHandlers.getOrDefault(endpoint.id(),
                    this.defaultErrorHandler);
            this.containers.put(endpoint.id(), new ZreListenerContainer(endpoint, invoker, errorHandler, observer,
                    this.interceptor, this.queueCapacity, this.overflowPolicy));
        }
        this.pending.clear();
        for (ZreListenerContainer container : this.containers.values()) {
            container.getEndpoint().groups().forEach(this.node::join);
            container.start();
        }
        this.subscription = this.node.subscribe(this::dispatch);
    }

    private void dispatch(ZreEvent event) {
        for (ZreListenerContainer container : this.containers.values()) {
            container.offer(event);
        }
    }

    @Override
    public synchronized void stop() {
        Subscription current = this.subscription;
        if (current == null) {
            return;
        }
        current.close();
        this.subscription = null;
        this.containers.values().forEach((container) -> container.stop(this.shutdownTimeout));
    }

    @Override
    public boolean isRunning() {
        return this.subscription != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** The running containers by listener id. */
    public Map<String, ZreListenerContainer> getContainers() {
        return Collections.unmodifiableMap(this.containers);
    }

}
