package dev.zre;

import dev.zre.internal.ClusterView;
import dev.zre.internal.EventDispatcher;
import dev.zre.internal.NodeActor;
import dev.zre.internal.NodeCounters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A ZRE node: it discovers peers by UDP beacon, connects to each over ZeroMQ, joins groups, and
 * SHOUTs to groups and WHISPERs to single peers. Every method is safe to call from any thread. One
 * internal protocol thread receives, keeps the timers and runs discovery; a send runs on the calling
 * thread under the node's lock, which the protocol thread holds whenever it is not waiting. Events
 * reach listeners on the node's event thread ({@link #subscribe}), or on the protocol thread itself
 * ({@link #subscribeOnProtocolThread}).
 *
 * <pre>{@code
 * try (ZreNode node = new ZreNode(ZreConfig.builder().name("alice").networkInterface("loopback").build())) {
 *     node.subscribe(event -> System.out.println(event));
 *     node.start();
 *     node.join("chat");
 *     node.shout("chat", "hello");
 * }
 * }</pre>
 *
 * A node can be started again after {@link #stop()}; it keeps its UUID and its groups.
 */
public final class ZreNode implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    /** How long the LEAVEs of a graceful stop are given to reach the wire before the goodbye. */
    private static final Duration LEAVE_FLUSH = Duration.ofMillis(100);

    private final ZreConfig config;
    private final UUID uuid;
    private final String name;
    private final NodeCounters counters = new NodeCounters();
    private final ZreStatistics statistics = new ZreStatistics(counters);
    private final Set<String> ownGroups = ConcurrentHashMap.newKeySet();
    private final Set<String> contested = ConcurrentHashMap.newKeySet();
    private final List<ZreEventListener> listeners = new CopyOnWriteArrayList<>();
    private final List<ZreEventListener> protocolThreadListeners = new CopyOnWriteArrayList<>();
    private volatile @Nullable NodeActor actor;
    private volatile NodeState state = NodeState.NEW;
    private volatile @Nullable Throwable failure;
    private volatile @Nullable Instant startedAt;

    /** A node with this configuration; nothing happens on the network until {@link #start()}. */
    public ZreNode(ZreConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.uuid = config.uuid() != null ? config.uuid() : UUID.randomUUID();
        this.name = config.name() != null ? config.name() : PeerId.of(uuid).toString().substring(0, 6);
        this.ownGroups.addAll(config.groups());
        this.ownGroups.addAll(config.contested());
        this.contested.addAll(config.contested());
    }

    /**
     * Binds the mailbox and beacon sockets, joins the configured groups and starts discovering.
     * Does nothing when already running.
     *
     * @throws ZreException when the node cannot start, e.g. on an interface or a port this host cannot use
     *         (then caused by an {@link InvalidZreSettingException}, see {@link InvalidZreSettingException#in});
     *         the node is then {@link NodeState#FAILED}
     */
    public synchronized void start() {
        if (state == NodeState.RUNNING) {
            return;
        }
        state = NodeState.STARTING;
        failure = null;
        EventDispatcher dispatcher = new EventDispatcher(name, listeners, protocolThreadListeners, counters);
        NodeActor next = new NodeActor(config, uuid, name, Set.copyOf(ownGroups), counters, dispatcher,
                this::actorDied);
        try {
            next.start();
        } catch (RuntimeException e) {
            failure = e;
            state = NodeState.FAILED;
            throw e instanceof ZreException ? e : new ZreException("ZRE node '" + name + "' could not start: " + e.getMessage(), e);
        }
        actor = next;
        next.syncGroups(ownGroups); // join()/leave() calls made while the actor was being built
        contested.forEach(next::contest);
        startedAt = Instant.now();
        state = NodeState.RUNNING;
    }

    /**
     * Tells the peers this node is leaving (a port-0 beacon), closes every socket and delivers a
     * final {@link ZreEvent.Stop}. Idempotent.
     */
    public synchronized void stop() {
        NodeActor current = actor;
        if (current == null) {
            return;
        }
        state = NodeState.STOPPING;
        current.stop(STOP_TIMEOUT);
        actor = null;
        if (state == NodeState.STOPPING) {
            state = NodeState.STOPPED;
        }
    }

    /**
     * Stops gracefully: leaves every group on the wire (peers see LEAVE), waits until those LEAVE
     * messages are handed out or {@code leaveGrace} has passed, then stops as {@link #stop()} does
     * (peers see EXIT). The node keeps its groups: a later {@link #start()} joins them again.
     * {@link Duration#ZERO} is the same as {@link #stop()}.
     *
     * @param leaveGrace how long to wait at most for the LEAVE messages to go out
     */
    public synchronized void stop(Duration leaveGrace) {
        Objects.requireNonNull(leaveGrace, "leaveGrace");
        if (leaveGrace.isNegative()) {
            throw new IllegalArgumentException("leaveGrace must not be negative: " + leaveGrace);
        }
        NodeActor current = actor;
        if (current != null && state == NodeState.RUNNING && !leaveGrace.isZero()) {
            leaveAllGroups(current, leaveGrace);
        }
        stop();
    }

    private void leaveAllGroups(NodeActor current, Duration leaveGrace) {
        long deadline = System.nanoTime() + leaveGrace.toNanos();
        try {
            long sent = current.leaveAllGroups(leaveGrace).get(leaveGrace.toNanos(), TimeUnit.NANOSECONDS);
            if (sent > 0) {
                // Handed to ZeroMQ, whose I/O thread writes them a moment later; the goodbye beacon
                // travels separately by UDP and must not overtake them.
                long flushNanos = Math.min(LEAVE_FLUSH.toNanos(), deadline - System.nanoTime());
                if (flushNanos > 0) {
                    TimeUnit.NANOSECONDS.sleep(flushNanos);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the grace ended or the protocol thread is gone: stop without waiting longer
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private void actorDied(Throwable cause) {
        failure = cause;
        state = NodeState.FAILED;
    }

    // ------------------------------------------------------------------ identity and state

    /** This node's UUID. */
    public UUID uuid() {
        return uuid;
    }

    /** The name announced in HELLO. */
    public String name() {
        return name;
    }

    /** The headers announced in HELLO. */
    public Map<String, String> headers() {
        return config.headers();
    }

    /** The configuration this node was built with. */
    public ZreConfig config() {
        return config;
    }

    /** Where this node is in its lifecycle. */
    public NodeState state() {
        return state;
    }

    /** Whether the node is running. */
    public boolean isRunning() {
        return state == NodeState.RUNNING;
    }

    /** Why the node failed, when it did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** When the node last started, if it is running. */
    public Optional<Instant> startedAt() {
        return isRunning() ? Optional.ofNullable(startedAt) : Optional.empty();
    }

    /** This node's mailbox endpoint as announced in HELLO (e.g. {@code tcp://127.0.0.1:49152}), once running. */
    public Optional<String> endpoint() {
        NodeActor a = actor;
        return a == null ? Optional.empty() : Optional.of(a.endpoint());
    }

    /** The network interface the node uses (e.g. {@code lo}, {@code eth0}), once running. */
    public Optional<String> interfaceName() {
        NodeActor a = actor;
        return a == null ? Optional.empty() : Optional.of(a.interfaceName());
    }

    /** Live counters of this node; they survive restarts. */
    public ZreStatistics statistics() {
        return statistics;
    }

    // ------------------------------------------------------------------ groups and messages

    /** Joins a group (at once when running, else at start). Joining a group twice does nothing. */
    public void join(String group) {
        ZreConfigChecks.checkGroup("group", group);
        if (ownGroups.add(group)) {
            NodeActor a = actor;
            if (a != null) {
                a.join(group);
            }
        }
    }

    /**
     * Takes part in the group's leader elections as a candidate, as zyre's
     * {@code zyre_set_contest_in_group} does, and joins the group. Among the contesting members the
     * node with the lowest id (zyre's 32-hex form, compared as text) wins; the result comes as a
     * {@link ZreEvent.Leader} after every completed election, and {@link #leader(String)} answers
     * in between. Members that do not contest still relay the election (every node does, or zyre's
     * elections never finish). This is not consensus: see zre-core's README.
     */
    public void contest(String group) {
        ZreConfigChecks.checkGroup("group", group);
        contested.add(group);
        ownGroups.add(group);
        NodeActor a = actor;
        if (a != null) {
            a.contest(group);
        }
    }

    /**
     * The group's leader as last elected: this node's own UUID when it leads. Empty while none is
     * known: before the first election completed, while one is being held again, after the leader
     * left, or when the node is not in the group or not running.
     */
    public Optional<UUID> leader(String group) {
        NodeActor a = actor;
        return a == null ? Optional.empty() : a.leader(group);
    }

    /** Leaves a group. Leaving a group this node is not in does nothing. */
    public void leave(String group) {
        if (ownGroups.remove(group)) {
            NodeActor a = actor;
            if (a != null) {
                a.leave(group);
            }
        }
    }

    /** Sends content frames to every peer in a group (not to this node). */
    public void shout(String group, byte[]... frames) {
        shout(group, Arrays.asList(frames));
    }

    /** Sends content frames to every peer in a group (not to this node). */
    public void shout(String group, List<byte[]> frames) {
        ZreConfigChecks.checkGroup("group", group);
        running().shout(group, checkFrames(frames));
    }

    /** Sends one UTF-8 text frame to every peer in a group. */
    public void shout(String group, String text) {
        shout(group, List.of(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Sends content frames to one peer. Unknown peers are ignored, as zyre does. */
    public void whisper(UUID peer, byte[]... frames) {
        whisper(peer, Arrays.asList(frames));
    }

    /** Sends content frames to one peer. Unknown peers are ignored, as zyre does. */
    public void whisper(UUID peer, List<byte[]> frames) {
        running().whisper(Objects.requireNonNull(peer, "peer"), checkFrames(frames));
    }

    /** Sends one UTF-8 text frame to one peer. */
    public void whisper(UUID peer, String text) {
        whisper(peer, List.of(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<byte[]> checkFrames(List<byte[]> frames) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a message needs at least one content frame");
        }
        for (byte[] f : frames) {
            Objects.requireNonNull(f, "content frame");
        }
        return List.copyOf(frames);
    }

    private NodeActor running() {
        NodeActor a = actor;
        if (a == null) {
            throw new IllegalStateException("ZRE node '" + name + "' is not running (state " + state + ")");
        }
        return a;
    }

    // ------------------------------------------------------------------ queries

    private ClusterView view() {
        NodeActor a = actor;
        return a == null ? ClusterView.EMPTY : a.view();
    }

    /** UUIDs of the connected peers (those that said HELLO). */
    public Set<UUID> peers() {
        return view().peers().keySet();
    }

    /** UUIDs of the peers in a group. */
    public Set<UUID> peersByGroup(String group) {
        return view().members(group);
    }

    /** Groups this node belongs to. */
    public Set<String> ownGroups() {
        return Set.copyOf(ownGroups);
    }

    /** Groups whose leader elections this node contests (see {@link #contest(String)}). */
    public Set<String> contestedGroups() {
        return Set.copyOf(contested);
    }

    /** Groups that at least one peer belongs to. */
    public Set<String> peerGroups() {
        return view().groups().keySet();
    }

    /** A snapshot of one peer. */
    public Optional<PeerSnapshot> peer(UUID peer) {
        return view().snapshot(peer);
    }

    /** Snapshots of every connected peer. */
    public List<PeerSnapshot> peerSnapshots() {
        return view().snapshots();
    }

    /** A peer's name. */
    public Optional<String> peerName(UUID peer) {
        return peer(peer).map(PeerSnapshot::name);
    }

    /** One header of a peer. */
    public Optional<String> peerHeader(UUID peer, String key) {
        return peer(peer).map(p -> p.header(key));
    }

    /** A peer's mailbox endpoint. */
    public Optional<String> peerAddress(UUID peer) {
        return peer(peer).map(PeerSnapshot::address);
    }

    // ------------------------------------------------------------------ events

    /** Delivers every later event to the listener, on the node's event thread. */
    public Subscription subscribe(ZreEventListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Delivers every later event to the listener on the node's protocol thread, as soon as the
     * protocol thread has dealt with what woke it: no hand-off to the event thread, so a reply sent
     * from the listener saves two thread wake-ups (the fastest round trip). For listeners that never
     * block and return quickly (count, hand the event to a non-blocking queue, send a reply):
     * while one runs, the node receives, sends and checks liveness for nobody. A listener must not
     * stop the node. Its sends go out when it returns; its exceptions are counted
     * ({@code LISTENER_ERRORS}) and logged, and delivery goes on.
     *
     * <pre>{@code
     * node.subscribeOnProtocolThread(event -> {
     *     if (event instanceof ZreEvent.Whisper w) {
     *         node.whisper(w.peer(), w.content()); // echo
     *     }
     * });
     * }</pre>
     */
    public Subscription subscribeOnProtocolThread(ZreEventListener listener) {
        Objects.requireNonNull(listener, "listener");
        protocolThreadListeners.add(listener);
        return () -> protocolThreadListeners.remove(listener);
    }

    /** Opens a pollable queue of later events (see {@link ZreInbox}). */
    public ZreInbox openInbox() {
        ZreInbox inbox = new ZreInbox(config.eventQueueCapacity(), counters);
        inbox.attach(subscribe(inbox::offer));
        return inbox;
    }

    @Override
    public String toString() {
        return "ZreNode{" + name + " " + PeerId.of(uuid) + " " + state + "}";
    }
}
