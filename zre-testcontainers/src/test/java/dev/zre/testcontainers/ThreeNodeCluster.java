package dev.zre.testcontainers;

import java.util.function.Function;
import java.util.stream.Stream;
import org.testcontainers.containers.Network;
import org.testcontainers.lifecycle.Startables;

/**
 * Three sample-app nodes, alice, bob and carol, started together on a Docker network of their own:
 * the cluster a test class shares across its tests.
 */
final class ThreeNodeCluster implements AutoCloseable {

    final Network network = Network.newNetwork();
    final ZreContainer alice;
    final ZreContainer bob;
    final ZreContainer carol;

    /**
     * Starts the nodes {@code node} builds by name, each put on this cluster's network.
     * @param node a node's container, configured but not started
     */
    ThreeNodeCluster(Function<String, ZreContainer> node) {
        alice = node.apply("alice").withNetwork(network);
        bob = node.apply("bob").withNetwork(network);
        carol = node.apply("carol").withNetwork(network);
        try {
            Startables.deepStart(alice, bob, carol).join();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        Stream.of(alice, bob, carol).forEach(ZreContainer::stop);
        network.close();
    }
}
