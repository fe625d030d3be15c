package dev.zre.spring.event;

import dev.zre.Subscription;
import dev.zre.ZreEvent;
import dev.zre.ZreNode;
import dev.zre.spring.listener.OverflowPolicy;
import dev.zre.spring.listener.ZreEventHandOff;
import dev.zre.spring.listener.ZreListenerRegistry;
import java.time.Duration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Publishes every event of a node as a Spring application event whose payload is the
 * {@link ZreEvent} record, so that {@code @EventListener void on(ZreEvent.Enter enter)} works.
 * Publishing happens on a thread of its own behind a bounded {@link ZreEventHandOff}, in the order the
 * node reported the events.
 */
public class ZreApplicationEventBridge implements SmartLifecycle {

    private static final Log logger = LogFactory.getLog(ZreApplicationEventBridge.class);

    private final ZreNode node;

    private final ZreEventHandOff handOff;

    private final Duration shutdownTimeout;

    private volatile @Nullable Subscription subscription;

    /**
     * Creates a bridge.
     * @param node the node whose events are published
     * @param publisher where to publish them
     * @param capacity messages queued at most
     * @param policy what a full queue does
     * @param shutdownTimeout how long stopping waits for queued events
     */
    public ZreApplicationEventBridge(ZreNode node, ApplicationEventPublisher publisher, int capacity,
            OverflowPolicy policy, Duration shutdownTimeout) {
        Assert.notNull(node, "'node' must not be null");
        Assert.notNull(publisher, "'publisher' must not be null");
        this.node = node;
        this.shutdownTimeout = shutdownTimeout;
        this.handOff = new ZreEventHandOff("zre-application-events", capacity, policy, (event) -> publish(publisher, event));
    }

    private static void publish(ApplicationEventPublisher publisher, ZreEvent event) {
        try {
            publisher.publishEvent(event);
        }
        catch (IllegalStateException ex) {
            // the context is closing
            logger.debug("Could not publish " + event.type() + ": " + ex.getMessage());
        }
    }

    @Override
    public synchronized void start() {
        if (this.subscription == null) {
            this.handOff.start();
            this.subscription = this.node.subscribe(this.handOff::offer);
        }
    }

    @Override
    public synchronized void stop() {
        Subscription current = this.subscription;
        if (current != null) {
            current.close();
            this.subscription = null;
            this.handOff.stop(this.shutdownTimeout);
        }
    }

    @Override
    public boolean isRunning() {
        return this.subscription != null;
    }

    @Override
    public int getPhase() {
        return ZreListenerRegistry.PHASE;
    }

    /** Messages not published because the queue was full. */
    public long getDropped() {
        return this.handOff.getDropped();
    }

}
