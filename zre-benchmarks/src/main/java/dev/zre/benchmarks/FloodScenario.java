package dev.zre.benchmarks;

import dev.zre.ZreEvent;
import dev.zre.ZreNode;
import dev.zre.ZreStatistics.Counter;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * (g) Flood: a node is flooded with beacons of 2,000 made-up UUIDs that point at closed ports on
 * loopback, and flooded again every second for a few seconds (an attacker on the LAN, bounded).
 * Half a second into it a real newcomer starts: the time from its start to the flooded node's
 * ENTER for it. When the flood ends (and the newcomer stopped), the time until the node's
 * descriptors and threads are back within 5% of their level before the flood. No raw baseline.
 */
final class FloodScenario {

    private static final int MADE_UP = 2_000;
    private static final int ROUNDS = 5;
    private static final Duration ROUND = Duration.ofSeconds(1);
    private static final Duration LIMIT = Duration.ofSeconds(15);

    private final Report report;

    FloodScenario(Mode mode, Report report) {
        this.report = report;
    }

    void run() throws Exception {
        int port = Loopback.randomBeaconPort();
        ZreNode flooded = new ZreNode(Loopback.node("flooded", port).build());
        ZreNode newcomer = new ZreNode(Loopback.node("newcomer", port).build());
        CountDownLatch entered = new CountDownLatch(1);
        flooded.subscribe(e -> {
            if (e instanceof ZreEvent.Enter enter && enter.peer().equals(newcomer.uuid())) {
                entered.countDown();
            }
        });
        Map<String, Object> details = new LinkedHashMap<>();
        try {
            flooded.start();
            Thread.sleep(500); // the node's own start-up descriptors settle
            int fdsBefore = ProcessProbe.fileDescriptors();
            int threadsBefore = threads();
            AtomicBoolean flooding = new AtomicBoolean(true);
            Thread flood = new Thread(() -> flood(port, flooding), "beacon-flood");
            flood.start();
            Thread.sleep(500);
            long t0 = System.nanoTime();
            newcomer.start();
            boolean in = entered.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            double enterMs = (System.nanoTime() - t0) / 1e6;
            int fdsPeak = ProcessProbe.fileDescriptors();
            flood.join();
            newcomer.stop();
            long end = System.nanoTime();
            double recoveredMs = Double.NaN;
            while (System.nanoTime() - end < LIMIT.toNanos()) {
                if (within5Percent(ProcessProbe.fileDescriptors(), fdsBefore) && within5Percent(threads(), threadsBefore)) {
                    recoveredMs = (System.nanoTime() - end) / 1e6;
                    break;
                }
                Thread.sleep(50);
            }
            report.add("flood, " + MADE_UP + " made-up peers", "newcomer start → ENTER during the flood", "ms",
                    in ? enterMs : Double.NaN, Double.NaN, "≤ 1000 ms", in && enterMs <= 1000);
            report.add("flood, " + MADE_UP + " made-up peers", "flood end → descriptors and threads within 5%", "ms",
                    recoveredMs, Double.NaN, "≤ 5000 ms", recoveredMs <= 5000);
            details.put("newcomerEnterMs", in ? enterMs : "no ENTER within " + LIMIT);
            details.put("descriptorsBefore", fdsBefore);
            details.put("descriptorsPeak", fdsPeak);
            details.put("descriptorsAfter", ProcessProbe.fileDescriptors());
            details.put("threadsBefore", threadsBefore);
            details.put("threadsAfter", threads());
            details.put("recoveredMs", recoveredMs);
            for (Counter c : new Counter[] {Counter.BEACONS_RECEIVED, Counter.CONNECTIONS_REFUSED,
                    Counter.DISCOVERIES_IGNORED, Counter.PEERS_REFUSED, Counter.PEERS_EVICTED, Counter.PEERS_ABANDONED}) {
                details.put(c.name(), flooded.statistics().get(c));
            }
            System.err.printf("  flood: newcomer ENTER after %.0f ms; descriptors %d → peak %d, back within 5%% after %.0f ms%n",
                    enterMs, fdsBefore, fdsPeak, recoveredMs);
        } finally {
            newcomer.stop();
            flooded.stop();
        }
        report.detail("flood", details);
    }

    /** 2,000 beacons of made-up UUIDs at closed ports, then the same again every second (bounded). */
    private static void flood(int beaconPort, AtomicBoolean flooding) {
        UUID[] ids = new UUID[MADE_UP];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = UUID.randomUUID();
        }
        try (DatagramChannel udp = DatagramChannel.open(StandardProtocolFamily.INET)) {
            udp.setOption(StandardSocketOptions.SO_BROADCAST, true);
            udp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            InetSocketAddress to = new InetSocketAddress(
                    InetAddress.getByAddress(new byte[] {127, (byte) 255, (byte) 255, (byte) 255}), beaconPort);
            for (int round = 0; round < ROUNDS && flooding.get(); round++) {
                long next = System.nanoTime() + ROUND.toNanos();
                for (int i = 0; i < ids.length; i++) {
                    udp.send(ByteBuffer.wrap(Loopback.beacon(ids[i], 1 + i % 1000)), to); // ports 1..1000: closed here
                }
                Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(next - System.nanoTime())));
            }
        } catch (Exception e) {
            System.err.println("   flood stopped: " + e);
        }
    }

    private static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private static boolean within5Percent(int value, int base) {
        return value <= base * 1.05 + 1;
    }
}
