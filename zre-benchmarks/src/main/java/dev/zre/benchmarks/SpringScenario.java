package dev.zre.benchmarks;

import dev.zre.ZreEvent;
import dev.zre.ZreNode;
import dev.zre.spring.autoconfigure.ZreAutoConfiguration;
import dev.zre.spring.listener.ZreListener;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * (e) Spring overhead: the same SHOUT stream (100 B, one frame) received once by a plain node with a
 * counting {@code node.subscribe} listener ("raw consumer") and once by a Spring application whose
 * {@code @ZreListener(groups = "bench") void on(byte[] payload)} counts. The figure is CPU time per
 * message of the receiving threads (ThreadMXBean): the node's event thread for the raw consumer; the
 * event thread plus the listener's own thread for {@code @ZreListener}. CPU time, unlike wall time,
 * hardly depends on what else the machine runs. The application-event bridge is switched off so
 * only the listener path is measured. At most 500 shouts are in flight, below the listener queue's
 * default capacity of 1000, so none is dropped.
 */
final class SpringScenario {

    static final String GROUP = "bench";
    /** Below the listener's default queue capacity (1000, drop newest), so nothing is dropped. */
    private static final int WINDOW = 500;

    private final Mode mode;
    private final Report report;

    SpringScenario(Mode mode, Report report) {
        this.mode = mode;
        this.report = report;
    }

    /** The bean with the annotated method. */
    public static class CountingListener {
        final AtomicLong count = new AtomicLong();

        @ZreListener(id = "bench", groups = GROUP)
        public void on(byte[] payload) {
            count.lazySet(count.get() + 1);
        }
    }

    private record Result(long messages, long nanos, long cpuNanos) {
        double cpuMicrosPerMessage() {
            return cpuNanos / 1000.0 / messages;
        }

        double rate() {
            return Stats.perSecond(messages, nanos);
        }
    }

    void run() throws Exception {
        int count = mode.throughputMessages();
        int port = Loopback.randomBeaconPort();
        ZreNode sender = new ZreNode(Loopback.node("tx", port).build());
        sender.start();
        Result raw;
        Result spring;
        try {
            // ---- raw consumer
            AtomicLong rawCount = new AtomicLong();
            ZreNode plain = new ZreNode(Loopback.node("rx-plain", port).group(GROUP).build());
            plain.subscribe(e -> {
                if (e instanceof ZreEvent.Shout) {
                    rawCount.lazySet(rawCount.get() + 1);
                }
            });
            plain.start();
            try {
                awaitMember(sender, plain);
                stream(sender, rawCount::get, mode.throughputWarmup(), List.of());
                raw = stream(sender, rawCount::get, count, List.of("zre-events-rx-plain"));
            } finally {
                plain.stop();
            }
            // ---- @ZreListener
            try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
                Map<String, Object> props = new LinkedHashMap<>();
                props.put("zre.name", "rx-spring");
                props.put("zre.interface", "loopback");
                props.put("zre.port", String.valueOf(port));
                props.put("zre.application-events.enabled", "false");
                context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("benchmark", props));
                context.registerBean(CountingListener.class);
                context.register(ZreAutoConfiguration.class);
                context.refresh();
                CountingListener listener = context.getBean(CountingListener.class);
                awaitMember(sender, context.getBean(ZreNode.class));
                stream(sender, listener.count::get, mode.throughputWarmup(), List.of());
                spring = stream(sender, listener.count::get, count, List.of("zre-events-rx-spring", "zre-listener-"));
            }
        } finally {
            sender.stop();
        }
        double overhead = spring.cpuMicrosPerMessage() - raw.cpuMicrosPerMessage();
        report.add("@ZreListener dispatch", "receiver CPU per message", "µs", spring.cpuMicrosPerMessage(),
                raw.cpuMicrosPerMessage(), "< 2 µs", spring.cpuMicrosPerMessage() < 2);
        report.add("@ZreListener dispatch", "overhead over node.subscribe", "µs", overhead, Double.NaN, "< 2 µs",
                overhead < 2);
        report.add("@ZreListener dispatch", "delivered 100 B shouts/s", "msg/s", spring.rate(), raw.rate(), "", null);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("messages", count);
        d.put("rawCpuUsPerMessage", raw.cpuMicrosPerMessage());
        d.put("springCpuUsPerMessage", spring.cpuMicrosPerMessage());
        d.put("rawRate", raw.rate());
        d.put("springRate", spring.rate());
        d.put("what", "CPU of the receiving node's event thread (raw) vs event thread + @ZreListener thread (Spring)");
        report.detail("spring", d);
        System.err.printf("  @ZreListener: %.2f µs CPU/msg vs node.subscribe %.2f µs (overhead %.2f µs); %.0f vs %.0f msg/s%n",
                spring.cpuMicrosPerMessage(), raw.cpuMicrosPerMessage(), overhead, spring.rate(), raw.rate());
    }

    private static void awaitMember(ZreNode sender, ZreNode receiver) throws InterruptedException {
        if (!Loopback.await(Duration.ofSeconds(20), () -> sender.peersByGroup(GROUP).contains(receiver.uuid())
                && receiver.peers().contains(sender.uuid()))) {
            throw new IllegalStateException("receiver did not join " + GROUP + " within 20 s");
        }
    }

    /** Shouts {@code count} messages with the throughput scenario's window; CPU of the named threads meanwhile. */
    private Result stream(ZreNode sender, LongSupplier delivered, int count, List<String> threadPrefixes) {
        List<byte[]> frames = List.of(new byte[100]);
        long start = delivered.getAsLong();
        long cpu0 = cpu(threadPrefixes);
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            while (i - (delivered.getAsLong() - start) >= WINDOW) {
                LockSupport.parkNanos(20_000);
            }
            sender.shout(GROUP, frames);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (delivered.getAsLong() - start < count && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(20_000);
        }
        long t1 = System.nanoTime();
        return new Result(delivered.getAsLong() - start, t1 - t0, cpu(threadPrefixes) - cpu0);
    }

    private static long cpu(List<String> prefixes) {
        if (prefixes.isEmpty()) {
            return 0;
        }
        ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            for (String p : prefixes) {
                if (t.getName().startsWith(p)) {
                    long c = tm.getThreadCpuTime(t.getId());
                    if (c > 0) {
                        sum += c;
                    }
                }
            }
        }
        return sum;
    }
}
