package dev.zre.spring.cloud.discovery;

import dev.zre.PeerId;
import dev.zre.PeerSnapshot;
import java.net.URI;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

/** Turns a connected peer into a service instance, if it announced a service id. */
final class ZreServiceInstances {

    private final ZreDiscoveryHeaders headers;

    ZreServiceInstances(ZreDiscoveryHeaders headers) {
        this.headers = headers;
    }

    /** The peer's service id, if it announced one. */
    Optional<String> serviceId(PeerSnapshot peer) {
        String id = peer.header(headers.service());
        return id == null || id.isBlank() ? Optional.empty() : Optional.of(id.trim());
    }

    /**
     * The instance: id = the peer's id, host = the address of its mailbox, port and scheme from its
     * headers (-1 when it announced no port), metadata = all its headers.
     */
    Optional<ServiceInstance> instance(PeerSnapshot peer) {
        return serviceId(peer).map(service -> new DefaultServiceInstance(PeerId.of(peer.uuid()).toString(), service,
                host(peer.address()), port(peer.header(headers.port())), Boolean.parseBoolean(peer.header(headers.secure())),
                peer.headers()));
    }

    /** {@code tcp://127.0.0.1:49152} → {@code 127.0.0.1}. */
    static String host(String mailbox) {
        String host = URI.create(mailbox).getHost();
        return host != null ? host : mailbox;
    }

    private static int port(@Nullable String value) {
        if (value == null) {
            return -1;
        }
        try {
            int port = Integer.parseInt(value.trim());
            return port > 0 && port <= 65535 ? port : -1;
        } catch (NumberFormatException ex) {
            return -1;
        }
    }
}
