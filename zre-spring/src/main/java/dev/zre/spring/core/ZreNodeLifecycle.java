package dev.zre.spring.core;

import dev.zre.ZreException;
import dev.zre.ZreNode;
import java.time.Duration;
import java.util.function.Function;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Starts a {@link ZreNode} late in the context's startup (after the web server, when listeners are
 * ready) and stops it early in the shutdown with {@link ZreNode#stop(Duration)}: it leaves its groups,
 * so peers see LEAVE, gives those messages a short grace period to go out, and then stops, so peers
 * see EXIT. The node keeps its groups and joins them again when the lifecycle starts again.
 */
public class ZreNodeLifecycle implements SmartLifecycle {

    /**
     * The phase of the node: late start, early stop. Listener containers use a lower phase so they
     * are ready before the first event and still deliver the last one.
     */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

    private static final Log logger = LogFactory.getLog(ZreNodeLifecycle.class);

    private final ZreNode node;

    private final boolean failOnStartError;

    private final Duration leaveGracePeriod;

    private final Function<? super ZreException, ? extends RuntimeException> startFailureTranslator;

    private volatile boolean running;

    /**
     * Creates a lifecycle for a node.
     * @param node the node
     * @param failOnStartError whether a node that cannot start fails the context's startup
     * @param leaveGracePeriod how long stopping waits at most for the LEAVE messages to go out;
     * {@link Duration#ZERO} stops without leaving the groups first
     */
    public ZreNodeLifecycle(ZreNode node, boolean failOnStartError, Duration leaveGracePeriod) {
        this(node, failOnStartError, leaveGracePeriod, Function.identity());
    }

    /**
     * Creates a lifecycle for a node whose start failures are reported in the caller's terms.
     * @param node the node
     * @param failOnStartError whether a node that cannot start fails the context's startup
     * @param leaveGracePeriod how long stopping waits at most for the LEAVE messages to go out;
     * {@link Duration#ZERO} stops without leaving the groups first
     * @param startFailureTranslator turns the failure of a node that cannot start into the exception
     * that fails the context's startup, e.g. one that names the configuration property of a rejected
     * setting
     */
    public ZreNodeLifecycle(ZreNode node, boolean failOnStartError, Duration leaveGracePeriod,
            Function<? super ZreException, ? extends RuntimeException> startFailureTranslator) {
        Assert.notNull(node, "'node' must not be null");
        Assert.notNull(leaveGracePeriod, "'leaveGracePeriod' must not be null");
        Assert.isTrue(!leaveGracePeriod.isNegative(), "'leaveGracePeriod' must not be negative");
        Assert.notNull(startFailureTranslator, "'startFailureTranslator' must not be null");
        this.node = node;
        this.failOnStartError = failOnStartError;
        this.leaveGracePeriod = leaveGracePeriod;
        this.startFailureTranslator = startFailureTranslator;
    }

    @Override
    public void start() {
        try {
            this.node.start();
            logger.info("ZRE node '" + this.node.name() + "' started on " + this.node.interfaceName().orElse("?")
                    + " at " + this.node.endpoint().orElse("?"));
        }
        catch (ZreException ex) {
            if (this.failOnStartError) {
                throw this.startFailureTranslator.apply(ex);
            }
            logger.error("ZRE node '" + this.node.name() + "' could not start; the application goes on without it "
                    + "(zre.fail-on-start-error=false)", ex);
        }
        this.running = true;
    }

    @Override
    public void stop() {
        this.running = false;
        this.node.stop(this.leaveGracePeriod);
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
