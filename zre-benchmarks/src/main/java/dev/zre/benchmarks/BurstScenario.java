package dev.zre.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * (f) Burst: 50 nodes started at once in this JVM on default settings, repeated (10 times in the
 * full run), each repetition against raw JeroMQ's mesh of the same size measured right before it;
 * then 100 nodes once. Target per repetition: full mesh within 1.3× raw JeroMQ's time, with fewer
 * than 10 connections rebuilt. 100 nodes need about 60,000 descriptors: run the JVM with a raised
 * limit ({@code prlimit --nofile=100000 java -jar …}); where the limit is lower the row says so.
 */
final class BurstScenario {

    private static final int NODES = 50;
    private static final int LARGE = 100;
    private static final double RATIO = 1.3;
    private static final int MAX_REBUILDS = 10;

    private final Mode mode;
    private final Report report;

    BurstScenario(Mode mode, Report report) {
        this.mode = mode;
        this.report = report;
    }

    void run() throws Exception {
        int repetitions = mode.name().equals("full") ? 10 : 1;
        List<Map<String, Object>> runs = new ArrayList<>();
        int met = 0;
        double worst = 0;
        long rebuildsWorst = 0;
        for (int i = 0; i < repetitions; i++) {
            Map<String, Object> raw = DiscoveryScenario.raw(NODES);
            Map<String, Object> zre = DiscoveryScenario.zre(NODES, null);
            double ratio = ms(zre) / ms(raw);
            long rebuilds = ((Number) Objects.requireNonNull(zre.get("connectionsRebuilt"))).longValue();
            boolean ok = Boolean.TRUE.equals(zre.get("complete")) && ratio <= RATIO && rebuilds < MAX_REBUILDS;
            met += ok ? 1 : 0;
            worst = Math.max(worst, ratio);
            rebuildsWorst = Math.max(rebuildsWorst, rebuilds);
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("zre", zre);
            run.put("raw", raw);
            run.put("ratio", ratio);
            run.put("met", ok);
            runs.add(run);
            System.err.printf("  burst %d/%d: ZRE %.0f ms, raw %.0f ms%s (%.2f×), %d rebuilt (%s stalled, %s SILENT)%n",
                    i + 1, repetitions, ms(zre), ms(raw), Boolean.TRUE.equals(raw.get("complete")) ? "" : " (incomplete)",
                    ratio, rebuilds, zre.get("handshakesStalled"), zre.get("silentLinksRebuilt"));
        }
        report.add("burst, " + NODES + " nodes × " + repetitions, "repetitions within " + RATIO + "× raw, < "
                + MAX_REBUILDS + " rebuilt", "of " + repetitions, met, Double.NaN, "all", met == repetitions);
        report.add("burst, " + NODES + " nodes × " + repetitions, "worst ratio to raw", "×", worst, Double.NaN,
                "≤ " + RATIO, worst <= RATIO);
        report.add("burst, " + NODES + " nodes × " + repetitions, "most connections rebuilt in one run", "",
                (double) rebuildsWorst, Double.NaN, "< " + MAX_REBUILDS, rebuildsWorst < MAX_REBUILDS);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("runs", runs);
        report.detail("burst", details);
        if (mode.name().equals("full")) {
            Map<String, Object> large;
            try {
                large = DiscoveryScenario.zre(LARGE, null);
            } catch (RuntimeException e) { // typically the descriptor limit: 100 nodes need ~60,000
                details.put(LARGE + " nodes", "not run: " + e.getMessage());
                report.add("burst, " + LARGE + " nodes", "start → full mesh (not run: " + e.getMessage() + ")", "ms",
                        Double.NaN, Double.NaN, "completes", false);
                System.err.printf("  burst %d nodes: not run (%s)%n", LARGE, e.getMessage());
                return;
            }
            details.put(LARGE + " nodes", large);
            boolean complete = Boolean.TRUE.equals(large.get("complete"));
            report.add("burst, " + LARGE + " nodes", "start → full mesh", "ms", ms(large), Double.NaN, "completes",
                    complete);
            System.err.printf("  burst %d nodes: %s in %.0f ms, %s rebuilt%n", LARGE,
                    complete ? "meshed" : "NOT meshed", ms(large), large.get("connectionsRebuilt"));
        }
    }

    private static double ms(Map<String, Object> result) {
        return ((Number) Objects.requireNonNull(result.get("fullMeshMs"))).doubleValue();
    }
}
