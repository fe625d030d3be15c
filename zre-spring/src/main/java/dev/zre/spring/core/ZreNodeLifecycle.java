package dev.zre.spring.core;

import dev.zre.NodeState;
import dev.zre.ZreException;
import dev.zre.ZreNode;
import dev.zre.ZreStatistics;
import dev.zre.protocol.Command;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Starts a {@link ZreNode} late in the context's startup (after the web server, when listeners are
 * ready) and stops it early in the shutdown: it leaves its groups, so peers see LEAVE, gives those
 * messages a short grace period to go out, and then stops, so peers see EXIT. Groups left this way are
 * joined again when the lifecycle starts again.
 */
public class ZreNodeLifecycle implements SmartLifecycle {

    /**
     * The phase of the node: late start, early stop. Listener containers use a lower phase so they
     * are ready before the first event and still deliver the last one.
     */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

    private static final long FLUSH_MILLIS = 100;

    private static final Log logger = LogFactory.getLog(ZreNodeLifecycle.class);

    private final ZreNode node;

    private final boolean failOnStartError;

    private final Duration leaveGracePeriod;

    private final Set<String> groupsToRejoin = new LinkedHashSet<>();

    private volatile boolean running;

    /**
     * Creates a lifecycle for a node.
     * @param node the node
     * @param failOnStartError whether a node that cannot start fails the context's startup
     * @param leaveGracePeriod how long stopping waits at most for the LEAVE messages to go out;
     * {@link Duration#ZERO} stops without leaving the groups first
     */
    public ZreNodeLifecycle(ZreNode node, boolean failOnStartError, Duration leaveGracePeriod) {
        Assert.notNull(node, "'node' must not be null");
        Assert.isTrue(!leaveGracePeriod.isNegative(), "'leaveGracePeriod' must not be negative");
        this.node = node;
        this.failOnStartError = failOnStartError;
        this.leaveGracePeriod = leaveGracePeriod;
    }

    @Override
    public void start() {
        this.groupsToRejoin.forEach(this.node::join);
        this.groupsToRejoin.clear();
        try {
            this.node.start();
            logger.info("ZRE node '" + this.node.name() + "' started on " + this.node.interfaceName().orElse("?")
                    + " at " + this.node.endpoint().orElse("?"));
        }
        catch (ZreException ex) {
            if (this.failOnStartError) {
                throw ex;
            }
            logger.error("ZRE node '" + this.node.name() + "' could not start; the application goes on without it "
                    + "(zre.fail-on-start-error=false)", ex);
        }
        this.running = true;
    }

    @Override
    public void stop() {
        this.running = false;
        if (this.node.state() == NodeState.RUNNING && !this.leaveGracePeriod.isZero()) {
            leaveGroups();
        }
        this.node.stop();
    }

    private void leaveGroups() {
        Set<String> groups = this.node.ownGroups();
        if (groups.isEmpty()) {
            return;
        }
        ZreStatistics statistics = this.node.statistics();
        int peers = this.node.peers().size();
        long expected = statistics.messagesSent(Command.LEAVE) + (long) groups.size() * peers;
        this.groupsToRejoin.addAll(groups);
        groups.forEach(this.node::leave);
        if (peers == 0) {
            return;
        }
        long deadline = System.nanoTime() + this.leaveGracePeriod.toNanos();
        try {
            while (statistics.messagesSent(Command.LEAVE) < expected && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            // the messages are handed to ZeroMQ; let them reach the wire before the sockets close
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            Thread.sleep(Math.max(0, Math.min(left, FLUSH_MILLIS)));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

}
