package dev.zre.spring;

import dev.zre.ZreConfig;
import dev.zre.ZreEvent;
import dev.zre.ZreInbox;
import dev.zre.ZreNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Plain nodes (no Spring) on loopback, to talk to an application under test: each instance has a
 * random beacon port of its own, each node an inbox opened before it starts. Close it to stop them.
 */
public final class LoopbackNodes implements AutoCloseable {

    /** The beacon port of this cluster; give it to the application with {@link ZreTestProperties#loopback}. */
    public final int beaconPort = ZreTestProperties.randomBeaconPort();

    private final List<ZreNode> nodes = new ArrayList<>();

    /**
     * Starts a node.
     * @param name its name
     * @return the started node and its inbox
     */
    public Started start(String name) {
        return start(name, (config) -> {
        });
    }

    /**
     * Starts a node.
     * @param name its name
     * @param customizer adjusts its configuration (groups, headers)
     * @return the started node and its inbox
     */
    public Started start(String name, Consumer<ZreConfig.Builder> customizer) {
        ZreConfig.Builder config = ZreConfig.builder()
            .name(name)
            .networkInterface(ZreConfig.LOOPBACK)
            .beaconPort(this.beaconPort)
            .beaconInterval(Duration.ofMillis(100));
        customizer.accept(config);
        ZreNode node = new ZreNode(config.build());
        ZreInbox inbox = node.openInbox();
        this.nodes.add(node);
        node.start();
        return new Started(node, inbox);
    }

    @Override
    public void close() {
        this.nodes.forEach(ZreNode::close);
        this.nodes.clear();
    }

    /**
     * A started node and the inbox that sees all its events.
     *
     * @param node the node
     * @param inbox its events
     */
    public record Started(ZreNode node, ZreInbox inbox) {

        /**
         * Waits for the first event of a type that matches; the events before it are consumed.
         * @param <T> the event type
         * @param type the event type
         * @param match what the event must satisfy
         * @param timeout how long to wait
         * @return the event
         * @throws InterruptedException when interrupted
         */
        public <T extends ZreEvent> T await(Class<T> type, Predicate<T> match, Duration timeout)
                throws InterruptedException {
            List<ZreEvent> seen = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            for (long left = timeout.toNanos(); left > 0; left = deadline - System.nanoTime()) {
                ZreEvent event = this.inbox.poll(Duration.ofNanos(left));
                if (event != null) {
                    seen.add(event);
                    if (type.isInstance(event) && match.test(type.cast(event))) {
                        return type.cast(event);
                    }
                }
            }
            throw new AssertionError(this.node.name() + " saw no matching " + type.getSimpleName() + " within "
                    + timeout + "; events seen: " + seen);
        }

        /**
         * Collects the next events that match, in order; the others are consumed.
         * @param match what the events must satisfy
         * @param count how many
         * @param timeout how long to wait for all of them
         * @return the events
         * @throws InterruptedException when interrupted
         */
        public List<ZreEvent> collect(Predicate<ZreEvent> match, int count, Duration timeout)
                throws InterruptedException {
            List<ZreEvent> collected = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            for (long left = timeout.toNanos(); left > 0 && collected.size() < count;
                    left = deadline - System.nanoTime()) {
                ZreEvent event = this.inbox.poll(Duration.ofNanos(left));
                if (event != null && match.test(event)) {
                    collected.add(event);
                }
            }
            if (collected.size() < count) {
                throw new AssertionError(this.node.name() + " collected " + collected + " of " + count + " within "
                        + timeout);
            }
            return collected;
        }

    }

}
