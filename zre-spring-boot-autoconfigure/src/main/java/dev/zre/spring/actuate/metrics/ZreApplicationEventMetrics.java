package dev.zre.spring.actuate.metrics;

import dev.zre.spring.event.ZreApplicationEventBridge;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.util.Assert;

/**
 * Counts the WHISPER and SHOUT events the {@link ZreApplicationEventBridge} dropped because its queue
 * was full ({@code zre.application.events.dropped}): {@code @EventListener} methods never saw them.
 */
public class ZreApplicationEventMetrics implements MeterBinder {

    private final ZreApplicationEventBridge bridge;

    /**
     * Creates the binder.
     * @param bridge the bridge whose drops are counted
     */
    public ZreApplicationEventMetrics(ZreApplicationEventBridge bridge) {
        Assert.notNull(bridge, "'bridge' must not be null");
        this.bridge = bridge;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter
            .builder("zre.application.events.dropped", this.bridge, ZreApplicationEventBridge::getDropped)
            .description("WHISPER and SHOUT events not published as application events because the queue was full")
            .register(registry);
    }

}
