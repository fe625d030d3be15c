package dev.zre.testcontainers;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Waits until the node in a {@link ZreContainer} shows something, as {@link ZreContainer#await()}
 * returns it: its peers, a message it received, a line in its log.
 *
 * <pre>{@code
 * ZrePeerInfo service = peer.await().peers(1, Duration.ofSeconds(20)).get(0);
 * peer.await().message(m -> m.text().equals("pong"), Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>Each wait polls every 100 ms (with Awaitility) until its deadline. A request that fails while
 * waiting (e.g. while the container is paused) counts as "not yet". When the deadline passes the wait
 * fails with an {@link AssertionError} that shows the last state seen, or the last failed request.
 */
public final class ZreAwait {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final ZreApi api;
    private final Supplier<String> logs;
    private final Supplier<String> nodeName;

    /**
     * @param api the node's REST API
     * @param logs the node's output so far
     * @param nodeName what failure messages call the node
     */
    ZreAwait(ZreApi api, Supplier<String> logs, Supplier<String> nodeName) {
        this.api = api;
        this.logs = logs;
        this.nodeName = nodeName;
    }

    /**
     * Waits until the node is connected to exactly {@code count} peers.
     *
     * @return the peers at that moment
     * @throws AssertionError when the deadline passes first; the message shows the last peers seen
     */
    public List<ZrePeerInfo> peers(int count, Duration timeout) {
        return peers(peers -> peers.size() == count, count + " peers", timeout);
    }

    /**
     * Waits until the peers satisfy a condition.
     *
     * @param condition the condition on the whole peer list
     * @param description what is awaited, for the failure message
     * @param timeout the deadline, from now
     * @return the peers that satisfied the condition
     * @throws AssertionError when the deadline passes first
     */
    public List<ZrePeerInfo> peers(Predicate<List<ZrePeerInfo>> condition, String description, Duration timeout) {
        return until(api::peers, condition, description, timeout);
    }

    /**
     * Waits until the node has received a message that matches.
     *
     * @return the first matching message
     * @throws AssertionError when the deadline passes first
     */
    public ZreMessageInfo message(Predicate<ZreMessageInfo> condition, Duration timeout) {
        List<ZreMessageInfo> messages = until(api::messages, list -> list.stream().anyMatch(condition),
                "a matching message", timeout);
        return messages.stream().filter(condition).findFirst().orElseThrow();
    }

    /**
     * Waits until the container's output (stdout and stderr) contains a text.
     *
     * @throws AssertionError when the deadline passes first
     */
    public void log(String text, Duration timeout) {
        until(logs, output -> output.contains(text), "log output containing '" + text + "'", timeout);
    }

    private <T> T until(Supplier<T> source, Predicate<T> condition, String description, Duration timeout) {
        Probe<T> probe = new Probe<>(source, condition);
        try {
            Awaitility.await(description)
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(POLL_INTERVAL)
                    // a library must not fail a wait because some other thread of the test JVM threw
                    .dontCatchUncaughtExceptions()
                    .until(probe::satisfied);
        } catch (ConditionTimeoutException e) {
            throw probe.timedOut(nodeName.get() + ": no " + description + " within " + timeout);
        }
        return probe.match();
    }

    /** One polled value: remembers the last value or failure for the message when the deadline passes. */
    private static final class Probe<T> {

        private final Supplier<T> source;
        private final Predicate<T> condition;
        private volatile @Nullable T last;
        private volatile @Nullable RuntimeException lastFailure;
        private volatile @Nullable T match;

        Probe(Supplier<T> source, Predicate<T> condition) {
            this.source = source;
            this.condition = condition;
        }

        boolean satisfied() {
            try {
                T value = source.get();
                last = value;
                lastFailure = null;
                if (condition.test(value)) {
                    match = value;
                    return true;
                }
            } catch (RuntimeException e) {
                lastFailure = e;
            }
            return false;
        }

        T match() {
            T value = match;
            if (value == null) {
                throw new IllegalStateException("no match yet");
            }
            return value;
        }

        AssertionError timedOut(String message) {
            T value = last;
            RuntimeException failure = lastFailure;
            AssertionError error = new AssertionError(message
                    + (value != null ? "; last seen: " + value : "")
                    + (failure != null ? "; last request failed: " + failure.getMessage() : ""));
            if (failure != null) {
                error.initCause(failure);
            }
            return error;
        }
    }
}
