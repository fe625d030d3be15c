package dev.zre.spring.cloud.discovery;

import dev.zre.Subscription;
import dev.zre.ZreEvent;
import dev.zre.ZreNode;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes a Spring Cloud {@link HeartbeatEvent} each time a peer ENTERs or EXITs, so that whatever
 * caches service instances (LoadBalancer, gateways, ...) refreshes at once instead of after its TTL.
 * The event's value is a counter of membership changes.
 */
public final class ZreDiscoveryHeartbeat implements InitializingBean, DisposableBean {

    private final ZreNode node;
    private final Object source;
    private final ApplicationEventPublisher publisher;
    private final AtomicLong changes = new AtomicLong();
    private @Nullable Subscription subscription;

    /**
     * @param node the node whose membership changes count
     * @param source the event source, usually the {@link ZreDiscoveryClient}
     * @param publisher where the events go
     */
    public ZreDiscoveryHeartbeat(ZreNode node, Object source, ApplicationEventPublisher publisher) {
        this.node = Objects.requireNonNull(node, "node");
        this.source = Objects.requireNonNull(source, "source");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    @Override
    public void afterPropertiesSet() {
        subscription = node.subscribe(this::onEvent);
    }

    private void onEvent(ZreEvent event) {
        if (event instanceof ZreEvent.Enter || event instanceof ZreEvent.Exit) {
            publisher.publishEvent(new HeartbeatEvent(source, changes.incrementAndGet()));
        }
    }

    /** Membership changes seen so far (the value of the last event). */
    public long changes() {
        return changes.get();
    }

    @Override
    public void destroy() {
        Subscription s = subscription;
        if (s != null) {
            s.close();
        }
    }
}
