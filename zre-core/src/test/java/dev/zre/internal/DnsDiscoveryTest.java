package dev.zre.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zre.ZreConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** DNS discovery against a resolver the test controls, with the actor's hand-off played by the test. */
class DnsDiscoveryTest {

    private static final String OWN = "tcp://10.0.0.1:5670";

    private final ConcurrentLinkedQueue<Runnable> actor = new ConcurrentLinkedQueue<>();
    private final List<String> found = new ArrayList<>();
    private final List<String> gone = new ArrayList<>();
    private final List<String> resolvedOn = new CopyOnWriteArrayList<>();
    private volatile List<String> answer = List.of();
    private volatile boolean failing;
    private DnsDiscovery dns;

    private final Discovery.Listener listener = new Discovery.Listener() {
        @Override
        public boolean peerFound(Discovery source, UUID peer, String endpoint) {
            throw new AssertionError("DNS reports endpoints, never peers");
        }

        @Override
        public void peerLeaving(Discovery source, UUID peer) {
            throw new AssertionError("DNS never announces a peer leaving");
        }

        @Override
        public void endpointFound(Discovery source, String endpoint) {
            assertThat(source.name()).isEqualTo("dns");
            found.add(endpoint);
        }

        @Override
        public void endpointGone(Discovery source, String endpoint) {
            gone.add(endpoint);
        }
    };

    private DnsDiscovery start(int maxAddresses) {
        ZreConfig.Dns settings = new ZreConfig.Dns("zre.test.svc", 5670, Duration.ofSeconds(5), maxAddresses);
        DnsDiscovery.Resolver resolver = name -> {
            resolvedOn.add(Thread.currentThread().getName());
            if (failing) {
                throw new UnknownHostException(name);
            }
            List<InetAddress> out = new ArrayList<>();
            for (String a : answer) {
                out.add(InetAddress.getByName(a));
            }
            return out.toArray(new InetAddress[0]);
        };
        dns = new DnsDiscovery(settings, resolver, actor::add, OWN, listener, Duration.ofSeconds(1).toNanos(), 0);
        return dns;
    }

    /** Runs the timer at {@code now} and then what the resolver thread handed to the actor. */
    private void resolveAt(long now) {
        int before = resolvedOn.size();
        dns.onTimer(now);
        await().atMost(Duration.ofSeconds(5)).until(() -> resolvedOn.size() > before && !actor.isEmpty());
        Runnable r;
        while ((r = actor.poll()) != null) {
            r.run();
        }
    }

    @AfterEach
    void close() {
        if (dns != null) {
            dns.close();
        }
    }

    @Test
    void everyAddressOfTheAnswerIsACandidateMailboxOnTheDnsPort() {
        answer = List.of("10.0.0.2", "10.0.0.3", "fd00::5");
        start(64);
        resolveAt(0);
        assertThat(found).containsExactly("tcp://10.0.0.2:5670", "tcp://10.0.0.3:5670", "tcp://[fd00:0:0:0:0:0:0:5]:5670");
    }

    @Test
    void resolvingRunsOffTheActorThread() {
        answer = List.of("10.0.0.2");
        start(64);
        resolveAt(0);
        assertThat(resolvedOn).singleElement().asString().startsWith("zre-dns-").isNotEqualTo(Thread.currentThread().getName());
    }

    @Test
    void ourOwnMailboxIsSkipped() {
        answer = List.of("10.0.0.1", "10.0.0.2");
        start(64);
        resolveAt(0);
        assertThat(found).containsExactly("tcp://10.0.0.2:5670");
    }

    @Test
    void atMostMaxAddressesOfOneAnswerAreTaken() {
        List<String> many = new ArrayList<>();
        for (int i = 2; i < 200; i++) {
            many.add("10.0.1." + i);
        }
        answer = many;
        start(5);
        resolveAt(0);
        assertThat(found).hasSize(5).first().isEqualTo("tcp://10.0.1.2:5670");
    }

    @Test
    void theLastAnswerIsReportedAgainAtEveryCheckUntilTheNextResolution() {
        answer = List.of("10.0.0.2");
        start(64);
        resolveAt(0);
        found.clear();
        dns.onTimer(Duration.ofSeconds(1).toNanos());
        dns.onTimer(Duration.ofSeconds(2).toNanos());
        assertThat(found).containsExactly("tcp://10.0.0.2:5670", "tcp://10.0.0.2:5670");
        assertThat(resolvedOn).hasSize(1);
        assertThat(dns.nextDeadline()).isEqualTo(Duration.ofSeconds(3).toNanos());
    }

    @Test
    void addressesThatLeaveTheAnswerAreWithdrawnAndNewOnesReported() {
        answer = List.of("10.0.0.2", "10.0.0.3");
        start(64);
        resolveAt(0);
        answer = List.of("10.0.0.3", "10.0.0.4");
        found.clear();
        resolveAt(Duration.ofSeconds(5).toNanos());
        assertThat(gone).containsExactly("tcp://10.0.0.2:5670");
        assertThat(found).endsWith("tcp://10.0.0.3:5670", "tcp://10.0.0.4:5670"); // (the old answer went out once more first)
    }

    @Test
    void aNameThatDoesNotResolveIsAnEmptyAnswerAndResolvedAgainLater() {
        failing = true;
        start(64);
        resolveAt(0);
        assertThat(found).isEmpty();
        failing = false;
        answer = List.of("10.0.0.2");
        resolveAt(Duration.ofSeconds(5).toNanos());
        assertThat(found).containsExactly("tcp://10.0.0.2:5670");
    }

    @Test
    void anAnswerArrivingAfterCloseIsIgnored() {
        answer = List.of("10.0.0.2");
        start(64);
        dns.onTimer(0);
        await().atMost(Duration.ofSeconds(5)).until(() -> !actor.isEmpty());
        dns.close();
        actor.poll().run();
        assertThat(found).isEmpty();
    }
}
