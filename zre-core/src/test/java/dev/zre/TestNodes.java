package dev.zre;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * Real nodes on loopback for tests. Each instance picks its own beacon port so that nodes of
 * different tests never see each other. Close it to stop every node it started.
 */
public final class TestNodes implements AutoCloseable {

    public final int beaconPort = ThreadLocalRandom.current().nextInt(20000, 30000);
    private final List<ZreNode> nodes = new ArrayList<>();
    private final List<ZreInbox> inboxes = new ArrayList<>();

    /** A loopback configuration with fast beacons, for this instance's beacon port. */
    public ZreConfig.Builder config(String name) {
        return ZreConfig.builder()
                .name(name)
                .networkInterface(ZreConfig.LOOPBACK)
                .beaconPort(beaconPort)
                .beaconInterval(Duration.ofMillis(100));
    }

    /** Starts a node named {@code name} with an inbox opened before start. */
    public Started start(String name) {
        return start(config(name));
    }

    public Started start(String name, Consumer<ZreConfig.Builder> customizer) {
        ZreConfig.Builder b = config(name);
        customizer.accept(b);
        return start(b);
    }

    public Started start(ZreConfig.Builder builder) {
        ZreNode node = new ZreNode(builder.build());
        ZreInbox inbox = node.openInbox();
        nodes.add(node);
        inboxes.add(inbox);
        node.start();
        return new Started(node, inbox);
    }

    /** A started node and the inbox that saw all its events. */
    public record Started(ZreNode node, ZreInbox inbox) {

        /** Waits for the first event matching, failing after the timeout. Events before it are consumed. */
        public <T extends ZreEvent> T await(Class<T> type, Predicate<T> match, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<ZreEvent> seen = new ArrayList<>();
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(node.name() + " saw no matching " + type.getSimpleName() + " within " + timeout
                            + "; events seen: " + seen + "; its counters: " + node.statistics());
                }
                ZreEvent e = inbox.poll(Duration.ofNanos(left));
                if (e == null) {
                    continue;
                }
                seen.add(e);
                if (type.isInstance(e) && match.test(type.cast(e))) {
                    return type.cast(e);
                }
            }
        }

        public <T extends ZreEvent> T await(Class<T> type, Predicate<T> match) throws InterruptedException {
            return await(type, match, Duration.ofSeconds(10));
        }

        /** Collects the next {@code count} events matching, in order; fails after the timeout. */
        public List<ZreEvent> collect(Predicate<ZreEvent> match, int count, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<ZreEvent> out = new ArrayList<>();
            while (out.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(node.name() + " saw " + out.size() + " of " + count + " events within "
                            + timeout + ": " + out);
                }
                ZreEvent e = inbox.poll(Duration.ofNanos(left));
                if (e != null && match.test(e)) {
                    out.add(e);
                }
            }
            return out;
        }

        /** Events of one peer only. */
        public static Predicate<ZreEvent> of(ZreNode peer) {
            return e -> e instanceof ZreEvent.PeerEvent p && p.peer().equals(peer.uuid());
        }

        /** Waits for ENTER of the given node. */
        public ZreEvent.Enter awaitEnter(ZreNode other) throws InterruptedException {
            return await(ZreEvent.Enter.class, e -> e.peer().equals(other.uuid()));
        }
    }

    /** Polls a condition every 10 ms (Awaitility) until it holds; fails, naming {@code what}, when the timeout passes. */
    public static void eventually(Duration timeout, String what, java.util.function.BooleanSupplier condition) {
        Awaitility.await(what).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                .until(condition::getAsBoolean);
    }

    @Override
    public void close() {
        for (ZreInbox inbox : inboxes) {
            inbox.close();
        }
        for (ZreNode node : nodes) {
            node.stop();
        }
    }
}
