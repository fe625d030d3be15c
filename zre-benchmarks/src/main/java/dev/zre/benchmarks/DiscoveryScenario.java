package dev.zre.benchmarks;

import dev.zre.ZreConfig;
import dev.zre.ZreEvent;
import dev.zre.ZreNode;
import dev.zre.ZreStatistics.Counter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * (c) Discovery: N nodes in this JVM on one beacon port (default 1 s beacon interval); the time from
 * the first {@code start()} until every node has seen every other's ENTER. Raw JeroMQ, the
 * connection setup of the same mesh: N ROUTERs bound on 127.0.0.1, then N × (N−1) DEALERs that
 * connect and at once send a HELLO-sized message; the time until every ROUTER has heard from all
 * N − 1 others.
 */
final class DiscoveryScenario {

    static final Duration BEACON_INTERVAL = Duration.ofSeconds(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration TUNED_HANDSHAKE = Duration.ofSeconds(3);

    private final Mode mode;
    private final Report report;

    DiscoveryScenario(Mode mode, Report report) {
        this.mode = mode;
        this.report = report;
    }

    void run() throws Exception {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("beaconIntervalMs", BEACON_INTERVAL.toMillis());
        for (int n : mode.discoverySizes()) {
            Map<String, Object> raw = raw(n);
            Map<String, Object> zre = zre(n, null);
            double z = fullMeshMs(zre);
            double r = fullMeshMs(raw);
            long limit = 2 * BEACON_INTERVAL.toMillis();
            report.add("discovery, " + n + " nodes", "start → full mesh", "ms", z, r,
                    "≤ " + limit + " ms (2 beacon intervals)", z <= limit);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("zre", zre);
            d.put("raw", raw);
            if (mode.name().equals("full")) { // the same with a longer handshake deadline, see the README
                Map<String, Object> tuned = zre(n, TUNED_HANDSHAKE);
                d.put("zreHandshake3s", tuned);
                double t = fullMeshMs(tuned);
                report.add("discovery, " + n + " nodes", "start → full mesh, handshake 3 s", "ms", t, r,
                        "≤ " + limit + " ms (2 beacon intervals)", t <= limit);
                System.err.printf("  discovery %d nodes, handshake 3 s: ZRE %.0f ms%n", n, t);
            }
            details.put(n + " nodes", d);
            System.err.printf("  discovery %d nodes: ZRE %.0f ms, raw %.0f ms%n", n, z, r);
        }
        report.detail("discovery", details);
    }

    /** The time to full mesh that a run put in its details. */
    private static double fullMeshMs(Map<String, Object> run) {
        return ((Number) Objects.requireNonNull(run.get("fullMeshMs"), "fullMeshMs")).doubleValue();
    }

    /**
     * @param handshake a handshake interval (and twice it as HELLO timeout) instead of the defaults
     *        (1 s, 3 s); {@code null} for the defaults
     */
    static Map<String, Object> zre(int n, @Nullable Duration handshake) throws Exception {
        int port = Loopback.randomBeaconPort();
        List<ZreNode> nodes = new ArrayList<>();
        CountDownLatch meshed = new CountDownLatch(n);
        long[] completeAt = new long[n];
        List<Long> enterTimes = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < n; i++) {
            ZreConfig.Builder config = Loopback.node("d" + i, port).beaconInterval(BEACON_INTERVAL);
            if (handshake != null) {
                config.handshakeInterval(handshake).helloTimeout(handshake.multipliedBy(2));
            }
            ZreNode node = new ZreNode(config.build());
            Set<UUID> seen = ConcurrentHashMap.newKeySet();
            int index = i;
            node.subscribe(e -> {
                if (e instanceof ZreEvent.Enter enter && seen.add(enter.peer())) {
                    long now = System.nanoTime();
                    enterTimes.add(now);
                    if (seen.size() == n - 1) {
                        completeAt[index] = now;
                        meshed.countDown();
                    }
                }
            });
            nodes.add(node);
        }
        int fdsBefore = ProcessProbe.fileDescriptors();
        long t0 = System.nanoTime();
        try {
            for (ZreNode node : nodes) {
                node.start();
            }
            long started = System.nanoTime();
            boolean complete = meshed.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            long t1 = System.nanoTime();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("complete", complete);
            m.put("allStartedMs", (started - t0) / 1e6);
            m.put("fullMeshMs", (complete ? max(completeAt) - t0 : t1 - t0) / 1e6);
            long[] enters;
            synchronized (enterTimes) {
                enters = enterTimes.stream().mapToLong(x -> x - t0).toArray();
            }
            if (enters.length > 0) {
                Stats s = Stats.of(enters);
                m.put("enters", enters.length);
                m.put("p50EnterMs", s.percentile(50) / 1e6);
                m.put("p99EnterMs", s.percentile(99) / 1e6);
            }
            m.put("connectionsRebuilt", nodes.stream().mapToLong(x -> x.statistics().get(Counter.CONNECTIONS_REBUILT)).sum());
            m.put("handshakesStalled", nodes.stream().mapToLong(x -> x.statistics().get(Counter.HANDSHAKES_STALLED)).sum());
            m.put("silentLinksRebuilt", nodes.stream().mapToLong(x -> x.statistics().get(Counter.SILENT_LINKS_REBUILT)).sum());
            m.put("peersEvicted", nodes.stream().mapToLong(x -> x.statistics().get(Counter.PEERS_EVICTED)).sum());
            m.put("peersAbandoned", nodes.stream().mapToLong(x -> x.statistics().get(Counter.PEERS_ABANDONED)).sum());
            m.put("fileDescriptorsMeshed", ProcessProbe.fileDescriptors() - fdsBefore);
            return m;
        } finally {
            Loopback.stopAll(nodes);
        }
    }

    static Map<String, Object> raw(int n) throws Exception {
        byte[] hello = helloSized();
        try (ZContext ctx = new ZContext(1)) {
            ctx.getContext().setMaxSockets(16_384); // JeroMQ's default of 1024 is below 50 × 49 DEALERs
            long t0 = System.nanoTime();
            List<ZMQ.Socket> routers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                routers.add(Loopback.router(ctx, 1000));
            }
            List<String> endpoints = routers.stream().map(Loopback::endpointOf).toList();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (i != j) {
                        ZMQ.Socket d = Loopback.dealer(ctx, Loopback.identity(i), endpoints.get(j), 1000);
                        d.send(hello, ZMQ.DONTWAIT);
                    }
                }
            }
            long connected = System.nanoTime();
            List<Set<String>> heard = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                heard.add(new HashSet<>());
            }
            ZMQ.Poller poller = ctx.createPoller(n);
            for (ZMQ.Socket r : routers) {
                poller.register(r, ZMQ.Poller.POLLIN);
            }
            int complete = 0;
            long deadline = t0 + TIMEOUT.toNanos();
            List<Long> enterTimes = new ArrayList<>();
            while (complete < n && System.nanoTime() - deadline < 0) {
                poller.poll(100);
                for (int i = 0; i < n; i++) {
                    ZMQ.Socket r = routers.get(i);
                    byte[] id;
                    while ((id = r.recv(ZMQ.DONTWAIT)) != null) {
                        while (r.hasReceiveMore()) {
                            r.recv(0);
                        }
                        if (heard.get(i).add(java.util.HexFormat.of().formatHex(id))) {
                            enterTimes.add(System.nanoTime() - t0);
                            if (heard.get(i).size() == n - 1) {
                                complete++;
                            }
                        }
                    }
                }
            }
            long t1 = System.nanoTime();
            poller.close();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("complete", complete == n);
            m.put("socketsCreatedMs", (connected - t0) / 1e6);
            m.put("fullMeshMs", (t1 - t0) / 1e6);
            if (!enterTimes.isEmpty()) {
                Stats s = Stats.of(enterTimes.stream().mapToLong(Long::longValue).toArray());
                m.put("messages", enterTimes.size());
                m.put("p50ArrivalMs", s.percentile(50) / 1e6);
                m.put("p99ArrivalMs", s.percentile(99) / 1e6);
            }
            return m;
        }
    }

    /** About the size of a HELLO with a short name and no groups or headers, with ZRE's signature. */
    static byte[] helloSized() {
        byte[] hello = new byte[60];
        hello[0] = (byte) 0xAA;
        hello[1] = (byte) 0xA1;
        hello[2] = 1;
        hello[3] = 2;
        hello[5] = 1;
        return hello;
    }

    private static long max(long[] values) {
        long m = Long.MIN_VALUE;
        for (long v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
