package dev.zre.cli;

import dev.zre.ZreConfig;
import dev.zre.ZreEvent;
import dev.zre.ZreInbox;
import dev.zre.ZreNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Real zre-core nodes on loopback that the commands under test talk to. Close to stop them all. */
final class Peers implements AutoCloseable {

    final int port = Cli.randomPort();
    private final List<ZreNode> nodes = new ArrayList<>();

    /** The options that put a command on the same loopback network as these nodes. */
    String[] net(String... more) {
        List<String> args = new ArrayList<>(List.of("--interface", "loopback", "--port", String.valueOf(port),
                "--beacon-interval", "200ms"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** The command line: the command, its arguments, then the network options. */
    String[] args(String... commandAndArgs) {
        List<String> args = new ArrayList<>(List.of(commandAndArgs));
        args.addAll(List.of(net()));
        return args.toArray(String[]::new);
    }

    Node start(String name, Consumer<ZreConfig.Builder> customizer) {
        ZreConfig.Builder b = ZreConfig.builder().name(name).networkInterface(ZreConfig.LOOPBACK).beaconPort(port)
                .beaconInterval(Duration.ofMillis(200));
        customizer.accept(b);
        ZreNode node = new ZreNode(b.build());
        ZreInbox inbox = node.openInbox();
        nodes.add(node);
        node.start();
        return new Node(node, inbox);
    }

    record Node(ZreNode node, ZreInbox inbox) {
        <T extends ZreEvent> T await(Class<T> type, Predicate<T> match) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            List<ZreEvent> seen = new ArrayList<>();
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(node.name() + " saw no matching " + type.getSimpleName() + "; saw " + seen);
                }
                ZreEvent e = inbox.poll(Duration.ofNanos(left));
                if (e != null) {
                    seen.add(e);
                    if (type.isInstance(e) && match.test(type.cast(e))) {
                        return type.cast(e);
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        nodes.forEach(ZreNode::stop);
    }
}
