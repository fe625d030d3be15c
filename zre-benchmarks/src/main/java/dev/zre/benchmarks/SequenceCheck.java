package dev.zre.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * End-to-end sequence check of the soak's traffic. Each (sender, receiver) pair of UUIDs has its
 * own sequence, starting at 1 and kept across restarts with the same UUID. The receiver checks it:
 * a gap is a loss. A loss counts as <em>reported</em> when the application was told the link broke:
 * the receiver saw an EXIT of the sender, or the sender saw an EXIT (any reason, REPLACED included)
 * of the receiver, between the send of the last message that arrived and the arrival of the next
 * one (for losses at the end: the end of the run). A loss also counts as reported when the sender's
 * own node was stopped in that window: messages still queued in a node that stops are lost with
 * it, and its application stopped it (it may stop before it could learn that the receiver died).
 * Everything else is an unreported loss.
 * All times are {@link System#nanoTime()} of this one JVM.
 */
final class SequenceCheck {

    /** A sender and a receiver. */
    record Pair(UUID from, UUID to) {
    }

    /** Messages {@code afterSeq + 1 .. nextSeq - 1} of a pair never arrived. */
    record Gap(Pair pair, long afterSeq, long nextSeq, long windowStart, long windowEnd) {

        long lost() {
            return nextSeq - afterSeq - 1;
        }
    }

    /** What was sent on a pair: the last sequence number, when the first and the last went out. */
    private record Sent(long seq, long firstAt, long lastAt) {
    }

    /** The last message that arrived on a pair, and when it had been sent. */
    private record Arrived(long seq, long sentAt) {
    }

    /** The verdict over all gaps. */
    record Result(long gaps, long lost, long reportedLost, long senderStoppedLost, long unreportedLost,
            List<Gap> unreported) {
    }

    private final Map<Pair, Sent> sent = new ConcurrentHashMap<>();
    private final Map<Pair, Arrived> arrived = new ConcurrentHashMap<>();
    private static final long EXIT_MERGE_NANOS = 100_000_000;

    private final Map<UUID, List<Long>> stops = new ConcurrentHashMap<>();
    private final Map<Pair, List<long[]>> exits = new ConcurrentHashMap<>(); // (observer, peer) -> spans of EXIT times
    private final List<Gap> gaps = new ArrayList<>();
    private final AtomicLong messagesSent = new AtomicLong();
    private final AtomicLong messagesArrived = new AtomicLong();
    private final AtomicLong outOfOrder = new AtomicLong();
    private final AtomicLong exitsSeen = new AtomicLong();

    /** The next sequence number of a pair, for a message about to be sent at {@code now}. */
    long next(UUID from, UUID to, long now) {
        messagesSent.incrementAndGet();
        return sent.compute(new Pair(from, to),
                (p, s) -> s == null ? new Sent(1, now, now) : new Sent(s.seq() + 1, s.firstAt(), now)).seq();
    }

    /** A message of the pair arrived at the receiver's application at {@code now}. */
    void arrived(UUID from, UUID to, long seq, long sentAt, long now) {
        messagesArrived.incrementAndGet();
        Pair pair = new Pair(from, to);
        Arrived last = arrived.get(pair);
        long lastSeq = last == null ? 0 : last.seq();
        if (seq <= lastSeq) {
            outOfOrder.incrementAndGet();
            return;
        }
        if (seq > lastSeq + 1) {
            gap(new Gap(pair, lastSeq, seq, windowStart(pair, last), now));
        }
        arrived.put(pair, new Arrived(seq, sentAt));
    }

    /**
     * {@code observer} was told at {@code now} that {@code peer} exited (or was replaced). EXITs
     * closer than {@link #EXIT_MERGE_NANOS} to the previous one are kept as one span, so a storm of
     * EXITs does not grow the check's own heap.
     */
    void exitSeen(UUID observer, UUID peer, long now) {
        List<long[]> spans = exits.computeIfAbsent(new Pair(observer, peer), p -> new ArrayList<>());
        synchronized (spans) {
            long[] last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
            if (last != null && now - last[1] <= EXIT_MERGE_NANOS) {
                last[1] = Math.max(last[1], now);
            } else {
                spans.add(new long[] {now, now});
            }
        }
        exitsSeen.incrementAndGet();
    }

    /** The node with this UUID is being stopped (gracefully or killed) at {@code now}. */
    void stopping(UUID node, long now) {
        List<Long> times = stops.computeIfAbsent(node, u -> new ArrayList<>());
        synchronized (times) {
            times.add(now);
        }
    }

    /**
     * Losses at the end: for each pair whose both ends are running, the messages sent after the last
     * one that arrived. Call once traffic has stopped and everything in flight was delivered.
     */
    void checkTails(Set<UUID> running, long now) {
        for (Map.Entry<Pair, Sent> e : sent.entrySet()) {
            Pair pair = e.getKey();
            if (!running.contains(pair.from()) || !running.contains(pair.to())) {
                continue;
            }
            Arrived last = arrived.get(pair);
            long lastSeq = last == null ? 0 : last.seq();
            if (lastSeq < e.getValue().seq()) {
                gap(new Gap(pair, lastSeq, e.getValue().seq() + 1, windowStart(pair, last), now));
            }
        }
    }

    /**
     * Sorts the gaps into reported and unreported losses.
     *
     * @param senderSlackNanos how much later than the arrival of the next message the sender's EXIT
     *        may have been recorded: the sender's event thread and the receiver's drain run apart
     */
    Result result(long senderSlackNanos) {
        List<Gap> all;
        synchronized (gaps) {
            all = List.copyOf(gaps);
        }
        long lost = 0;
        long reported = 0;
        long senderStopped = 0;
        List<Gap> unreported = new ArrayList<>();
        for (Gap g : all) {
            lost += g.lost();
            boolean receiverTold = exitBetween(g.pair().to(), g.pair().from(), g.windowStart(), g.windowEnd());
            boolean senderTold = exitBetween(g.pair().from(), g.pair().to(), g.windowStart(),
                    g.windowEnd() + senderSlackNanos);
            if (receiverTold || senderTold) {
                reported += g.lost();
            } else if (stoppedBetween(g.pair().from(), g.windowStart(), g.windowEnd())) {
                senderStopped += g.lost();
            } else {
                unreported.add(g);
            }
        }
        return new Result(all.size(), lost, reported, senderStopped, lost - reported - senderStopped, unreported);
    }

    long messagesSent() {
        return messagesSent.get();
    }

    long messagesArrived() {
        return messagesArrived.get();
    }

    long outOfOrder() {
        return outOfOrder.get();
    }

    /** How many pairs and EXIT records the check holds (its own share of the heap). */
    Map<String, Object> size() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pairsSent", sent.size());
        m.put("pairsArrived", arrived.size());
        m.put("exitsSeen", exitsSeen.get());
        m.put("exitSpans", exits.values().stream().mapToInt(List::size).sum());
        return m;
    }

    private long windowStart(Pair pair, @Nullable Arrived last) {
        if (last != null) {
            return last.sentAt();
        }
        Sent s = sent.get(pair);
        return s == null ? Long.MIN_VALUE : s.firstAt();
    }

    private void gap(Gap gap) {
        SoakTrace.log(-1, gap.pair().to(), "GAP from %s: %d..%d missing", SoakTrace.shortId(gap.pair().from()),
                gap.afterSeq() + 1, gap.nextSeq() - 1);
        synchronized (gaps) {
            gaps.add(gap);
        }
    }

    private boolean stoppedBetween(UUID node, long from, long to) {
        List<Long> times = stops.get(node);
        if (times == null) {
            return false;
        }
        synchronized (times) {
            return times.stream().anyMatch(t -> t >= from && t <= to);
        }
    }

    private boolean exitBetween(UUID observer, UUID peer, long from, long to) {
        List<long[]> spans = exits.get(new Pair(observer, peer));
        if (spans == null) {
            return false;
        }
        synchronized (spans) {
            return spans.stream().anyMatch(s -> s[1] >= from && s[0] <= to);
        }
    }
}
