package dev.zre.spring.test;

import dev.zre.PeerId;
import dev.zre.Subscription;
import dev.zre.ZreConfig;
import dev.zre.ZreEvent;
import dev.zre.ZreNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A second, real ZRE node in a test: it finds the application's node, sends it SHOUTs and WHISPERs,
 * and records everything it receives, so a test can check what the application answered.
 *
 * <pre>{@code
 * try (ZreTestPeer peer = ZreTestPeer.named("client").group("orders").start()) {
 *     UUID app = peer.awaitEnter("orders-service").peer();
 *     peer.whisper(app, "ping");
 *     peer.awaitWhisper("pong");
 * }
 * }</pre>
 *
 * <p>Use it in one of three ways: with try-with-resources as above; as a JUnit extension
 * ({@code @RegisterExtension static ZreTestPeer peer = ZreTestPeer.named("client");}: started before the
 * tests of the class, or before each test for an instance field, and closed after them); or as a bean
 * ({@code @Bean ZreTestPeer peer(ZreNode node) { return ZreTestPeer.named("client").sameClusterAs(node).start(); }},
 * closed with the context).
 *
 * <p>The peer joins {@link ZreTestSettings#shared()}, the cluster {@link AutoConfigureZre} puts the
 * application in; {@link #sameClusterAs(ZreNode)} or {@link #in(ZreTestSettings)} pick another. As an
 * extension of a test class annotated with {@code @AutoConfigureZre}, it follows the application's node.
 *
 * <p>The {@code await...} methods look at every event received since {@link #start()} (or
 * {@link #clear()}), so an event that came before the call counts too; they wait up to the
 * {@link #timeout(Duration) timeout} (10 s) and fail with an {@link AssertionError} that lists what was
 * received. They do not consume events: two calls may return the same one.
 */
public final class ZreTestPeer implements AutoCloseable, BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    /** How long an {@code await...} waits unless {@link #timeout(Duration)} says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final Set<String> groups = new LinkedHashSet<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<Consumer<ZreConfig.Builder>> customizers = new ArrayList<>();
    private @Nullable ZreTestSettings settings;
    private Duration timeout = DEFAULT_TIMEOUT;

    private final List<ZreEvent> events = new ArrayList<>();
    private @Nullable ZreNode node;
    private @Nullable Subscription subscription;
    private boolean startedForEachTest;

    private ZreTestPeer(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * A peer that will announce itself with {@code name}; configure it, then {@link #start()} it (or
     * register it as an extension).
     *
     * @param name its node name, as the application sees it
     * @return the peer, not yet started
     */
    public static ZreTestPeer named(String name) {
        return new ZreTestPeer(name);
    }

    // ------------------------------------------------------------------ configuration (before start)

    /** Groups the peer joins at start. */
    public ZreTestPeer group(String... groups) {
        checkNotStarted();
        this.groups.addAll(Arrays.asList(groups));
        return this;
    }

    /** A header the peer announces in HELLO. */
    public ZreTestPeer header(String key, String value) {
        checkNotStarted();
        this.headers.put(key, value);
        return this;
    }

    /** Joins the cluster of these settings instead of {@link ZreTestSettings#shared()}. */
    public ZreTestPeer in(ZreTestSettings settings) {
        checkNotStarted();
        this.settings = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /** Joins the cluster of {@code node}: its beacon port, on loopback, with the test's fast beacons. */
    public ZreTestPeer sameClusterAs(ZreNode node) {
        return in(new ZreTestSettings(node.config().beaconPort()));
    }

    /** Adjusts the node's configuration further (after name, groups, headers and the cluster's settings). */
    public ZreTestPeer configure(Consumer<ZreConfig.Builder> customizer) {
        checkNotStarted();
        this.customizers.add(Objects.requireNonNull(customizer, "customizer"));
        return this;
    }

    /** How long each {@code await...} waits at most (10 s unless set). */
    public ZreTestPeer timeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        this.timeout = timeout;
        return this;
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Starts the node; it records events from now on.
     *
     * @return this peer
     * @throws IllegalStateException when it is already running
     */
    public synchronized ZreTestPeer start() {
        checkNotStarted();
        ZreTestSettings cluster = settings != null ? settings : ZreTestSettings.shared();
        ZreConfig.Builder builder = cluster.configure(ZreConfig.builder().name(name).groups(groups).headers(headers));
        customizers.forEach(c -> c.accept(builder));
        ZreNode started = new ZreNode(builder.build());
        subscription = started.subscribe(this::record);
        node = started;
        started.start();
        return this;
    }

    /** Stops the node (LEAVE, goodbye); the application sees it EXIT. The recorded events stay. */
    @Override
    public synchronized void close() {
        ZreNode running = node;
        if (running == null) {
            return;
        }
        node = null;
        try {
            running.stop();
        } finally {
            Subscription s = subscription;
            if (s != null) {
                s.close();
            }
            subscription = null;
        }
    }

    /** Whether the node is running. */
    public synchronized boolean isRunning() {
        return node != null;
    }

    /** The running node, for anything this class does not offer. */
    public synchronized ZreNode node() {
        ZreNode running = node;
        if (running == null) {
            throw new IllegalStateException("ZreTestPeer '" + name + "' is not running; call start() first");
        }
        return running;
    }

    /** The peer's UUID, as the application sees it. */
    public UUID uuid() {
        return node().uuid();
    }

    /** The peer's name. */
    public String name() {
        return name;
    }

    // ------------------------------------------------------------------ sending

    /** Joins a group. */
    public ZreTestPeer join(String group) {
        node().join(group);
        return this;
    }

    /** Leaves a group. */
    public ZreTestPeer leave(String group) {
        node().leave(group);
        return this;
    }

    /** SHOUTs one UTF-8 text frame (a JSON document, for a typed listener) to a group. */
    public ZreTestPeer shout(String group, String text) {
        node().shout(group, text);
        return this;
    }

    /** SHOUTs content frames to a group. */
    public ZreTestPeer shout(String group, byte[]... frames) {
        node().shout(group, frames);
        return this;
    }

    /** WHISPERs one UTF-8 text frame to a peer. */
    public ZreTestPeer whisper(UUID peer, String text) {
        node().whisper(peer, text);
        return this;
    }

    /** WHISPERs content frames to a peer. */
    public ZreTestPeer whisper(UUID peer, byte[]... frames) {
        node().whisper(peer, frames);
        return this;
    }

    // ------------------------------------------------------------------ waiting and checking

    /** Waits until any peer has entered; returns the first ENTER. */
    public ZreEvent.Enter awaitEnter() {
        return await(ZreEvent.Enter.class, e -> true, "ENTER");
    }

    /** Waits until a peer named {@code peerName} has entered. */
    public ZreEvent.Enter awaitEnter(String peerName) {
        return await(ZreEvent.Enter.class, e -> e.peerName().equals(peerName), "ENTER of '" + peerName + "'");
    }

    /** Waits until the peer {@code peer} has entered. */
    public ZreEvent.Enter awaitEnter(UUID peer) {
        return await(ZreEvent.Enter.class, e -> e.peer().equals(peer), "ENTER of " + PeerId.of(peer));
    }

    /** Waits until some peer has joined {@code group} (so a SHOUT to it reaches that peer). */
    public ZreEvent.Join awaitJoin(String group) {
        return await(ZreEvent.Join.class, e -> e.group().equals(group), "JOIN of group '" + group + "'");
    }

    /** Waits until the peer named {@code peerName} has exited. */
    public ZreEvent.Exit awaitExit(String peerName) {
        return await(ZreEvent.Exit.class, e -> e.peerName().equals(peerName), "EXIT of '" + peerName + "'");
    }

    /** Waits until the peer {@code peer} has exited. */
    public ZreEvent.Exit awaitExit(UUID peer) {
        return await(ZreEvent.Exit.class, e -> e.peer().equals(peer), "EXIT of " + PeerId.of(peer));
    }

    /** Waits for any SHOUT to {@code group}. */
    public ZreEvent.Shout awaitShout(String group) {
        return await(ZreEvent.Shout.class, s -> s.group().equals(group), "SHOUT to '" + group + "'");
    }

    /** Waits for a SHOUT to {@code group} whose first frame is {@code text} in UTF-8. */
    public ZreEvent.Shout awaitShout(String group, String text) {
        return await(ZreEvent.Shout.class, s -> s.group().equals(group) && s.text().equals(text),
                "SHOUT '" + text + "' to '" + group + "'");
    }

    /** Waits for a SHOUT to {@code group} whose content (all frames) is {@code payload}. */
    public ZreEvent.Shout awaitShout(String group, byte[] payload) {
        return await(ZreEvent.Shout.class, s -> s.group().equals(group) && Arrays.equals(s.bytes(), payload),
                "SHOUT of " + payload.length + " bytes to '" + group + "'");
    }

    /** Waits for a SHOUT that matches. */
    public ZreEvent.Shout awaitShout(Predicate<ZreEvent.Shout> match, String description) {
        return await(ZreEvent.Shout.class, match, description);
    }

    /** Waits for any WHISPER. */
    public ZreEvent.Whisper awaitWhisper() {
        return await(ZreEvent.Whisper.class, w -> true, "WHISPER");
    }

    /** Waits for a WHISPER whose first frame is {@code text} in UTF-8. */
    public ZreEvent.Whisper awaitWhisper(String text) {
        return await(ZreEvent.Whisper.class, w -> w.text().equals(text), "WHISPER '" + text + "'");
    }

    /** Waits for a WHISPER whose content (all frames) is {@code payload}. */
    public ZreEvent.Whisper awaitWhisper(byte[] payload) {
        return await(ZreEvent.Whisper.class, w -> Arrays.equals(w.bytes(), payload),
                "WHISPER of " + payload.length + " bytes");
    }

    /** Waits for a WHISPER that matches. */
    public ZreEvent.Whisper awaitWhisper(Predicate<ZreEvent.Whisper> match, String description) {
        return await(ZreEvent.Whisper.class, match, description);
    }

    /**
     * Waits for an event of a type that matches.
     *
     * @param type the event type, e.g. {@code ZreEvent.Leave.class}
     * @param match the condition
     * @param description what is awaited, for the failure message
     * @return the first matching event received
     * @throws AssertionError when none arrived within the timeout
     */
    public <T extends ZreEvent> T await(Class<T> type, Predicate<? super T> match, String description) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (events) {
            while (true) {
                for (ZreEvent event : events) {
                    if (type.isInstance(event) && match.test(type.cast(event))) {
                        return type.cast(event);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("ZreTestPeer '" + name + "' received no " + description + " within "
                            + timeout + "; it received: " + describe(events));
                }
                try {
                    events.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while awaiting " + description, ex);
                }
            }
        }
    }

    /** The events received since start (or {@link #clear()}), in order. */
    public List<ZreEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** Forgets the events received so far; later {@code await...} calls see only newer ones. */
    public void clear() {
        synchronized (events) {
            events.clear();
        }
    }

    private void record(ZreEvent event) {
        synchronized (events) {
            events.add(event);
            events.notifyAll();
        }
    }

    private static String describe(List<ZreEvent> events) {
        if (events.isEmpty()) {
            return "nothing";
        }
        List<String> lines = new ArrayList<>();
        for (ZreEvent event : events) {
            lines.add(switch (event.type()) {
                case SHOUT, WHISPER -> {
                    ZreEvent.MessageEvent m = (ZreEvent.MessageEvent) event;
                    String group = m instanceof ZreEvent.Shout s ? " to '" + s.group() + "'" : "";
                    yield event.type() + group + " from '" + m.peerName() + "': "
                            + new String(m.bytes(), StandardCharsets.UTF_8);
                }
                default -> event.toString();
            });
        }
        return lines.toString();
    }

    private void checkNotStarted() {
        if (node != null) {
            throw new IllegalStateException("ZreTestPeer '" + name + "' is already running");
        }
    }

    // ------------------------------------------------------------------ JUnit extension

    /** As a static extension: joins the application's cluster (see the class comment) and starts. */
    @Override
    public void beforeAll(ExtensionContext context) {
        startFor(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** As an instance extension: starts before each test (a static one is already running). */
    @Override
    public void beforeEach(ExtensionContext context) {
        if (!isRunning()) {
            startFor(context);
            startedForEachTest = true;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (startedForEachTest) {
            startedForEachTest = false;
            close();
            clear();
        }
    }

    private void startFor(ExtensionContext context) {
        if (settings == null) {
            Class<?> testClass = context.getRequiredTestClass();
            if (TestContextAnnotationUtils.findMergedAnnotation(testClass, AutoConfigureZre.class) != null) {
                // the application's context holds the node whose cluster to join (an isolated one has its own port)
                ApplicationContext application = SpringExtension.getApplicationContext(context);
                sameClusterAs(application.getBean(ZreNode.class));
            }
        }
        start();
    }
}
