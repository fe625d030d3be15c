package dev.zre.spring.actuate.metrics;

import dev.zre.ZreEvent;
import dev.zre.spring.listener.ZreListenerContainer;
import dev.zre.spring.listener.ZreListenerObserver;
import dev.zre.spring.listener.ZreListenerRegistry;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * Times every {@code @ZreListener} invocation ({@code zre.listener}, tagged {@code id} and
 * {@code outcome} = success or error) and counts the messages listener queues dropped
 * ({@code zre.listener.dropped}).
 */
public class ZreListenerMetrics implements MeterBinder, ZreListenerObserver {

    private final ZreListenerRegistry listeners;

    private volatile @Nullable MeterRegistry registry;

    /** One timer per listener id and outcome, registered on first use instead of looked up per call. */
    private final Map<String, Timer> successTimers = new ConcurrentHashMap<>();

    private final Map<String, Timer> errorTimers = new ConcurrentHashMap<>();

    /**
     * Creates the binder.
     * @param listeners the listener registry
     */
    public ZreListenerMetrics(ZreListenerRegistry listeners) {
        Assert.notNull(listeners, "'listeners' must not be null");
        this.listeners = listeners;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        FunctionCounter
            .builder("zre.listener.dropped", this.listeners,
                    (l) -> l.getContainers().values().stream().mapToLong(ZreListenerContainer::getDropped).sum())
            .description("WHISPER and SHOUT events dropped by full @ZreListener queues")
            .register(registry);
    }

    @Override
    public void invoked(String listenerId, ZreEvent event, long nanos, boolean failure) {
        MeterRegistry registry = this.registry;
        if (registry != null) {
            Map<String, Timer> timers = failure ? this.errorTimers : this.successTimers;
            timers.computeIfAbsent(listenerId, (id) -> timer(registry, id, failure))
                .record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    private static Timer timer(MeterRegistry registry, String listenerId, boolean failure) {
        return Timer.builder("zre.listener")
            .description("@ZreListener invocations")
            .tag("id", listenerId)
            .tag("outcome", failure ? "error" : "success")
            .register(registry);
    }

}
