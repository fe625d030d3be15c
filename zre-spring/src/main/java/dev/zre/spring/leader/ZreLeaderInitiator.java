package dev.zre.spring.leader;

import dev.zre.PeerId;
import dev.zre.Subscription;
import dev.zre.ZreEvent;
import dev.zre.ZreNode;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.leader.Candidate;
import org.springframework.integration.leader.Context;
import org.springframework.integration.leader.event.DefaultLeaderEventPublisher;
import org.springframework.integration.leader.event.LeaderEventPublisher;
import org.springframework.util.Assert;

/**
 * Drives a Spring Integration {@link Candidate} through the leader election of the ZRE group named
 * by its {@link Candidate#getRole() role}, like Spring Integration's own leader initiators (lock
 * registry, ZooKeeper, Hazelcast), so code written for them works unchanged.
 * <ul>
 * <li>{@link #start()} contests the role's group (and joins it).</li>
 * <li>When an election names this node, the candidate's {@code onGranted} runs, then an
 * {@code OnGrantedEvent} is published.</li>
 * <li>When another node is elected, when this node is no longer in the group or no longer running, and on
 * {@link #stop()}, {@code onRevoked} runs, then an {@code OnRevokedEvent} is published.</li>
 * <li>{@link Context#yield()} revokes, leaves the group so that the other members elect a leader among
 * themselves, and joins and contests again after the yield time. The lowest id wins every ZRE election,
 * so a node that was the lowest takes the leadership back when it returns.</li>
 * <li>{@link #stop()} leaves the group: ZRE has no way to stop contesting while staying in it, and a node
 * that contests without a running candidate would be a leader nobody acts for.</li>
 * </ul>
 * Leaving and joining act on the whole group: give each role a group of its own. Callbacks and events run on
 * one thread of this initiator, in order. ZRE's election is not consensus: in a partition each side has a
 * leader, and two nodes may briefly both be granted (see zre-core's README).
 */
public class ZreLeaderInitiator implements SmartLifecycle, ApplicationEventPublisherAware {

    /** The default phase: started late and stopped early, like Spring Integration's initiators. */
    public static final int PHASE = Integer.MAX_VALUE - 1000;

    private static final Log logger = LogFactory.getLog(ZreLeaderInitiator.class);

    /** How often membership is checked: leaving a group or a node failing produces no election event. */
    private static final Duration MEMBERSHIP_CHECK = Duration.ofMillis(500);

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final ZreNode node;

    private final Candidate candidate;

    private final LeaderContext context = new LeaderContext();

    private @Nullable LeaderEventPublisher leaderEventPublisher;

    private Duration yieldTime = Duration.ofSeconds(10);

    private boolean autoStartup = true;

    private int phase = PHASE;

    private volatile boolean leader;

    private volatile @Nullable ScheduledExecutorService executor;

    private @Nullable Subscription subscription;

    private @Nullable ScheduledFuture<?> rejoin;

    /**
     * Creates an initiator.
     * @param node the node whose election decides
     * @param candidate the candidate; its role is the ZRE group
     */
    public ZreLeaderInitiator(ZreNode node, Candidate candidate) {
        Assert.notNull(node, "'node' must not be null");
        Assert.notNull(candidate, "'candidate' must not be null");
        Assert.hasText(candidate.getRole(), "'candidate' must have a role (the ZRE group)");
        this.node = node;
        this.candidate = candidate;
    }

    /**
     * Sets where {@code OnGrantedEvent} and {@code OnRevokedEvent} go; by default a
     * {@link DefaultLeaderEventPublisher} on the application context.
     * @param leaderEventPublisher the publisher
     */
    public void setLeaderEventPublisher(LeaderEventPublisher leaderEventPublisher) {
        this.leaderEventPublisher = leaderEventPublisher;
    }

    @Override
    public void setApplicationEventPublisher(ApplicationEventPublisher applicationEventPublisher) {
        if (this.leaderEventPublisher == null) {
            this.leaderEventPublisher = new DefaultLeaderEventPublisher(applicationEventPublisher);
        }
    }

    /**
     * Sets how long a node whose candidate yielded stays out of the group (10 s by default).
     * @param yieldTime a positive duration
     */
    public void setYieldTime(Duration yieldTime) {
        Assert.isTrue(yieldTime != null && !yieldTime.isNegative() && !yieldTime.isZero(),
                "'yieldTime' must be a positive duration");
        this.yieldTime = yieldTime;
    }

    public void setAutoStartup(boolean autoStartup) {
        this.autoStartup = autoStartup;
    }

    public void setPhase(int phase) {
        this.phase = phase;
    }

    /** The candidate this initiator drives. */
    public Candidate getCandidate() {
        return this.candidate;
    }

    /** The context handed to the candidate: whether it leads, and a way to yield. */
    public Context getContext() {
        return this.context;
    }

    @Override
    public synchronized void start() {
        if (this.executor != null) {
            return;
        }
        String role = this.candidate.getRole();
        ScheduledExecutorService next = Executors.newSingleThreadScheduledExecutor((runnable) -> {
            Thread thread = new Thread(runnable, "zre-leader-" + role);
            thread.setDaemon(true);
            return thread;
        });
        this.executor = next;
        this.subscription = this.node.subscribe(this::onEvent);
        this.node.contest(role);
        long check = MEMBERSHIP_CHECK.toMillis();
        // cancelled by the executor's shutdown on stop
        java.util.concurrent.ScheduledFuture<?> unused = next.scheduleWithFixedDelay(this::checkMembership, check, check,
                TimeUnit.MILLISECONDS);
        // an election may have completed before the subscription
        next.execute(() -> this.node.leader(role).ifPresent(this::elected));
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService current = this.executor;
        if (current == null) {
            return;
        }
        Subscription events = this.subscription;
        if (events != null) {
            events.close();
            this.subscription = null;
        }
        current.execute(() -> {
            cancelRejoin();
            revoke("stopped");
            this.node.leave(this.candidate.getRole());
        });
        current.shutdown();
        try {
            if (!current.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                logger.warn("Leader initiator of role '" + this.candidate.getRole() + "' did not stop within "
                        + STOP_TIMEOUT + "; interrupting the candidate");
                current.shutdownNow();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        this.executor = null;
    }

    @Override
    public boolean isRunning() {
        return this.executor != null;
    }

    @Override
    public boolean isAutoStartup() {
        return this.autoStartup;
    }

    @Override
    public int getPhase() {
        return this.phase;
    }

    /** On the node's event thread: only hands the events that matter over to this initiator's thread. */
    private void onEvent(ZreEvent event) {
        if (event instanceof ZreEvent.Leader elected && elected.group().equals(this.candidate.getRole())) {
            submit(() -> elected(elected.leader()));
        }
        else if (event instanceof ZreEvent.Stop) {
            submit(() -> revoke("the node stopped"));
        }
    }

    private void submit(Runnable task) {
        ScheduledExecutorService current = this.executor;
        if (current != null && !current.isShutdown()) {
            current.execute(task);
        }
    }

    private void elected(UUID elected) {
        if (elected.equals(this.node.uuid())) {
            grant();
        }
        else {
            revoke("another node was elected");
        }
    }

    private void checkMembership() {
        if (this.leader && (!this.node.isRunning() || !this.node.ownGroups().contains(this.candidate.getRole()))) {
            revoke("this node is no longer in the group");
        }
    }

    private void grant() {
        if (this.leader) {
            return;
        }
        this.leader = true;
        try {
            this.candidate.onGranted(this.context);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return;
        }
        catch (RuntimeException ex) {
            logger.error("Candidate " + this.candidate.getId() + " failed when granted the role '"
                    + this.candidate.getRole() + "'", ex);
        }
        publish((publisher) -> publisher.publishOnGranted(this, this.context, this.candidate.getRole()));
    }

    private void revoke(String why) {
        if (!this.leader) {
            return;
        }
        this.leader = false;
        logger.debug("Leadership of role '" + this.candidate.getRole() + "' revoked: " + why);
        try {
            this.candidate.onRevoked(this.context);
        }
        catch (RuntimeException ex) {
            logger.error("Candidate " + this.candidate.getId() + " failed when revoked the role '"
                    + this.candidate.getRole() + "'", ex);
        }
        publish((publisher) -> publisher.publishOnRevoked(this, this.context, this.candidate.getRole()));
    }

    private void publish(Consumer<LeaderEventPublisher> publication) {
        LeaderEventPublisher publisher = this.leaderEventPublisher;
        if (publisher != null) {
            try {
                publication.accept(publisher);
            }
            catch (RuntimeException ex) {
                logger.debug("Could not publish a leader event: " + ex.getMessage());
            }
        }
    }

    private void yieldLeadership() {
        if (!this.leader) {
            return;
        }
        String role = this.candidate.getRole();
        revoke("the candidate yielded");
        this.node.leave(role);
        ScheduledExecutorService current = this.executor;
        if (current != null && !current.isShutdown()) {
            this.rejoin = current.schedule(() -> this.node.contest(role), this.yieldTime.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void cancelRejoin() {
        ScheduledFuture<?> pending = this.rejoin;
        if (pending != null) {
            pending.cancel(false);
            this.rejoin = null;
        }
    }

    @Override
    public String toString() {
        return "ZreLeaderInitiator{role=" + this.candidate.getRole() + ", candidate=" + this.candidate.getId()
                + ", leader=" + this.leader + "}";
    }

    /** What the candidate sees: whether this node leads its role, and a way to give it up. */
    private final class LeaderContext implements Context {

        @Override
        public boolean isLeader() {
            return ZreLeaderInitiator.this.leader;
        }

        @Override
        public void yield() {
            submit(ZreLeaderInitiator.this::yieldLeadership);
        }

        @Override
        public String getRole() {
            return ZreLeaderInitiator.this.candidate.getRole();
        }

        /** The leader the node knows of, for logs. */
        Optional<UUID> leader() {
            return ZreLeaderInitiator.this.node.leader(getRole());
        }

        @Override
        public String toString() {
            return "ZreLeaderContext{role=" + getRole() + ", isLeader=" + isLeader() + ", leader="
                    + leader().map(PeerId::of).map(Object::toString).orElse("none") + "}";
        }

    }

}
