package dev.zre.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adds up what the children of a {@link SpreadBurst} reported into the same figures as the in-JVM
 * discovery run: complete only when every one of the {@code nodes} reported all {@code nodes − 1}
 * others, full mesh at the latest node's time (the timeout when incomplete).
 */
final class BurstTally {

    private final int nodes;
    private final long timeoutMicros;
    private final Map<Integer, BurstLine.Meshed> meshed = new TreeMap<>();
    private final List<Long> started = new ArrayList<>();
    private final List<Integer> fdsReady = new ArrayList<>();
    private final List<Integer> fdsMeshed = new ArrayList<>();
    private long[] counters = new long[0];

    BurstTally(int nodes, long timeoutMicros) {
        this.nodes = nodes;
        this.timeoutMicros = timeoutMicros;
    }

    /** Takes one line of any child; lines that carry no figure are ignored. */
    void add(BurstLine line) {
        if (line instanceof BurstLine.Meshed m) {
            if (meshed.put(m.node(), m) != null) {
                throw new IllegalArgumentException("node " + m.node() + " reported twice");
            }
        } else if (line instanceof BurstLine.Started s) {
            started.add(s.micros());
        } else if (line instanceof BurstLine.Ready r) {
            fdsReady.add(r.fileDescriptors());
        } else if (line instanceof BurstLine.Fds f) {
            fdsMeshed.add(f.fileDescriptors());
        } else if (line instanceof BurstLine.Counters c) {
            long[] add = {c.rebuilt(), c.stalled(), c.silent(), c.evicted(), c.abandoned()};
            if (counters.length == 0) {
                counters = new long[add.length];
            }
            for (int i = 0; i < add.length; i++) {
                counters[i] += add[i];
            }
        }
    }

    /** Nodes that have reported so far, meshed or not. */
    int reported() {
        return meshed.size();
    }

    boolean complete() {
        return meshed.size() == nodes
                && meshed.values().stream().allMatch(m -> m.micros() >= 0 && m.seen() == nodes - 1);
    }

    /** The figures, with the same keys as {@code DiscoveryScenario}'s where they mean the same. */
    Map<String, Object> result() {
        Map<String, Object> m = new LinkedHashMap<>();
        boolean complete = complete();
        long[] times = meshed.values().stream().mapToLong(BurstLine.Meshed::micros).filter(t -> t >= 0).toArray();
        m.put("complete", complete);
        m.put("nodesReported", meshed.size());
        m.put("nodesMeshed", times.length);
        m.put("peersSeen", meshed.values().stream().mapToLong(BurstLine.Meshed::seen).sum());
        if (!started.isEmpty()) {
            m.put("allStartedMs", started.stream().mapToLong(Long::longValue).max().orElseThrow() / 1e3);
        }
        m.put("fullMeshMs", (complete ? Stats.of(times).max() : timeoutMicros) / 1e3);
        if (times.length > 0) {
            Stats s = Stats.of(times);
            m.put("firstNodeMeshedMs", s.min() / 1e3);
            m.put("p50NodeMeshedMs", s.percentile(50) / 1e3);
        }
        if (counters.length > 0) {
            m.put("connectionsRebuilt", counters[0]);
            m.put("handshakesStalled", counters[1]);
            m.put("silentLinksRebuilt", counters[2]);
            m.put("peersEvicted", counters[3]);
            m.put("peersAbandoned", counters[4]);
        }
        m.put("fileDescriptorsReadyPerChild", List.copyOf(fdsReady));
        m.put("fileDescriptorsMeshedPerChild", List.copyOf(fdsMeshed));
        return m;
    }
}
