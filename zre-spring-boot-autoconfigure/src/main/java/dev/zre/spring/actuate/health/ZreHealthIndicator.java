package dev.zre.spring.actuate.health;

import dev.zre.NodeState;
import dev.zre.ZreNode;
import java.time.Duration;
import java.time.Instant;
import java.util.TreeSet;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.util.Assert;

/**
 * Health of a ZRE node: UP while it runs (a lone node is healthy), DOWN when it failed or has fewer
 * peers than a configured minimum, OUT_OF_SERVICE when it is not running (not started yet, stopping or
 * stopped).
 */
public class ZreHealthIndicator extends AbstractHealthIndicator {

    private final ZreNode node;

    private final int minPeers;

    /**
     * Creates an indicator.
     * @param node the node
     * @param minPeers the fewest peers a healthy node has; 0 for no minimum
     */
    public ZreHealthIndicator(ZreNode node, int minPeers) {
        super("ZRE health check failed");
        Assert.notNull(node, "'node' must not be null");
        Assert.isTrue(minPeers >= 0, "'minPeers' must not be negative");
        this.node = node;
        this.minPeers = minPeers;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        NodeState state = this.node.state();
        builder.withDetail("name", this.node.name()).withDetail("uuid", this.node.uuid()).withDetail("state", state);
        if (state == NodeState.FAILED) {
            builder.down();
            this.node.failure().ifPresent(builder::withException);
            return;
        }
        if (state != NodeState.RUNNING) {
            builder.outOfService();
            return;
        }
        int peers = this.node.peers().size();
        builder.withDetail("peers", peers).withDetail("groups", new TreeSet<>(this.node.ownGroups()));
        this.node.startedAt()
            .ifPresent((at) -> builder.withDetail("uptime", Duration.between(at, Instant.now()).toString()));
        if (peers < this.minPeers) {
            builder.down().withDetail("minPeers", this.minPeers);
        }
        else {
            builder.up();
        }
    }

}
