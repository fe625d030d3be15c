package dev.zre.benchmarks;

import dev.zre.internal.HandoffProbe;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * (e) Listener dispatch. The Spring starter ({@code @ZreListener}) was not in the repository when
 * this module was written, so this measures the part every listener pays in core: the hand-off of
 * an event from the node's protocol thread through the {@code EventDispatcher} queue to a listener
 * on the event thread, against calling the same listener directly ("raw consumer"). Pipelined:
 * events published back to back (a busy node); single: one event at a time (an idle node, includes
 * waking the event thread).
 */
final class HandoffScenario {

    private static final int WINDOW = 5_000;

    private final Mode mode;
    private final Report report;

    HandoffScenario(Mode mode, Report report) {
        this.mode = mode;
        this.report = report;
    }

    void run() throws Exception {
        int events = mode.handoffEvents();
        HandoffProbe.directNanosPerEvent(events); // warm-up
        double direct = HandoffProbe.directNanosPerEvent(events);
        HandoffProbe.pipelinedNanosPerEvent(events / 4, WINDOW); // warm-up
        double pipelined = HandoffProbe.pipelinedNanosPerEvent(events, WINDOW);
        int singles = Math.min(events / 50, 20_000);
        HandoffProbe.singleHandoffNanos(singles / 4);
        long[] single = HandoffProbe.singleHandoffNanos(singles);
        Stats s = Stats.of(Arrays.copyOf(single, single.length));
        report.add("listener hand-off (core)", "pipelined, per event", "µs", pipelined / 1000.0, direct / 1000.0,
                "< 2 µs", pipelined < 2000);
        report.add("listener hand-off (core)", "single event, p50", "µs", s.percentile(50) / 1000.0, Double.NaN, "", null);
        report.add("listener hand-off (core)", "single event, p99", "µs", s.percentile(99) / 1000.0, Double.NaN, "", null);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("what", "EventDispatcher queue + event thread vs a direct listener call; the Spring @ZreListener "
                + "module was not in the repository when measured");
        d.put("events", events);
        d.put("directNsPerEvent", direct);
        d.put("pipelinedNsPerEvent", pipelined);
        d.put("singleP50Us", s.percentile(50) / 1000.0);
        d.put("singleP99Us", s.percentile(99) / 1000.0);
        d.put("singleSamples", singles);
        report.detail("handoff", d);
        System.err.printf("  hand-off: pipelined %.0f ns/event, direct %.1f ns, single p50 %.1f µs%n", pipelined, direct,
                s.percentile(50) / 1000.0);
    }
}
