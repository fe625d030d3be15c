package dev.zre.benchmarks;

import dev.zre.ZreEvent;
import dev.zre.ZreNode;
import dev.zre.ZreStatistics.Counter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * One process of a {@link SpreadBurst}: {@code count} of the {@code total} nodes (ZRE nodes, or raw
 * JeroMQ ROUTERs with their DEALERs), driven by {@link BurstLine}s on stdin and reporting on stdout.
 * Arguments: {@code zre|raw beaconPort firstNode count total meshTimeoutSeconds lifetimeSeconds}: each
 * node has {@code meshTimeoutSeconds} from the start to see all others. It ends by itself: at the end of
 * stdin (the parent is gone), and in any case {@code lifetimeSeconds} after it started.
 */
final class BurstChild {

    private static final int WARM_UP_NODES = 10;

    private final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    private final int first;
    private final int count;
    private final int total;
    private final Duration meshTimeout;

    private BurstChild(int first, int count, int total, Duration meshTimeout) {
        this.first = first;
        this.count = count;
        this.total = total;
        this.meshTimeout = meshTimeout;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            System.err.println("usage: BurstChild zre|raw beaconPort firstNode count total meshTimeoutSeconds lifetimeSeconds");
            System.exit(2);
        }
        long lifetime = Long.parseLong(args[6]);
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(lifetime));
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("burst child: lifetime of " + lifetime + " s over, halting");
            Runtime.getRuntime().halt(3);
        }, "burst-child-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        BurstChild child = new BurstChild(Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                Duration.ofSeconds(Long.parseLong(args[5])));
        try {
            child.warmUp(args[0]);
            if (args[0].equals("zre")) {
                child.zre(Integer.parseInt(args[1]));
            } else {
                child.raw();
            }
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0); // stopped nodes' daemon threads must not keep the JVM up
    }

    /**
     * A small mesh of the same kind, alone on its own beacon port, before READY: a fresh JVM would
     * otherwise meet the burst with cold code (interpreted, then compiling on the same two cores),
     * while the in-JVM run comes after warm repetitions.
     */
    private void warmUp(String kind) throws Exception {
        Map<String, Object> warm = kind.equals("zre") ? DiscoveryScenario.zre(WARM_UP_NODES, null)
                : DiscoveryScenario.raw(WARM_UP_NODES);
        System.err.printf("  burst child %d..%d: warm-up mesh of %d in %.0f ms%n", first, first + count - 1,
                WARM_UP_NODES, ((Number) Objects.requireNonNull(warm.get("fullMeshMs"))).doubleValue());
    }

    private void zre(int beaconPort) throws Exception {
        List<ZreNode> nodes = new ArrayList<>();
        CountDownLatch meshed = new CountDownLatch(count);
        AtomicLong[] meshedAt = new AtomicLong[count];
        List<Set<UUID>> seen = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ZreNode node = new ZreNode(Loopback.node("d" + (first + i), beaconPort)
                    .beaconInterval(DiscoveryScenario.BEACON_INTERVAL).build());
            Set<UUID> peers = ConcurrentHashMap.newKeySet();
            AtomicLong at = new AtomicLong(-1);
            node.subscribe(e -> {
                if (e instanceof ZreEvent.Enter enter && peers.add(enter.peer()) && peers.size() == total - 1) {
                    at.set(System.nanoTime());
                    meshed.countDown();
                }
            });
            meshedAt[i] = at;
            seen.add(peers);
            nodes.add(node);
        }
        try {
            send(new BurstLine.Ready(ProcessProbe.fileDescriptors(), List.of()));
            long[] clock = awaitGo();
            for (ZreNode node : nodes) {
                node.start();
            }
            send(new BurstLine.Started(since(clock, System.nanoTime())));
            meshed.await(remaining(clock), TimeUnit.NANOSECONDS);
            for (int i = 0; i < count; i++) {
                long at = meshedAt[i].get();
                send(new BurstLine.Meshed(first + i, at < 0 ? -1 : since(clock, at), seen.get(i).size()));
            }
            expect(BurstLine.Stop.class);
            send(new BurstLine.Counters(sum(nodes, Counter.CONNECTIONS_REBUILT), sum(nodes, Counter.HANDSHAKES_STALLED),
                    sum(nodes, Counter.SILENT_LINKS_REBUILT), sum(nodes, Counter.PEERS_EVICTED),
                    sum(nodes, Counter.PEERS_ABANDONED)));
            send(new BurstLine.Fds(ProcessProbe.fileDescriptors()));
            send(new BurstLine.Done());
        } finally {
            Loopback.stopAll(nodes);
        }
    }

    private void raw() throws Exception {
        byte[] hello = DiscoveryScenario.helloSized();
        try (ZContext ctx = new ZContext(1)) {
            ctx.getContext().setMaxSockets(16_384);
            List<ZMQ.Socket> routers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                routers.add(Loopback.router(ctx, 1000));
            }
            send(new BurstLine.Ready(ProcessProbe.fileDescriptors(), routers.stream().map(Loopback::endpointOf).toList()));
            List<String> endpoints = expect(BurstLine.Peers.class).endpoints();
            if (endpoints.size() != total) {
                throw new IllegalStateException("expected " + total + " endpoints, got " + endpoints.size());
            }
            long[] clock = awaitGo();
            for (int i = first; i < first + count; i++) {
                for (int j = 0; j < total; j++) {
                    if (i != j) {
                        Loopback.dealer(ctx, Loopback.identity(i), endpoints.get(j), 1000).send(hello, ZMQ.DONTWAIT);
                    }
                }
            }
            send(new BurstLine.Started(since(clock, System.nanoTime())));
            List<Set<String>> heard = new ArrayList<>();
            long[] meshedAt = new long[count];
            for (int i = 0; i < count; i++) {
                heard.add(new HashSet<>());
                meshedAt[i] = -1;
            }
            ZMQ.Poller poller = ctx.createPoller(count);
            for (ZMQ.Socket r : routers) {
                poller.register(r, ZMQ.Poller.POLLIN);
            }
            int complete = 0;
            while (complete < count && remaining(clock) > 0) {
                poller.poll(100);
                for (int i = 0; i < count; i++) {
                    ZMQ.Socket r = routers.get(i);
                    byte[] id;
                    while ((id = r.recv(ZMQ.DONTWAIT)) != null) {
                        while (r.hasReceiveMore()) {
                            r.recv(0);
                        }
                        if (heard.get(i).add(java.util.HexFormat.of().formatHex(id)) && heard.get(i).size() == total - 1) {
                            meshedAt[i] = System.nanoTime();
                            complete++;
                        }
                    }
                }
            }
            poller.close();
            for (int i = 0; i < count; i++) {
                send(new BurstLine.Meshed(first + i, meshedAt[i] < 0 ? -1 : since(clock, meshedAt[i]), heard.get(i).size()));
            }
            expect(BurstLine.Stop.class); // the other processes' ROUTERs may still be waiting for our DEALERs
            send(new BurstLine.Fds(ProcessProbe.fileDescriptors()));
            send(new BurstLine.Done());
        }
    }

    /**
     * Waits for GO, then sleeps until its instant; returns {start in nanoTime, how late we woke in ns}
     * so that later times count from the agreed instant, not from our waking.
     */
    private long[] awaitGo() throws IOException, InterruptedException {
        long startMicros = expect(BurstLine.Go.class).epochMicros();
        long wait;
        while ((wait = startMicros - epochMicros()) > 0) {
            Thread.sleep(Math.max(1, wait / 1000));
        }
        long now = System.nanoTime();
        long lateNanos = (epochMicros() - startMicros) * 1000;
        return new long[] {now - lateNanos};
    }

    private static long since(long[] clock, long nanoTime) {
        return (nanoTime - clock[0]) / 1000;
    }

    private long remaining(long[] clock) {
        return clock[0] + meshTimeout.toNanos() - System.nanoTime();
    }

    static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    private <T extends BurstLine> T expect(Class<T> type) throws IOException {
        String line = in.readLine();
        if (line == null) {
            System.err.println("burst child: parent gone, exiting");
            System.exit(4);
        }
        BurstLine parsed = BurstLine.parse(line);
        if (!type.isInstance(parsed)) {
            throw new IllegalStateException("expected " + type.getSimpleName() + ", got: " + line);
        }
        return type.cast(parsed);
    }

    private static void send(BurstLine line) {
        System.out.println(line.format());
        System.out.flush();
    }

    private static long sum(List<ZreNode> nodes, Counter counter) {
        ToLongFunction<ZreNode> get = n -> n.statistics().get(counter);
        return nodes.stream().mapToLong(get).sum();
    }
}
