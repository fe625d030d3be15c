package dev.zre.spring.listener;

import dev.zre.Subscription;
import dev.zre.ZreEvent;
import dev.zre.ZreNode;
import dev.zre.spring.converter.ZreMessageConverter;
import dev.zre.spring.core.ZreEnvelope;
import dev.zre.spring.core.ZreNodeLifecycle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import org.springframework.util.Assert;
import org.springframework.validation.Validator;

/**
 * Owns a {@link ZreListenerContainer} per {@link ZreListener} method, by listener id. Subscribes to
 * the node once and fans each event out to the containers. Starts the containers that start
 * automatically (and joins their groups) before the node starts, and stops them, all in parallel,
 * after the node stopped, so the last events are still delivered.
 * <p>Listeners may be registered at any time: after the registry started, a new container starts at
 * once (unless it does not start automatically). Containers are started, stopped, paused and resumed at
 * run time through {@link #getListenerContainer(String)}.
 * <p>Threads come from the {@link #setTaskExecutor task executor}; each container partition holds one
 * for as long as it runs, so the executor must not be a small bounded pool. By default every partition
 * gets a new daemon platform thread.
 */
public class ZreListenerRegistry implements SmartLifecycle, BeanFactoryAware {

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

    private Executor taskExecutor = defaultTaskExecutor();

    private @Nullable RetryTemplate retryTemplate;

    private @Nullable Validator validator;

    private List<HandlerMethodArgumentResolver> customArgumentResolvers = List.of();

    private @Nullable BeanFactory beanFactory;

    private @Nullable DefaultMessageHandlerMethodFactory methodFactory;

    private @Nullable List<HandlerMethodArgumentResolver> nonPayloadResolvers;

    private @Nullable ZreListenerObserver resolvedObserver;

    private volatile @Nullable Subscription subscription;

    private volatile ZreListenerInterceptor interceptor = ZreListenerInterceptor.NONE;

    /**
     * Creates a registry.
     * @param node the node whose events are delivered
     * @param converter converts payloads and replies
     * @param defaultErrorHandler handles failures of listeners without an error handler of their own
     * @param observer supplies the observer of every invocation (resolved at the first container)
     * @param queueCapacity messages queued per listener thread
     * @param overflowPolicy what a full queue does
     * @param shutdownTimeout how long stopping waits for a listener to deliver the events it queued
     */
    public ZreListenerRegistry(ZreNode node, ZreMessageConverter converter, ZreListenerErrorHandler defaultErrorHandler,
            Supplier<ZreListenerObserver> observer, int queueCapacity, OverflowPolicy overflowPolicy,
            Duration shutdownTimeout) {
        Assert.notNull(node, "'node' must not be null");
        Assert.notNull(converter, "'converter' must not be null");
        Assert.notNull(defaultErrorHandler, "'defaultErrorHandler' must not be null");
        Assert.notNull(observer, "'observer' must not be null");
        Assert.isTrue(queueCapacity > 0, "'queueCapacity' must be positive");
        Assert.notNull(overflowPolicy, "'overflowPolicy' must not be null");
        Assert.notNull(shutdownTimeout, "'shutdownTimeout' must not be null");
        this.node = node;
        this.converter = converter;
        this.defaultErrorHandler = defaultErrorHandler;
        this.observer = observer;
        this.queueCapacity = queueCapacity;
        this.overflowPolicy = overflowPolicy;
        this.shutdownTimeout = shutdownTimeout;
    }

    private static Executor defaultTaskExecutor() {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("zre-listener-");
        executor.setDaemon(true);
        return executor;
    }

    /**
     * Sets the executor that runs the listener threads (one task per container partition, for as long
     * as it runs), e.g. a {@link SimpleAsyncTaskExecutor} with virtual threads.
     * @param taskExecutor the executor
     */
    public void setTaskExecutor(Executor taskExecutor) {
        Assert.notNull(taskExecutor, "'taskExecutor' must not be null");
        this.taskExecutor = taskExecutor;
    }

    /**
     * Sets the policy by which a failed invocation is retried (on the listener's thread, so later
     * events of that partition wait) before it goes to the error handler.
     * @param retryPolicy the policy, or {@code null} not to retry (the default)
     */
    public void setRetryPolicy(@Nullable RetryPolicy retryPolicy) {
        this.retryTemplate = (retryPolicy != null) ? new RetryTemplate(retryPolicy) : null;
    }

    /**
     * Sets the validator of {@code @Valid @Payload} parameters.
     * @param validator the validator, or {@code null} for none
     */
    public void setValidator(@Nullable Validator validator) {
        this.validator = validator;
    }

    /**
     * Sets argument resolvers consulted before the payload (after {@code @Header}, {@code Message} and
     * the ZRE arguments).
     * @param resolvers the resolvers
     */
    public void setCustomArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        Assert.notNull(resolvers, "'resolvers' must not be null");
        this.customArgumentResolvers = List.copyOf(resolvers);
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    /**
     * Registers a listener. Before {@link #start()} it waits for it; afterwards its container joins
     * the groups and starts at once when {@link ZreListenerEndpoint#autoStartup()}.
     * @param endpoint the listener
     * @param errorHandler its own error handler, or {@code null} for the default one
     * @return its container
     * @throws IllegalArgumentException when a listener with that id is registered
     */
    public synchronized ZreListenerContainer register(ZreListenerEndpoint endpoint,
            @Nullable ZreListenerErrorHandler errorHandler) {
        Assert.notNull(endpoint, "'endpoint' must not be null");
        Assert.isTrue(!this.containers.containsKey(endpoint.id()),
                () -> "A ZRE listener with id '" + endpoint.id() + "' is already registered");
        DefaultMessageHandlerMethodFactory factory = methodFactory();
        ZreListenerMethodInvoker invoker = new ZreListenerMethodInvoker(endpoint, factory,
                nonPayloadResolvers());
        ZreListenerContainer container = new ZreListenerContainer(endpoint, invoker, this.node, this.converter,
                (errorHandler != null) ? errorHandler : this.defaultErrorHandler, observer(), this.interceptor,
                this.retryTemplate,
                this.taskExecutor, this.queueCapacity, this.overflowPolicy, this.shutdownTimeout);
        this.containers.put(endpoint.id(), container);
        if (isRunning()) {
            endpoint.groups().forEach(this.node::join);
            if (endpoint.autoStartup()) {
                container.start();
            }
        }
        return container;
    }

    private DefaultMessageHandlerMethodFactory methodFactory() {
        if (this.methodFactory == null) {
            ZreFramesMessageConverter messageConverter = new ZreFramesMessageConverter(this.converter);
            List<HandlerMethodArgumentResolver> resolvers = new ArrayList<>();
            resolvers.addAll(nonPayloadResolvers());
            resolvers.add(new ZrePayloadArgumentResolver(messageConverter, this.validator));
            DefaultMessageHandlerMethodFactory factory = new DefaultMessageHandlerMethodFactory();
            factory.setMessageConverter(messageConverter);
            if (this.validator != null) {
                factory.setValidator(this.validator);
            }
            if (this.beanFactory != null) {
                factory.setBeanFactory(this.beanFactory);
            }
            factory.setCustomArgumentResolvers(resolvers);
            factory.afterPropertiesSet();
            this.methodFactory = factory;
        }
        return this.methodFactory;
    }

    private List<HandlerMethodArgumentResolver> nonPayloadResolvers() {
        if (this.nonPayloadResolvers == null) {
            List<HandlerMethodArgumentResolver> resolvers = new ArrayList<>();
            resolvers.add(new ZreEventArgumentResolver(this.node));
            resolvers.addAll(this.customArgumentResolvers);
            this.nonPayloadResolvers = List.copyOf(resolvers);
        }
        return this.nonPayloadResolvers;
    }

    private ZreListenerObserver observer() {
        if (this.resolvedObserver == null) {
            this.resolvedObserver = this.observer.get();
        }
        return this.resolvedObserver;
    }

    /**
     * Sets what wraps every listener invocation (e.g. the observation support), for the containers
     * registered after this call; {@link ZreListenerInterceptor#NONE} by default.
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
        for (ZreListenerContainer container : this.containers.values()) {
            container.getEndpoint().groups().forEach(this.node::join);
            if (container.getEndpoint().autoStartup()) {
                container.start();
            }
        }
        this.subscription = this.node.subscribe(this::dispatch);
    }

    private void dispatch(ZreEvent event) {
        if (isAnswer(event)) {
            return; // a reply to a request of this node's ZreTemplate, not a message for listeners
        }
        for (ZreListenerContainer container : this.containers.values()) {
            container.offer(event);
        }
    }

    private static boolean isAnswer(ZreEvent event) {
        return event instanceof ZreEvent.Whisper whisper && ZreEnvelope.of(whisper.frames())
            .filter((envelope) -> envelope.kind() != ZreEnvelope.Kind.REQUEST)
            .isPresent();
    }

    @Override
    public void stop() {
        CompletableFuture<Void> stopped = stopContainers();
        try {
            stopped.get(this.shutdownTimeout.toNanos() + TimeUnit.SECONDS.toNanos(1), TimeUnit.NANOSECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (Exception ex) {
            // each container logged what it could not finish
        }
    }

    /**
     * Stops all containers in parallel and runs the callback when they delivered their queued events,
     * or after the shutdown timeout; the application context waits for it at most
     * {@code spring.lifecycle.timeout-per-shutdown-phase}.
     * @param callback run when stopped
     */
    @Override
    @SuppressWarnings("FutureReturnValueIgnored") // the callback is the outcome
    public void stop(Runnable callback) {
        stopContainers().whenComplete((result, ex) -> callback.run());
    }

    private synchronized CompletableFuture<Void> stopContainers() {
        Subscription current = this.subscription;
        if (current == null) {
            return CompletableFuture.completedFuture(null);
        }
        current.close();
        this.subscription = null;
        return CompletableFuture.allOf(this.containers.values()
            .stream()
            .map(ZreListenerContainer::stopAsync)
            .toArray(CompletableFuture<?>[]::new));
    }

    @Override
    public boolean isRunning() {
        return this.subscription != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /**
     * The container of a listener.
     * @param id the listener id
     * @return the container, or {@code null} when no listener has that id
     */
    public @Nullable ZreListenerContainer getListenerContainer(String id) {
        return this.containers.get(id);
    }

    /** The ids of the registered listeners. */
    public Set<String> getListenerContainerIds() {
        return Collections.unmodifiableSet(this.containers.keySet());
    }

    /** The containers by listener id (running or not). */
    public Map<String, ZreListenerContainer> getContainers() {
        return Collections.unmodifiableMap(this.containers);
    }

}
