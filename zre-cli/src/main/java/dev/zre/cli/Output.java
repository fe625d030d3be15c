package dev.zre.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * Standard output shared by the event thread and the command thread: every line is written whole
 * and flushed at once, so JSON lines never interleave and a reader sees them as they happen.
 */
final class Output {

    private final PrintStream out;

    Output(PrintStream out) {
        this.out = out;
    }

    void json(Map<String, ?> object) {
        line(Json.write(object));
    }

    synchronized void line(String text) {
        out.print(text);
        out.print('\n');
        out.flush();
    }

    /** Raw bytes followed by a newline unless they end with one (what {@code zre cat} prints). */
    synchronized void bytesLine(byte[] bytes) {
        out.write(bytes, 0, bytes.length);
        if (bytes.length == 0 || bytes[bytes.length - 1] != '\n') {
            out.write('\n');
        }
        out.flush();
    }

    /** Several lines at once (the monitor's table). */
    synchronized void block(String text) {
        out.print(text);
        out.flush();
    }
}
