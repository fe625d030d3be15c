package dev.zre.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs the tool in-process, the way {@code main} does, with captured streams. Close it to end the
 * command (stdin closed, thread interrupted) and wait for it.
 */
final class Cli implements AutoCloseable {

    /** A beacon port of its own for each test, so tests never see each other's nodes. */
    static int randomPort() {
        return ThreadLocalRandom.current().nextInt(20000, 30000);
    }

    final Lines out = new Lines();
    final Lines err = new Lines();
    private final PipedOutputStream stdin;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "zre-cli-under-test");
        t.setDaemon(true);
        return t;
    });
    private final Future<Integer> exit;

    private Cli(InputStream in, PipedOutputStream stdin, String... args) {
        this.stdin = stdin;
        Io io = Io.of(in, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        this.exit = thread.submit(() -> ZreCli.run(io, args));
    }

    /** Starts the command with a stdin the test writes to ({@link #send}). */
    static Cli start(String... args) throws IOException {
        PipedOutputStream stdin = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(stdin, 64 * 1024);
        return new Cli(in, stdin, args);
    }

    /** Starts the command with this fixed stdin. */
    static Cli withInput(String input, String... args) {
        return new Cli(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), null, args);
    }

    /** Runs a command that ends by itself, with empty stdin, and returns its exit code. */
    static Cli run(String... args) throws Exception {
        Cli cli = withInput("", args);
        cli.awaitExit(Duration.ofSeconds(30));
        return cli;
    }

    void send(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    void closeStdin() throws IOException {
        if (stdin != null) {
            stdin.close();
        }
    }

    String awaitOut(Predicate<String> match, String what) throws InterruptedException {
        return out.await(match, Duration.ofSeconds(15), what);
    }

    int awaitExit(Duration timeout) throws Exception {
        try {
            return exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("command did not end within " + timeout + "; stdout:\n" + out.text() + "\nstderr:\n" + err.text());
        }
    }

    int exitCode() throws Exception {
        return awaitExit(Duration.ofSeconds(30));
    }

    @Override
    public void close() throws Exception {
        try {
            closeStdin();
        } catch (IOException e) {
            // already closed
        }
        exit.cancel(true);
        thread.shutdownNow();
        thread.awaitTermination(10, TimeUnit.SECONDS);
    }
}
