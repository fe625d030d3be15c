package dev.zre.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The built jar as a real process, with its output collected line by line. Close destroys it. */
final class Proc implements AutoCloseable {

    final Process process;
    final Lines out = new Lines();
    final Lines err = new Lines();

    private Proc(List<String> command, boolean nullStdin) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (nullStdin) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        process = builder.start();
        pump(process.getInputStream(), out, "stdout");
        pump(process.getErrorStream(), err, "stderr");
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("zre.cli.jar", "target/zre-cli.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + "; run these tests with 'mvn verify' so the jar is built first");
        }
        return jar;
    }

    /** {@code java -jar zre-cli.jar args...} */
    static Proc java(String... args) throws IOException {
        return java(false, args);
    }

    /** {@code java -jar zre-cli.jar args... < /dev/null}, as a container without input runs it. */
    static Proc javaWithoutInput(String... args) throws IOException {
        return java(true, args);
    }

    private static Proc java(boolean nullStdin, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar().toString()));
        command.addAll(List.of(args));
        return new Proc(command, nullStdin);
    }

    /** Any command, e.g. the launcher script. */
    static Proc of(String... command) throws IOException {
        return new Proc(List.of(command), false);
    }

    private static void pump(InputStream in, OutputStream sink, String name) {
        Thread t = new Thread(() -> {
            try (in) {
                in.transferTo(sink);
            } catch (IOException e) {
                // the process ended
            }
        }, "pump-" + name);
        t.setDaemon(true);
        t.start();
    }

    void send(String line) throws IOException {
        OutputStream stdin = process.getOutputStream();
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    void closeStdin() throws IOException {
        process.getOutputStream().close();
    }

    String awaitOut(java.util.function.Predicate<String> match, String what) throws InterruptedException {
        try {
            return out.await(match, Duration.ofSeconds(20), what);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nstderr:\n" + err.text()
                    + (process.isAlive() ? "" : "\nexit code " + process.exitValue()), e);
        }
    }

    /** Waits for the process to end by itself and returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("process did not end within " + timeout + "; stdout:\n" + out.text() + "\nstderr:\n"
                    + err.text());
        }
        return process.exitValue();
    }

    /**
     * SIGTERM, as a container runtime would end it. Through the process handle, because
     * {@link Process#destroy()} also closes our end of its pipes and its last lines would be lost.
     */
    void terminate() {
        process.toHandle().destroy();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
