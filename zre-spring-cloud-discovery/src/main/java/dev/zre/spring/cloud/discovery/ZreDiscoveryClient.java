package dev.zre.spring.cloud.discovery;

import dev.zre.ZreNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * A {@link DiscoveryClient} over a ZRE node's live peer table: no registry server. Every connected peer
 * that announced a service id in its HELLO (header {@link ZreDiscoveryHeaders#service()}) is an
 * instance of that service, at the host of its mailbox address, on the HTTP port of its
 * {@link ZreDiscoveryHeaders#port()} header, with all its headers as metadata. An instance appears when
 * its peer ENTERs and is gone when it EXITs (a graceful stop says goodbye at once; a crash is noticed
 * after the node's expired timeout). This node itself is not listed.
 */
public final class ZreDiscoveryClient implements DiscoveryClient {

    private final ZreNode node;
    private final ZreServiceInstances instances;
    private final int order;

    /**
     * @param node the node whose peers are the instances
     * @param headers the headers that carry the service id, port and HTTPS flag
     * @param order this client's place among the application's discovery clients
     */
    public ZreDiscoveryClient(ZreNode node, ZreDiscoveryHeaders headers, int order) {
        this.node = Objects.requireNonNull(node, "node");
        this.instances = new ZreServiceInstances(Objects.requireNonNull(headers, "headers"));
        this.order = order;
    }

    @Override
    public String description() {
        return "ZRE discovery client (peers of node '" + node.name() + "')";
    }

    /** The instances of {@code serviceId} (compared ignoring case, as host names are), sorted by instance id. */
    @Override
    public List<ServiceInstance> getInstances(String serviceId) {
        return node.peerSnapshots().stream()
                .filter(peer -> instances.serviceId(peer).filter(serviceId::equalsIgnoreCase).isPresent())
                .map(instances::instance)
                .flatMap(Optional::stream)
                .sorted(java.util.Comparator.comparing(ServiceInstance::getInstanceId,
                        java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())))
                .toList();
    }

    /** The service ids the connected peers announced, sorted. */
    @Override
    public List<String> getServices() {
        return node.peerSnapshots().stream()
                .map(instances::serviceId)
                .flatMap(Optional::stream)
                .distinct()
                .sorted()
                .toList();
    }

    /** Fails when the node is not running (Spring Cloud's discovery health indicator calls this). */
    @Override
    public void probe() {
        if (!node.isRunning()) {
            throw new IllegalStateException("ZRE node '" + node.name() + "' is " + node.state());
        }
    }

    @Override
    public int getOrder() {
        return order;
    }
}
