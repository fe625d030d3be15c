package dev.zre.benchmarks;

import dev.zre.ZreEvent;
import dev.zre.ZreNode;
import dev.zre.ZreStatistics.Counter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * (a) Sustained SHOUT throughput, one sender to 1 and to 4 receivers, 100 B and 1 KB content, in one
 * and in three content frames. Delivered messages are counted by each receiver; the sender keeps at
 * most {@link Mode#window()} shouts in flight (sent minus delivered to the slowest receiver), so no
 * queue ever reaches the node's high-water mark and nothing is dropped or rebuilt: the figure is
 * what the receivers sustain, not how fast the sender can fill a buffer. Raw JeroMQ runs first with
 * the same pattern: one DEALER per receiver into the receiver's ROUTER over tcp://127.0.0.1, the same
 * frames (a 12-byte header frame like a ZRE SHOUT's, then the content frames), the same window.
 */
// the raw JeroMQ sockets are released the way the engine releases its own (ZContext.destroySocket, deprecated in 0.6)
@SuppressWarnings("deprecation")
final class ThroughputScenario {

    static final String GROUP = "bench";
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    private static final int HWM = 100_000;
    /** Timed runs per variant, ZRE and raw alternating; the median is reported. */
    private static final int REPETITIONS = 3;

    private record Variant(int size, int frames) {
        String label(int receivers) {
            return "shout 1→" + receivers + ", " + (size >= 1024 ? size / 1024 + " KB" : size + " B") + " × " + frames
                    + (frames == 1 ? " frame" : " frames");
        }
    }

    /** One timed run: shouts sent, deliveries counted, nanoseconds from first send to last delivery. */
    private record Run(long shouts, long delivered, long expected, long nanos, long cpuNanos) {
        double rate() {
            return Stats.perSecond(shouts, nanos);
        }

        /** CPU time of the whole process per shout (all threads: sender, I/O, receivers, GC). */
        double cpuMicrosPerShout() {
            return cpuNanos / 1000.0 / shouts;
        }
    }

    /** Something that sends one shout to all its receivers and counts deliveries. */
    private interface Fanout extends AutoCloseable {
        void send(List<byte[]> frames);

        /** One delivery counter per receiver. */
        AtomicLong[] counts();

        /** Deliveries counted by the slowest receiver. */
        default long minDelivered() {
            long min = Long.MAX_VALUE;
            for (AtomicLong c : counts()) {
                min = Math.min(min, c.get());
            }
            return min;
        }

        default long totalDelivered() {
            long sum = 0;
            for (AtomicLong c : counts()) {
                sum += c.get();
            }
            return sum;
        }

        @Override
        void close();
    }

    private final Mode mode;
    private final Report report;

    ThroughputScenario(Mode mode, Report report) {
        this.mode = mode;
        this.report = report;
    }

    @SuppressWarnings("unchecked")
    void run() throws Exception {
        List<Variant> variants = List.of(new Variant(100, 1), new Variant(100, 3), new Variant(1024, 1),
                new Variant(1024, 3));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("window", mode.window());
        details.put("method", "count deliveries at every receiver; at most `window` shouts in flight; rate = shouts / "
                + "(first send .. last delivery)");
        for (int receivers : new int[] {1, 4}) {
            Map<Variant, Run> raw = new LinkedHashMap<>();
            Map<Variant, Run> zre = new LinkedHashMap<>();
            try (RawFanout rawFanout = new RawFanout(receivers); ZreFanout zreFanout = new ZreFanout(receivers)) {
                for (Variant v : variants) {
                    List<byte[]> frames = content(v);
                    int count = (v.size() >= 1024 ? mode.throughputMessages() / 2 : mode.throughputMessages()) / REPETITIONS;
                    timed(rawFanout, frames, mode.throughputWarmup(), receivers);
                    timed(zreFanout, frames, mode.throughputWarmup(), receivers);
                    List<Run> rawRuns = new ArrayList<>();
                    List<Run> zreRuns = new ArrayList<>();
                    for (int rep = 0; rep < REPETITIONS; rep++) { // alternate, so both see the same machine load
                        rawRuns.add(timed(rawFanout, frames, count, receivers));
                        zreRuns.add(timed(zreFanout, frames, count, receivers));
                    }
                    raw.put(v, median(rawRuns));
                    zre.put(v, median(zreRuns));
                    details.put(v.label(receivers), Map.of("zreRates", rates(zreRuns), "rawRates", rates(rawRuns)));
                }
                details.put("zre 1→" + receivers, zreFanout.statistics());
            }
            for (Variant v : variants) {
                Run z = Objects.requireNonNull(zre.get(v));
                Run r = Objects.requireNonNull(raw.get(v));
                double ratio = Stats.ratio(z.rate(), r.rate());
                report.add(v.label(receivers), "shouts/s", "msg/s", z.rate(), r.rate(), "≥ 0.8× raw", ratio >= 0.8);
                if (v.size() == 100 && v.frames() == 1) { // where the time goes: CPU per shout, all threads
                    report.add(v.label(receivers), "process CPU per shout", "µs", z.cpuMicrosPerShout(),
                            r.cpuMicrosPerShout(), "", null);
                }
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("zre", runMap(z));
                d.put("raw", runMap(r));
                d.putAll((Map<String, Object>) details.get(v.label(receivers)));
                details.put(v.label(receivers), d);
                System.err.printf("  %s: ZRE %.0f/s, raw %.0f/s (%.2f×)%n", v.label(receivers), z.rate(), r.rate(), ratio);
            }
        }
        report.detail("throughput", details);
    }

    private static Map<String, Object> runMap(Run run) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("shouts", run.shouts());
        m.put("deliveries", run.delivered());
        m.put("lost", run.expected() - run.delivered());
        m.put("seconds", run.nanos() / 1e9);
        m.put("shoutsPerSecond", run.rate());
        m.put("deliveriesPerSecond", Stats.perSecond(run.delivered(), run.nanos()));
        m.put("processCpuUsPerShout", run.cpuMicrosPerShout());
        return m;
    }

    /** The run with the median rate. */
    private static Run median(List<Run> runs) {
        List<Run> sorted = new ArrayList<>(runs);
        sorted.sort(java.util.Comparator.comparingDouble(Run::rate));
        return sorted.get(sorted.size() / 2);
    }

    private static List<Double> rates(List<Run> runs) {
        return runs.stream().map(Run::rate).toList();
    }

    private Run timed(Fanout fanout, List<byte[]> frames, int count, int receivers) throws InterruptedException {
        long startMin = fanout.minDelivered();
        long startTotal = fanout.totalDelivered();
        long window = mode.window();
        long cpu0 = ProcessProbe.processCpuNanos();
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            while (i - (fanout.minDelivered() - startMin) >= window) {
                LockSupport.parkNanos(20_000);
            }
            fanout.send(frames);
        }
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (fanout.minDelivered() - startMin < count && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(20_000);
        }
        long t1 = System.nanoTime();
        return new Run(count, fanout.totalDelivered() - startTotal, (long) count * receivers, t1 - t0,
                ProcessProbe.processCpuNanos() - cpu0);
    }

    private static List<byte[]> content(Variant v) {
        Random random = new Random(42);
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < v.frames(); i++) {
            byte[] f = new byte[v.size()];
            random.nextBytes(f);
            frames.add(f);
        }
        return List.copyOf(frames);
    }

    // ------------------------------------------------------------------ ZRE

    private static final class ZreFanout implements Fanout {
        private final ZreNode sender;
        private final List<ZreNode> receivers = new ArrayList<>();
        private final AtomicLong[] counts;

        ZreFanout(int n) throws InterruptedException {
            int port = Loopback.randomBeaconPort();
            sender = new ZreNode(Loopback.node("tx", port).build());
            counts = new AtomicLong[n];
            for (int i = 0; i < n; i++) {
                AtomicLong count = new AtomicLong();
                counts[i] = count;
                ZreNode r = new ZreNode(Loopback.node("rx" + i, port).group(GROUP).build());
                r.subscribe(e -> {
                    if (e instanceof ZreEvent.Shout) {
                        count.lazySet(count.get() + 1); // only this node's event thread writes it
                    }
                });
                receivers.add(r);
            }
            sender.start();
            for (ZreNode r : receivers) {
                r.start();
            }
            boolean meshed = Loopback.await(Duration.ofSeconds(20), () -> sender.peersByGroup(GROUP).size() == n
                    && receivers.stream().allMatch(r -> r.peers().contains(sender.uuid())));
            if (!meshed) {
                close();
                throw new IllegalStateException("throughput nodes did not connect within 20 s");
            }
        }

        @Override
        public void send(List<byte[]> frames) {
            sender.shout(GROUP, frames);
        }

        @Override
        public AtomicLong[] counts() {
            return counts;
        }

        Map<String, Object> statistics() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("senderConnectionsRebuilt", sender.statistics().get(Counter.CONNECTIONS_REBUILT));
            m.put("senderProtocolErrors", sender.statistics().protocolErrors());
            m.put("receiverEventsDropped", receivers.stream().mapToLong(r -> r.statistics().get(Counter.EVENTS_DROPPED)).sum());
            m.put("receiverProtocolErrors", receivers.stream().mapToLong(r -> r.statistics().protocolErrors()).sum());
            return m;
        }

        @Override
        public void close() {
            List<ZreNode> all = new ArrayList<>(receivers);
            all.add(sender);
            Loopback.stopAll(all);
        }
    }

    // ------------------------------------------------------------------ raw JeroMQ

    private static final class RawFanout implements Fanout {
        private static final byte[] HEADER = {(byte) 0xAA, (byte) 0xA1, 3, 2, 0, 1, 5, 'b', 'e', 'n', 'c', 'h'};
        private final ZContext ctx = new ZContext(1);
        private final List<ZMQ.Socket> dealers = new ArrayList<>();
        private final List<Thread> threads = new ArrayList<>();
        private final AtomicLong[] counts;
        private final AtomicBoolean stop = new AtomicBoolean();

        RawFanout(int n) {
            counts = new AtomicLong[n];
            for (int i = 0; i < n; i++) {
                AtomicLong count = new AtomicLong();
                counts[i] = count;
                ZMQ.Socket router = Loopback.router(ctx, HWM);
                router.setReceiveTimeOut(100);
                dealers.add(Loopback.dealer(ctx, Loopback.identity(0), Loopback.endpointOf(router), HWM));
                Thread t = new Thread(() -> {
                    while (!stop.get()) {
                        byte[] id = router.recv(0);
                        if (id == null) {
                            continue;
                        }
                        // what the node does with a message too: the copy is the cost being measured
                        @SuppressWarnings("ModifiedButNotUsed")
                        List<byte[]> frames = new ArrayList<>(2);
                        while (router.hasReceiveMore()) {
                            frames.add(router.recv(0));
                        }
                        count.lazySet(count.get() + 1);
                    }
                    ctx.destroySocket(router);
                }, "raw-rx-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
        }

        @Override
        public void send(List<byte[]> frames) {
            int last = frames.size() - 1;
            for (ZMQ.Socket d : dealers) {
                d.send(HEADER, ZMQ.SNDMORE);
                for (int i = 0; i <= last; i++) {
                    d.send(frames.get(i), i < last ? ZMQ.SNDMORE : 0);
                }
            }
        }

        @Override
        public AtomicLong[] counts() {
            return counts;
        }

        @Override
        public void close() {
            stop.set(true);
            for (Thread t : threads) {
                try {
                    t.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ctx.close();
        }
    }
}
