package dev.zre.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Watches how running nodes forget stopped ones. A stopped UUID that a running node still lists
 * {@code ghostAfter} after the stop (the expired timeout plus a margin for checks and load) is a
 * ghost. For every stop it also records how long it took until no running node listed the UUID,
 * per kind of stop. Used from the churn thread only.
 */
final class GhostWatch {

    /** How a node went away. */
    enum Kind { GRACEFUL, KILLED }

    private record Down(Kind kind, long since) {
    }

    private final long ghostAfterNanos;
    private final Map<UUID, Down> down = new HashMap<>();
    private final Set<String> ghosts = new HashSet<>();
    private final List<String> ghostExamples = new ArrayList<>();
    private final Map<Kind, List<Long>> forgetNanos = new LinkedHashMap<>();
    private long restartedBeforeForgotten;

    GhostWatch(long ghostAfterNanos) {
        this.ghostAfterNanos = ghostAfterNanos;
        for (Kind k : Kind.values()) {
            forgetNanos.put(k, new ArrayList<>());
        }
    }

    void stopped(UUID uuid, Kind kind, long now) {
        down.put(uuid, new Down(kind, now));
    }

    /** The UUID runs again (restart with the same UUID): its old self can no longer be told apart. */
    void started(UUID uuid) {
        if (down.remove(uuid) != null) {
            restartedBeforeForgotten++;
        }
    }

    /** Looks at what every running node lists now. */
    void check(List<SoakNode> nodes, long now) {
        Set<UUID> listed = new HashSet<>();
        for (SoakNode n : nodes) {
            UUID observer = n.uuid();
            for (UUID p : n.peers()) {
                listed.add(p);
                Down d = down.get(p);
                if (d != null && now - d.since() > ghostAfterNanos
                        && ghosts.add(observer + ">" + p + "@" + d.since()) && ghostExamples.size() < 10) {
                    ghostExamples.add(String.format("node %s still lists %s %.1f s after it was %s", observer, p,
                            (now - d.since()) / 1e9, d.kind().name().toLowerCase(java.util.Locale.ROOT)));
                }
            }
        }
        down.entrySet().removeIf(e -> {
            if (listed.contains(e.getKey())) {
                return false;
            }
            java.util.Objects.requireNonNull(forgetNanos.get(e.getValue().kind())).add(now - e.getValue().since());
            return true;
        });
    }

    long ghosts() {
        return ghosts.size();
    }

    List<String> ghostExamples() {
        return List.copyOf(ghostExamples);
    }

    /** Stopped UUIDs some running node still lists. */
    int stillListed() {
        return down.size();
    }

    long restartedBeforeForgotten() {
        return restartedBeforeForgotten;
    }

    /** Times from a stop until no running node listed the UUID, for one kind of stop. */
    long[] forgetNanos(Kind kind) {
        return java.util.Objects.requireNonNull(forgetNanos.get(kind)).stream().mapToLong(Long::longValue).toArray();
    }
}
