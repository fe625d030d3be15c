package dev.zre.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zre.ZreConfig;
import dev.zre.protocol.Uuids;
import dev.zre.protocol.ZreMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Probes of reported endpoints against a real mailbox on loopback that counts the HELLOs it gets:
 * an endpoint where a known peer lives is not probed (a second link with our identity), and one
 * withdrawn by its discovery is forgotten.
 */
class EndpointProbesTest {

    private final ZContext context = new ZContext(1);
    private ZMQ.Socket mailbox;
    private String endpoint;
    private EndpointProbes probes;
    private final AtomicInteger hellos = new AtomicInteger();

    @BeforeEach
    void open() {
        context.setLinger(0);
        mailbox = context.createSocket(SocketType.ROUTER);
        int port = mailbox.bindToRandomPort("tcp://127.0.0.1");
        endpoint = "tcp://127.0.0.1:" + port;
        NodeCounters stats = new NodeCounters();
        SocketFactory sockets = new SocketFactory(context, ZreConfig.builder().build(), TransportSecurity.NONE,
                Uuids.dealerIdentity(UUID.randomUUID()), Duration.ofSeconds(10));
        HandshakeMonitor handshakes = new HandshakeMonitor(Duration.ofSeconds(1), Duration.ofSeconds(3));
        Connector connector = new Connector("test", sockets, stats, new ProtocolErrors("test", stats),
                handshakes.activity(), () -> new ZreMessage.Hello("tcp://127.0.0.1:1", List.of(), 0, "test", Map.of()));
        long second = Duration.ofSeconds(1).toNanos();
        probes = new EndpointProbes(connector, stats, handshakes, 60 * second, second);
    }

    @AfterEach
    void close() {
        probes.close();
        context.close();
    }

    /** Counts the messages that reached the mailbox (each probe says HELLO first). */
    private int received() {
        while (mailbox.recv(ZMQ.DONTWAIT) != null) {
            while (mailbox.hasReceiveMore()) {
                mailbox.recv();
            }
            hellos.incrementAndGet();
        }
        return hellos.get();
    }

    @Test
    void aReportedEndpointIsProbedWithHello() {
        probes.probe(endpoint, System.nanoTime(), uuid -> false, "dns");
        await().atMost(Duration.ofSeconds(5)).until(() -> received() == 1);
        assertThat(probes.reportedBy(endpoint)).containsExactly("dns");
    }

    @Test
    void anEndpointWhereAKnownPeerLivesIsNotProbedUntilThatPeerIsGone() {
        UUID known = UUID.randomUUID();
        probes.standDown(endpoint, known, "beacon");
        probes.probe(endpoint, System.nanoTime(), uuid -> uuid.equals(known), "dns");
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> received() == 0);
        assertThat(probes.reportedBy(endpoint)).containsExactlyInAnyOrder("beacon", "dns");

        probes.probe(endpoint, System.nanoTime(), uuid -> false, "dns"); // the peer left the table: try again
        await().atMost(Duration.ofSeconds(5)).until(() -> received() == 1);
    }

    @Test
    void anEndpointWithdrawnByItsOnlyDiscoveryIsForgotten() {
        probes.probe(endpoint, System.nanoTime(), uuid -> false, "dns");
        probes.probe(endpoint, System.nanoTime(), uuid -> false, "endpoints");
        probes.withdraw(endpoint, "dns");
        assertThat(probes.reportedBy(endpoint)).containsExactly("endpoints");
        probes.withdraw(endpoint, "endpoints");
        assertThat(probes.reportedBy(endpoint)).isEmpty();
    }
}
