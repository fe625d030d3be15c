package dev.zre.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** An output stream that collects complete lines, so tests can wait for the line they expect. */
final class Lines extends OutputStream {

    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private final List<String> all = new ArrayList<>();

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            String line = current.toString(StandardCharsets.UTF_8);
            current.reset();
            queue.add(line);
            all.add(line);
        } else {
            current.write(b);
        }
    }

    /** Every complete line so far, plus the unfinished one. */
    synchronized String text() {
        return String.join("\n", all) + (current.size() > 0 ? "\n" + current.toString(StandardCharsets.UTF_8) : "");
    }

    /** Waits for the next line that matches (earlier lines are consumed); fails after the timeout. */
    String await(Predicate<String> match, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no line " + what + " within " + timeout + "; output so far:\n" + text());
            }
            String line = queue.poll(left, TimeUnit.NANOSECONDS);
            if (line != null && match.test(line)) {
                return line;
            }
        }
    }
}
