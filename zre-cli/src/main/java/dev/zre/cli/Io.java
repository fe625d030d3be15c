package dev.zre.cli;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a command reads and writes: the process's standard streams, or captured streams when a
 * test runs the tool in-process.
 *
 * @param in standard input (lines to shout, or JSON commands)
 * @param out standard output (messages and events), UTF-8
 * @param err diagnostics
 * @param stdinIsTty whether standard input is a terminal (then {@code zre cat} does not read it)
 * @param stdinIsNull whether standard input is {@code /dev/null} (a container or service without
 *        input; then {@code zre cat} does not read it either)
 * @param stdoutIsTty whether standard output is a terminal (then {@code zre monitor} redraws its table)
 * @param shutdownHook whether to stop nodes from a JVM shutdown hook on Ctrl-C / SIGTERM
 */
record Io(InputStream in, PrintStream out, PrintStream err, boolean stdinIsTty, boolean stdinIsNull,
        boolean stdoutIsTty, boolean shutdownHook) {

    /** The process's own streams. */
    // Java 17: a null console means no terminal; it is only the fallback where /proc cannot tell
    @SuppressWarnings("SystemConsoleNull")
    static Io system() {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        boolean console = System.console() != null;
        return new Io(new FileInputStream(FileDescriptor.in), out, err, isTerminal(0, console), isDevNull(0),
                isTerminal(1, console), true);
    }

    /** Captured streams for in-process runs: no terminal, no shutdown hook. */
    static Io of(InputStream in, PrintStream out, PrintStream err) {
        return new Io(in, out, err, false, false, false, false);
    }

    private static boolean isDevNull(int fd) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString().equals("/dev/null");
        } catch (Exception | LinkageError e) {
            return false;
        }
    }

    /** Linux tells through /proc which file a descriptor is; elsewhere fall back to System.console(). */
    private static boolean isTerminal(int fd, boolean consoleFallback) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (Exception | LinkageError e) {
            return consoleFallback;
        }
    }
}
