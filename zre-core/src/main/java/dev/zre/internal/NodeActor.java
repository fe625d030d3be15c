package dev.zre.internal;

import dev.zre.MessageType;
import dev.zre.ZreConfig;
import dev.zre.ZreEvent;
import dev.zre.ZreException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol thread of one node, like zyre's {@code zyre_node}: it alone owns the sockets and
 * timers, and reacts to one thing at a time — a command from the application, a message on the
 * mailbox, a discovery's channel or timer, or the liveness check. The work itself is done by the
 * parts a {@link RunningNode} wires together (zre-core's README has the map). Nothing here is
 * shared with other threads except the command queue (in), the {@link ClusterView} and the
 * statistics (out). Not public API.
 */
public final class NodeActor {

    private static final Logger log = LoggerFactory.getLogger(NodeActor.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final ZreConfig config;
    private final UUID uuid;
    private final String name;
    private final NodeCounters stats;
    private final EventDispatcher dispatcher;
    private final Consumer<Throwable> onDeath;
    private final OwnGroups ownGroups;
    private final CommandQueue commands;
    private final PeerTable peers;
    private final GroupTable groups = new GroupTable();
    private final NodeEvents events;
    private final LivenessMonitor liveness;
    private final ProtocolErrors errors;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String endpoint = "";
    private volatile String interfaceName = "";
    /** Each group's leader as last decided; written on the actor thread, read by any. */
    private final ConcurrentHashMap<String, UUID> leaders = new ConcurrentHashMap<>();
    /**
     * Held by the protocol thread whenever it is not waiting in its poll, and by an application
     * thread while it sends: the sockets and tables are used by one thread at a time. Fair, so that
     * a thread sending in a tight loop cannot keep the protocol thread out.
     */
    private final ReentrantLock lock = new ReentrantLock(true);
    /** Set with the lock held while the sockets are open. */
    private @Nullable RunningNode node;

    public NodeActor(ZreConfig config, UUID uuid, String name, Set<String> groups, NodeCounters stats,
            EventDispatcher events, Consumer<Throwable> onDeath) {
        this.config = config;
        this.uuid = uuid;
        this.name = name;
        this.stats = stats;
        this.dispatcher = events;
        this.onDeath = onDeath;
        this.ownGroups = new OwnGroups(groups);
        this.commands = new CommandQueue();
        this.peers = new PeerTable(config.maxPeers(), config.maxNewPeersPerSecond(), System.nanoTime());
        this.events = new NodeEvents(events, peers);
        this.liveness = new LivenessMonitor(config.evasiveTimeout(), config.expiredTimeout());
        this.errors = new ProtocolErrors(name, stats);
        this.thread = new Thread(this::run, "zre-node-" + name);
        this.thread.setDaemon(true);
    }

    // ================================================================ lifecycle (caller threads)

    /** Starts the thread and waits until the sockets are bound. */
    public void start() {
        dispatcher.start(config.eventQueueCapacity());
        thread.start();
        try {
            started.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = Objects.requireNonNullElse(e.getCause(), e);
            throw cause instanceof ZreException z ? z
                    : new ZreException("ZRE node '" + name + "' could not start: " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            running = false;
            throw new ZreException("ZRE node '" + name + "' did not start within " + START_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            throw new ZreException("interrupted while starting ZRE node '" + name + "'");
        }
    }

    /** Says goodbye, closes everything and waits for the STOP event to be delivered. */
    public void stop(Duration timeout) {
        running = false;
        commands.wake();
        try {
            thread.join(timeout.toMillis());
            dispatcher.awaitStop(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String endpoint() {
        return endpoint;
    }

    public String interfaceName() {
        return interfaceName;
    }

    public ClusterView view() {
        return events.view();
    }

    // ================================================================ commands (caller threads)

    public void join(String group) {
        execute(() -> outgoing().join(group));
    }

    public void leave(String group) {
        execute(() -> outgoing().leave(group));
    }

    public void shout(String group, List<byte[]> frames) {
        execute(() -> outgoing().shout(group, frames));
    }

    /** Takes part in the group's leader elections as a candidate (it joins the group too). */
    public void contest(String group) {
        execute(() -> {
            OutgoingMessages out = outgoing();
            out.join(group);
            out.contest(group);
        });
    }

    /** The group's leader as last decided; empty while none is known (not elected yet, or being re-elected). */
    public Optional<UUID> leader(String group) {
        return Optional.ofNullable(leaders.get(group));
    }

    public void whisper(UUID peer, List<byte[]> frames) {
        execute(() -> outgoing().whisper(peer, frames));
    }

    /**
     * Brings this actor's groups in line with the node's live set, which join()/leave() may have
     * changed after the actor was constructed but before the node could hand it commands. Runs on
     * the actor thread, reading the set at that moment; later join/leave commands follow it.
     */
    public void syncGroups(Set<String> wanted) {
        execute(() -> {
            OutgoingMessages out = outgoing();
            for (String g : List.copyOf(wanted)) {
                out.join(g); // nothing when already a member
            }
            for (String g : ownGroups.list()) {
                if (!wanted.contains(g)) {
                    out.leave(g);
                }
            }
        });
    }

    /**
     * Leaves every group on the wire before a graceful stop: sends LEAVE for each of this actor's
     * groups to every peer and gives each peer's DEALER a linger of {@code linger}, so the queued
     * LEAVEs still go out when the sockets close. Completes on the actor thread with the number of
     * LEAVE messages handed to ZeroMQ. The node, not the actor, remembers the groups for a restart.
     */
    public CompletableFuture<Long> leaveAllGroups(Duration linger) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        execute(() -> {
            try {
                long before = stats.sent(MessageType.LEAVE);
                OutgoingMessages out = outgoing();
                for (String g : ownGroups.list()) {
                    out.leave(g);
                }
                out.lingerAll((int) Math.min(Integer.MAX_VALUE, linger.toMillis()));
                done.complete(stats.sent(MessageType.LEAVE) - before);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /**
     * Runs a command on the calling thread with the node's lock held, after anything queued before
     * it, so that a send costs no thread hand-off: the protocol thread holds the same lock whenever
     * it touches the sockets or the peer table. Queued for the loop instead while no node is
     * running yet, and when called from the protocol thread itself (a protocol-thread listener): the
     * loop runs those as soon as its current turn is over.
     */
    private void execute(Runnable command) {
        if (Thread.currentThread() == thread) {
            commands.add(command); // run by the loop as soon as the current turn is over
            return;
        }
        boolean interrupted = Thread.interrupted(); // JeroMQ would refuse an interrupted thread (EINTR)
        try {
            lock.lock();
            try {
                RunningNode n = node;
                if (n == null) {
                    commands.submit(command);
                    return;
                }
                commands.runAll();
                command.run();
                if (events.hasStaged() || n.hasOverflowed()) {
                    commands.wake(); // the protocol thread delivers events and rebuilds overflowed connections
                }
            } finally {
                lock.unlock();
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Commands run only with the lock held while the node is open. */
    private OutgoingMessages outgoing() {
        RunningNode n = node;
        if (n == null) {
            throw new IllegalStateException("a command ran outside the actor loop");
        }
        return n.outgoing();
    }

    // ================================================================ the thread

    private void run() {
        RunningNode n;
        lock.lock();
        try {
            n = new RunningNode(config, uuid, name, ownGroups, peers, groups, events, liveness, stats, errors, commands,
                    leaders);
            node = n;
        } catch (Throwable e) {
            dispatcher.publish(new ZreEvent.Stop()); // ends the event thread too
            started.completeExceptionally(e);
            return;
        } finally {
            lock.unlock();
        }
        endpoint = n.endpoint();
        interfaceName = n.interfaceName();
        started.complete(null);
        Throwable death = null;
        try {
            while (running) {
                n.awaitWork();
                lock.lock();
                try {
                    n.work();
                    events.deliverStaged();
                    while (!commands.isEmpty()) { // sent by protocol-thread listeners
                        n.runCommands();
                        events.deliverStaged();
                    }
                } finally {
                    lock.unlock();
                }
                events.handOver();
            }
        } catch (Throwable e) {
            death = e;
            log.error("ZRE node '{}' protocol thread died", name, e);
        } finally {
            lock.lock();
            try {
                try {
                    n.sayGoodbye();
                } catch (RuntimeException e) {
                    log.debug("goodbye failed", e);
                }
                n.close();
                node = null;
                leaders.clear();
                dispatcher.publish(new ZreEvent.Stop()); // after whatever this turn staged, all handed over
            } finally {
                lock.unlock();
            }
            if (death != null) {
                onDeath.accept(death);
            }
        }
    }
}
