package dev.zre.testcontainers;

import dev.zre.PeerId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Watches how some nodes see one peer, from a moment {@code t0} on: when each of them first reports
 * it not alive (EVASIVE or SILENT) and when it disappears from their peer list (EXIT). Polls the
 * REST API every 100 ms (with Awaitility) against a deadline counted from {@code t0}.
 */
final class PeerWatch {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final PeerId target;
    private final List<ZreContainer> observers;
    private final long t0 = System.nanoTime();
    private final Map<ZreContainer, Duration> notAlive = new LinkedHashMap<>();
    private final Map<ZreContainer, Duration> gone = new LinkedHashMap<>();
    private final Map<ZreContainer, String> lastSeen = new LinkedHashMap<>();

    private PeerWatch(PeerId target, List<ZreContainer> observers) {
        this.target = target;
        this.observers = List.copyOf(observers);
    }

    /** Starts watching now: call it right before the Docker command whose effect is measured. */
    static PeerWatch of(PeerId target, ZreContainer... observers) {
        return new PeerWatch(target, List.of(observers));
    }

    /** Time since the watch started. */
    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** Polls until every observer has lost the peer, or fails when {@code deadline} (from t0) passes. */
    PeerWatch awaitGone(Duration deadline) {
        return pollUntil(() -> gone.size() == observers.size(), deadline, "lose the peer");
    }

    /** Polls until every observer has reported the peer not alive (or lost it), or fails at the deadline. */
    PeerWatch awaitNotAlive(Duration deadline) {
        return pollUntil(() -> observers.stream().allMatch(o -> notAlive.containsKey(o) || gone.containsKey(o)),
                deadline, "report the peer evasive");
    }

    /** Polls until the condition holds, failing when any observer loses the peer meanwhile. */
    PeerWatch awaitWhilePresent(BooleanSupplier condition, Duration deadline, String what) {
        return pollUntil(() -> {
            if (!gone.isEmpty()) {
                throw new AssertionError(names(gone.keySet()) + " lost peer " + target + " at " + gone.values()
                        + " while waiting for " + what);
            }
            return condition.getAsBoolean();
        }, deadline, what);
    }

    private PeerWatch pollUntil(BooleanSupplier done, Duration deadline, String what) {
        // the deadline counts from t0; a deadline already passed still gets one poll (polled in this thread)
        Duration left = deadline.minus(elapsed());
        try {
            Awaitility.await(what)
                    .atMost(left.compareTo(Duration.ofMillis(1)) > 0 ? left : Duration.ofMillis(1))
                    .pollDelay(Duration.ZERO)
                    .pollInterval(POLL_INTERVAL)
                    .pollInSameThread() // the poll records times and fills the maps
                    .until(() -> {
                        poll();
                        return done.getAsBoolean();
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("within " + deadline + " not every observer did " + what + " (peer " + target
                    + "): not alive at " + byName(notAlive) + ", gone at " + byName(gone)
                    + ", last seen " + byName(lastSeen), e);
        }
        return this;
    }

    private void poll() {
        for (ZreContainer observer : observers) {
            if (gone.containsKey(observer)) {
                continue;
            }
            List<ZrePeerInfo> peers;
            try {
                peers = observer.api().peers();
            } catch (RuntimeException e) {
                lastSeen.put(observer, "request failed: " + e.getMessage());
                continue;
            }
            Duration now = elapsed();
            Optional<ZrePeerInfo> peer = peers.stream().filter(p -> p.id().equals(target)).findFirst();
            if (peer.isEmpty()) {
                gone.put(observer, now);
            } else {
                lastSeen.put(observer, peer.get().state() + " at " + now);
                if (!peer.get().isAlive()) {
                    notAlive.putIfAbsent(observer, now);
                }
            }
        }
    }

    /** When each observer lost the peer (EXIT). */
    Map<ZreContainer, Duration> gone() {
        return Map.copyOf(gone);
    }

    /** When each observer first reported the peer EVASIVE or SILENT. */
    Map<ZreContainer, Duration> notAlive() {
        return Map.copyOf(notAlive);
    }

    /** The latest time any observer lost the peer. */
    Duration lastGone() {
        return gone.values().stream().max(Duration::compareTo).orElseThrow();
    }

    /** The earliest time any observer lost the peer. */
    Duration firstGone() {
        return gone.values().stream().min(Duration::compareTo).orElseThrow();
    }

    @Override
    public String toString() {
        return "peer " + target + ": not alive at " + byName(notAlive) + ", gone at " + byName(gone);
    }

    private static String byName(Map<ZreContainer, ?> map) {
        Map<String, Object> named = new LinkedHashMap<>();
        map.forEach((k, v) -> named.put(name(k), v));
        return named.toString();
    }

    private static List<String> names(Iterable<ZreContainer> containers) {
        List<String> names = new ArrayList<>();
        containers.forEach(c -> names.add(name(c)));
        return names;
    }

    private static String name(ZreContainer container) {
        return container.nodeName().orElse(container.toString());
    }
}
