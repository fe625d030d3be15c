package dev.zre.benchmarks;

import java.util.Arrays;
import java.util.List;

/**
 * One line of the protocol between {@link SpreadBurst} and its {@link BurstChild} processes: plain
 * words separated by single spaces, one message a line, on the child's stdin and stdout. Times are
 * microseconds since the agreed start instant ({@link Go}), which every child reads from the same
 * wall clock.
 */
sealed interface BurstLine {

    /** The line as sent. */
    String format();

    /** Child: nodes (or ROUTERs) built, not started; {@code endpoints} are the raw ROUTERs' endpoints. */
    record Ready(int fileDescriptors, List<String> endpoints) implements BurstLine {
        @Override
        public String format() {
            return join("READY", fileDescriptors, String.join(" ", endpoints));
        }
    }

    /** Parent: the ROUTER endpoints of all children, in node order (raw JeroMQ only). */
    record Peers(List<String> endpoints) implements BurstLine {
        @Override
        public String format() {
            return join("PEERS", String.join(" ", endpoints));
        }
    }

    /** Parent: start every node at this wall-clock instant (microseconds since the epoch). */
    record Go(long epochMicros) implements BurstLine {
        @Override
        public String format() {
            return join("GO", epochMicros);
        }
    }

    /** Child: all of its nodes were started (or its DEALERs connected) this long after the start. */
    record Started(long micros) implements BurstLine {
        @Override
        public String format() {
            return join("STARTED", micros);
        }
    }

    /** Child: node {@code node} had seen {@code seen} others; all of them at {@code micros}, -1 if not. */
    record Meshed(int node, long micros, int seen) implements BurstLine {
        @Override
        public String format() {
            return join("MESHED", node, micros, seen);
        }
    }

    /** Parent: every node meshed or the time is up; report and stop. */
    record Stop() implements BurstLine {
        @Override
        public String format() {
            return "STOP";
        }
    }

    /** Child: the ZreStatistics counters summed over its nodes, read at STOP. */
    record Counters(long rebuilt, long stalled, long silent, long evicted, long abandoned) implements BurstLine {
        @Override
        public String format() {
            return join("COUNTERS", rebuilt, stalled, silent, evicted, abandoned);
        }
    }

    /** Child: open descriptors of its process at STOP (every connection still open). */
    record Fds(int fileDescriptors) implements BurstLine {
        @Override
        public String format() {
            return join("FDS", fileDescriptors);
        }
    }

    /** Child: everything reported, stopping. */
    record Done() implements BurstLine {
        @Override
        public String format() {
            return "DONE";
        }
    }

    /** Parses one line; IllegalArgumentException for anything that is not a message of the protocol. */
    static BurstLine parse(String line) {
        String[] w = line.strip().split(" +");
        try {
            return switch (w[0]) {
                case "READY" -> new Ready(Integer.parseInt(w[1]), List.copyOf(Arrays.asList(w).subList(2, w.length)));
                case "PEERS" -> new Peers(List.copyOf(Arrays.asList(w).subList(1, w.length)));
                case "GO" -> new Go(Long.parseLong(exactly(w, 2)[1]));
                case "STARTED" -> new Started(Long.parseLong(exactly(w, 2)[1]));
                case "MESHED" -> new Meshed(Integer.parseInt(exactly(w, 4)[1]), Long.parseLong(w[2]),
                        Integer.parseInt(w[3]));
                case "STOP" -> {
                    exactly(w, 1);
                    yield new Stop();
                }
                case "COUNTERS" -> new Counters(Long.parseLong(exactly(w, 6)[1]), Long.parseLong(w[2]),
                        Long.parseLong(w[3]), Long.parseLong(w[4]), Long.parseLong(w[5]));
                case "FDS" -> new Fds(Integer.parseInt(exactly(w, 2)[1]));
                case "DONE" -> {
                    exactly(w, 1);
                    yield new Done();
                }
                default -> throw new IllegalArgumentException("not a burst protocol line: " + line);
            };
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            throw new IllegalArgumentException("malformed burst protocol line: " + line, e);
        }
    }

    private static String[] exactly(String[] words, int count) {
        if (words.length != count) {
            throw new IllegalArgumentException("expected " + count + " words: " + String.join(" ", words));
        }
        return words;
    }

    private static String join(Object... words) {
        StringBuilder b = new StringBuilder();
        for (Object w : words) {
            String s = String.valueOf(w);
            if (!s.isEmpty()) {
                b.append(b.length() == 0 ? "" : " ").append(s);
            }
        }
        return b.toString();
    }
}
