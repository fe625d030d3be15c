package dev.zre.benchmarks;

import dev.zre.ZreEvent;
import dev.zre.ZreNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * (b) WHISPER round trip, 100 B, one message in flight. ZRE: node A whispers to B; B's listener
 * whispers the content back; A's listener takes the time and sends the next one. Raw JeroMQ, same
 * pattern: A's DEALER into B's ROUTER, B's DEALER into A's ROUTER, each side one thread that receives
 * and answers. Both run in alternating blocks (raw first) so that both see the same machine load.
 * ZRE runs three ways: with {@code subscribe} listeners (the event thread), with protocol-thread
 * listeners, and with {@code subscribe} listeners on a context of two I/O threads ({@code ioThreads}
 * 2) instead of the default one, which shows what the second I/O thread costs.
 */
// the raw JeroMQ sockets are released the way the engine releases its own (ZContext.destroySocket, deprecated in 0.6)
@SuppressWarnings("deprecation")
final class LatencyScenario {

    private static final int SIZE = 100;
    private static final int BLOCKS = 10;
    private static final byte[] HEADER = {(byte) 0xAA, (byte) 0xA1, 2, 2, 0, 1};

    /** Runs {@code count} round trips, writing each one's nanoseconds to {@code out} from {@code from}. */
    // Error Prone reports roundTrips unused although run() calls it on both implementations
    @SuppressWarnings("UnusedMethod")
    private interface PingPong extends AutoCloseable {
        void roundTrips(long[] out, int from, int count) throws Exception;

        @Override
        void close();
    }

    private final Mode mode;
    private final Report report;

    LatencyScenario(Mode mode, Report report) {
        this.mode = mode;
        this.report = report;
    }

    void run() throws Exception {
        int measured = mode.roundTrips();
        long[] raw = new long[measured];
        long[] zre = new long[measured];
        long[] inline = new long[measured];
        long[] twoIo = new long[measured];
        try (RawPingPong r = new RawPingPong(); ZrePingPong z = new ZrePingPong(false, 0);
                ZrePingPong zi = new ZrePingPong(true, 0); ZrePingPong z2 = new ZrePingPong(false, 2)) {
            long[] warm = new long[mode.roundTripWarmup()];
            r.roundTrips(warm, 0, warm.length);
            z.roundTrips(warm, 0, warm.length);
            zi.roundTrips(warm, 0, warm.length);
            z2.roundTrips(warm, 0, warm.length);
            int block = measured / BLOCKS;
            for (int from = 0; from < measured; from += block) { // interleaved, so all see the same machine load
                int n = Math.min(block, measured - from);
                r.roundTrips(raw, from, n);
                z.roundTrips(zre, from, n);
                zi.roundTrips(inline, from, n);
                z2.roundTrips(twoIo, from, n);
            }
        }
        Stats r = Stats.of(raw);
        Stats z = Stats.of(zre);
        Stats zi = Stats.of(inline);
        Stats z2 = Stats.of(twoIo);
        report("whisper round trip, 100 B", z, r);
        report("whisper round trip, 100 B, protocol-thread listeners", zi, r);
        report("whisper round trip, 100 B, two I/O threads", z2, r);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("roundTrips", measured);
        d.put("warmup", mode.roundTripWarmup());
        d.put("blocks", BLOCKS);
        d.put("zre", summary(z));
        d.put("zreProtocolThreadListeners", summary(zi));
        d.put("zreTwoIoThreads", summary(z2));
        d.put("raw", summary(r));
        report.detail("latency", d);
    }

    private void report(String name, Stats z, Stats r) {
        for (double p : new double[] {50, 99, 99.9}) {
            double zv = z.percentile(p) / 1000.0;
            double rv = r.percentile(p) / 1000.0;
            String label = p == 50 ? "p50" : p == 99 ? "p99" : "p99.9";
            String target = p == 50 ? "≤ 1.3× raw" : p == 99 ? "≤ 2× raw" : "";
            Boolean met = p == 50 ? Boolean.valueOf(zv <= 1.3 * rv) : p == 99 ? Boolean.valueOf(zv <= 2 * rv) : null;
            report.add(name, label, "µs", zv, rv, target, met);
            System.err.printf("  %s %s: ZRE %.1f µs, raw %.1f µs%n", name, label, zv, rv);
        }
    }

    private static Map<String, Object> summary(Stats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("minUs", s.min() / 1000.0);
        m.put("p50Us", s.percentile(50) / 1000.0);
        m.put("p90Us", s.percentile(90) / 1000.0);
        m.put("p99Us", s.percentile(99) / 1000.0);
        m.put("p999Us", s.percentile(99.9) / 1000.0);
        m.put("maxUs", s.max() / 1000.0);
        m.put("meanUs", s.mean() / 1000.0);
        return m;
    }

    private static final class ZrePingPong implements PingPong {
        private final ZreNode a;
        private final ZreNode b;
        private final List<byte[]> payload = List.of(new byte[SIZE]);
        // written by the caller before the first whisper of a block, then only by A's listener; the
        // node's lock and event queue order the caller's writes before the listener's reads
        private long[] out = new long[0];
        private int index;
        private int end;
        private long sentAt;
        private volatile CountDownLatch done = new CountDownLatch(0);

        /**
         * @param onProtocolThread whether both listeners run on their node's protocol thread
         * @param ioThreads the nodes' {@code ioThreads} setting (0: their default)
         */
        ZrePingPong(boolean onProtocolThread, int ioThreads) throws InterruptedException {
            int port = Loopback.randomBeaconPort();
            a = new ZreNode(Loopback.node("ping", port).ioThreads(ioThreads).build());
            b = new ZreNode(Loopback.node("pong", port).ioThreads(ioThreads).build());
            UUID bId = b.uuid();
            java.util.function.BiConsumer<ZreNode, dev.zre.ZreEventListener> subscribe = onProtocolThread
                    ? ZreNode::subscribeOnProtocolThread : ZreNode::subscribe;
            subscribe.accept(a, e -> {
                if (e instanceof ZreEvent.Whisper) {
                    long now = System.nanoTime();
                    out[index++] = now - sentAt;
                    if (index < end) {
                        sentAt = System.nanoTime();
                        a.whisper(bId, payload);
                    } else {
                        done.countDown();
                    }
                }
            });
            subscribe.accept(b, e -> {
                if (e instanceof ZreEvent.Whisper w) {
                    b.whisper(w.peer(), w.frames());
                }
            });
            a.start();
            b.start();
            if (!Loopback.await(Duration.ofSeconds(20), () -> a.peers().contains(bId) && b.peers().contains(a.uuid()))) {
                close();
                throw new IllegalStateException("latency nodes did not connect within 20 s");
            }
        }

        @Override
        public void roundTrips(long[] out, int from, int count) throws Exception {
            this.out = out;
            this.index = from;
            this.end = from + count;
            CountDownLatch latch = new CountDownLatch(1);
            done = latch;
            sentAt = System.nanoTime();
            a.whisper(b.uuid(), payload);
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("whisper ping-pong stalled");
            }
        }

        @Override
        public void close() {
            Loopback.stopAll(List.of(a, b));
        }
    }

    private static final class RawPingPong implements PingPong {
        private final ZContext ctx = new ZContext(1);
        private final byte[] payload = new byte[SIZE];
        private final ZMQ.Socket routerA = Loopback.router(ctx, 1000);
        private final ZMQ.Socket routerB = Loopback.router(ctx, 1000);
        private final ZMQ.Socket dealerA = Loopback.dealer(ctx, Loopback.identity(1), Loopback.endpointOf(routerB), 1000);
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread echo;

        RawPingPong() {
            routerA.setReceiveTimeOut(10_000);
            routerB.setReceiveTimeOut(100);
            echo = new Thread(() -> {
                ZMQ.Socket dealerB = Loopback.dealer(ctx, Loopback.identity(2), Loopback.endpointOf(routerA), 1000);
                while (!stop.get()) {
                    byte[] id = routerB.recv(0);
                    if (id == null) {
                        continue;
                    }
                    routerB.recv(0); // header
                    byte[] content = routerB.recv(0);
                    dealerB.send(HEADER, ZMQ.SNDMORE);
                    dealerB.send(content, 0);
                }
                ctx.destroySocket(dealerB);
            }, "raw-pong");
            echo.setDaemon(true);
            echo.start();
        }

        @Override
        public void roundTrips(long[] out, int from, int count) {
            for (int i = from; i < from + count; i++) {
                long t0 = System.nanoTime();
                dealerA.send(HEADER, ZMQ.SNDMORE);
                dealerA.send(payload, 0);
                if (routerA.recv(0) == null) { // identity
                    throw new IllegalStateException("raw ping-pong: no answer within 10 s");
                }
                routerA.recv(0); // header
                routerA.recv(0); // content
                out[i] = System.nanoTime() - t0;
            }
        }

        @Override
        public void close() {
            stop.set(true);
            try {
                echo.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ctx.close();
        }
    }
}
