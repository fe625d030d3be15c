package dev.zre.benchmarks;

import java.util.List;

/**
 * How much work each scenario does. Every count is bounded, so every scenario ends by itself.
 *
 * @param throughputMessages shouts measured per throughput variant (100 B; half of it for 1 KB)
 * @param throughputWarmup shouts sent first and not measured
 * @param window most shouts in flight (sent by the application, not yet delivered to every receiver)
 * @param roundTrips whisper round trips measured
 * @param roundTripWarmup round trips before them, not measured
 * @param discoverySizes cluster sizes of the discovery scenario
 * @param isolatedNodes nodes started alone (own beacon port) for the per-node memory figure
 * @param meshedNodes nodes started together for the per-peer memory figure
 */
public record Mode(String name, int throughputMessages, int throughputWarmup, int window, int roundTrips,
        int roundTripWarmup, List<Integer> discoverySizes, int isolatedNodes, int meshedNodes) {

    /** Under a minute in total: a smoke test, numbers indicative only. */
    public static final Mode QUICK = new Mode("quick", 30_000, 10_000, 5_000, 3_000, 1_000, List.of(10, 25), 10, 10);

    /** The full run behind the README's table (a few minutes). */
    public static final Mode FULL = new Mode("full", 400_000, 100_000, 5_000, 20_000, 5_000, List.of(10, 25, 50), 20,
            25);
}
