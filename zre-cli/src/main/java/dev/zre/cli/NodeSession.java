package dev.zre.cli;

import dev.zre.InvalidZreSettingException;
import dev.zre.PeerId;
import dev.zre.ZreConfig;
import dev.zre.ZreEvent;
import dev.zre.ZreEventListener;
import dev.zre.ZreException;
import dev.zre.ZreNode;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One running node for one command: started from the common options, stopped on close or by the
 * JVM shutdown hook (Ctrl-C, SIGTERM), which sends the port-0 beacon so peers see EXIT at once.
 */
final class NodeSession implements AutoCloseable {

    private static final long POLL_MILLIS = 20;
    private static final long READY_WAIT_SECONDS = 10;

    private final ZreNode node;
    private final @Nullable Thread hook;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CompletableFuture<Void> lost = new CompletableFuture<>();
    private volatile boolean closing;

    /**
     * Starts a node.
     *
     * @param listener receives every event on the node's event thread, subscribed before start;
     *        events wait until {@code onReady} has run, so a READY line always comes first
     * @param onReady runs once the node is running (prints READY or a banner)
     * @throws picocli.CommandLine.ParameterException when an option value is not allowed (exit code 2)
     * @throws CliFailure when the node cannot start for another reason (exit code 1)
     */
    NodeSession(Io io, NodeOptions options, List<String> groups, @Nullable ZreEventListener listener,
            Consumer<ZreNode> onReady) {
        ZreConfig config = options.toConfig(groups);
        this.node = new ZreNode(config);
        node.subscribe(event -> {
            awaitReady();
            if (listener != null) {
                listener.onEvent(event);
            }
            if (event instanceof ZreEvent.Stop && !closing) {
                lost.completeExceptionally(new CliFailure("the ZRE node stopped unexpectedly"
                        + node.failure().map(f -> ": " + f).orElse("")));
            }
        });
        try {
            try {
                node.start();
            } catch (ZreException | IllegalArgumentException e) {
                closing = true;
                Optional<InvalidZreSettingException> invalid = InvalidZreSettingException.in(e);
                if (invalid.isPresent()) {
                    throw options.usage(invalid.get());
                }
                throw new CliFailure("the ZRE node could not start: " + e.getMessage(), e);
            }
            if (io.shutdownHook()) {
                Thread h = new Thread(() -> {
                    closing = true;
                    node.stop();
                }, "zre-shutdown");
                Runtime.getRuntime().addShutdownHook(h);
                this.hook = h;
            } else {
                this.hook = null;
            }
            onReady.accept(node);
        } finally {
            ready.countDown();
        }
    }

    private void awaitReady() {
        try {
            ready.await(READY_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Throws the {@link CliFailure} of a node that stopped by itself (its protocol thread died);
     * returns normally while running or when this tool is stopping it (close, Ctrl-C, SIGTERM).
     */
    void checkRunning() {
        if (!node.isRunning() && !closing) {
            throw new CliFailure("the ZRE node stopped unexpectedly" + node.failure().map(f -> ": " + f).orElse(""));
        }
    }

    /** Fails with a {@link CliFailure} if the node stops without {@link #close()} (its protocol thread died). */
    CompletableFuture<Void> lost() {
        return lost;
    }

    ZreNode node() {
        return node;
    }

    /** Stops the node (port-0 beacon, sockets closed, STOP delivered). */
    @Override
    public void close() {
        closing = true;
        node.stop();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already; the hook stops the node (again, harmlessly)
            }
        }
    }

    // ------------------------------------------------------------------ peers by UUID, name or prefix

    /**
     * The connected peers a user's word names: a UUID (32 hex digits or dashed), else every peer of
     * that exact name, else every peer whose UUID starts with those (at least 4) hex digits.
     */
    Set<UUID> match(String spec) {
        String s = spec.trim();
        Set<UUID> peers = node.peers();
        if (s.length() == 32 || s.length() == 36) {
            try {
                UUID uuid = PeerId.parse(s).uuid();
                return peers.contains(uuid) ? Set.of(uuid) : Set.of();
            } catch (IllegalArgumentException e) {
                // not a UUID: maybe a name
            }
        }
        Set<UUID> byName = new LinkedHashSet<>();
        for (UUID p : peers) {
            if (node.peerName(p).map(s::equals).orElse(false)) {
                byName.add(p);
            }
        }
        if (!byName.isEmpty() || !s.matches("[0-9a-fA-F]{4,31}")) {
            return byName;
        }
        String prefix = s.toUpperCase(Locale.ROOT);
        return peers.stream().filter(p -> PeerId.of(p).toString().startsWith(prefix)).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /**
     * The one peer a word names.
     *
     * @throws IllegalArgumentException saying which peers are known when none or several match
     */
    UUID resolve(String spec) {
        Set<UUID> found = match(spec);
        if (found.size() == 1) {
            return found.iterator().next();
        }
        if (found.isEmpty()) {
            return fail("no peer '" + spec + "' is known", node.peers());
        }
        return fail("'" + spec + "' names " + found.size() + " peers; use the UUID", found);
    }

    private UUID fail(String why, Set<UUID> list) {
        String known = list.stream()
                .map(p -> node.peerName(p).orElse("?") + " " + PeerId.of(p))
                .sorted()
                .collect(Collectors.joining(", "));
        throw new IllegalArgumentException(why + (list.isEmpty() ? " (no peers yet)" : " (peers: " + known + ")"));
    }

    /** Waits until at least {@code min} peers are in the group; whether they are. */
    boolean awaitGroup(String group, int min, Duration timeout) throws InterruptedException {
        return await(timeout, () -> node.peersByGroup(group).size() >= min);
    }

    /** Waits until a peer matching the word is connected; whether one is. */
    boolean awaitPeer(String spec, Duration timeout) throws InterruptedException {
        return await(timeout, () -> !match(spec).isEmpty());
    }

    static boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }

    /** Human text for a duration: 500ms, 5s, 1.5s. */
    static String describe(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 == 0) {
            return (ms / 1000) + "s";
        }
        return ms < 1000 ? ms + "ms" : String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }
}
