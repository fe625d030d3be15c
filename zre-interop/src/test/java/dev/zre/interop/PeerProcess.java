package dev.zre.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * One ZRE peer running as a child process in a lab namespace: the zre CLI in {@code --json} mode or the
 * zyre.js driver, which speak the same JSON lines. Every stdout line is parsed and kept (and copied to a
 * log file under {@code target/interop/logs}); tests wait for events with deadlines.
 */
final class PeerProcess implements AutoCloseable {

    enum Kind {
        JAVA, JS
    }

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Kind kind;
    private final String label;
    private final Process process;
    private final PrintWriter stdin;
    private final List<Event> events = new ArrayList<>();
    private final Thread reader;
    private final Writer log;
    private final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean eof;

    private PeerProcess(Kind kind, String label, Process process, Path logFile) throws IOException {
        this.kind = kind;
        this.label = label;
        this.process = process;
        this.stdin = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
        this.log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
        this.reader = new Thread(this::readLoop, "peer-" + label);
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Starts {@code command} (already wrapped in {@code ip netns exec}) and registers it with the lab. */
    static PeerProcess start(NetnsLab lab, Kind kind, String label, List<String> command, Path logDir) {
        try {
            Files.createDirectories(logDir);
            Path stderr = logDir.resolve(label + ".stderr.log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
            // UTF-8 command-line arguments (names, headers) whatever the caller's locale
            builder.environment().put("LC_ALL", "C.UTF-8");
            Process process = builder.start();
            PeerProcess peer = new PeerProcess(kind, label, process, logDir.resolve(label + ".stdout.jsonl"));
            lab.track(peer);
            return peer;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + label + ": " + command, e);
        }
    }

    private void readLoop() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (log) {
                    log.write(line);
                    log.write('\n');
                    log.flush();
                }
                Event event;
                try {
                    event = new Event(JSON.readValue(line, MAP), line);
                } catch (RuntimeException e) {
                    event = new Event(Map.of("event", "UNPARSED", "line", line), line);
                }
                synchronized (events) {
                    events.add(event);
                    events.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process went away
        } finally {
            eof = true;
            synchronized (events) {
                events.notifyAll();
            }
            try {
                synchronized (log) {
                    log.close();
                }
            } catch (IOException e) {
                // nothing to do
            }
        }
    }

    Kind kind() {
        return kind;
    }

    String label() {
        return label;
    }

    /** Sends one command line, e.g. {@code send("cmd", "join", "group", "g")}. */
    void send(Object... keyValues) {
        Map<String, Object> command = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            command.put((String) keyValues[i], keyValues[i + 1]);
        }
        stdin.println(JSON.writeValueAsString(command));
        if (stdin.checkError()) {
            throw new IllegalStateException(label + " no longer reads commands (exited?)\n" + describe());
        }
    }

    /** Sends a command with a fresh "id" and waits for the reply carrying it (OK, ERROR, PEERS, STATS...). */
    Event request(Duration deadline, Object... keyValues) {
        String id = label + "-" + requests.incrementAndGet();
        Object[] withId = java.util.Arrays.copyOf(keyValues, keyValues.length + 2);
        withId[keyValues.length] = "id";
        withId[keyValues.length + 1] = id;
        send(withId);
        return await("reply to " + keyValues[1] + " (id " + id + ")", deadline, e -> id.equals(e.string("id")));
    }

    void join(String group) {
        send("cmd", "join", "group", group);
    }

    void leave(String group) {
        send("cmd", "leave", "group", group);
    }

    void shoutText(String group, String text) {
        send("cmd", "shout", "group", group, "text", text);
    }

    void shoutBytes(String group, byte[] bytes) {
        send("cmd", "shout", "group", group, "base64", java.util.Base64.getEncoder().encodeToString(bytes));
    }

    void shoutFrames(String group, List<byte[]> frames) {
        send("cmd", "shout", "group", group, "frames",
                frames.stream().map(f -> java.util.Base64.getEncoder().encodeToString(f)).toList());
    }

    void whisperFrames(String peer, List<byte[]> frames) {
        send("cmd", "whisper", "peer", peer, "frames",
                frames.stream().map(f -> java.util.Base64.getEncoder().encodeToString(f)).toList());
    }

    void whisperText(String peer, String text) {
        send("cmd", "whisper", "peer", peer, "text", text);
    }

    void whisperBytes(String peer, byte[] bytes) {
        send("cmd", "whisper", "peer", peer, "base64", java.util.Base64.getEncoder().encodeToString(bytes));
    }

    /** All events so far. */
    List<Event> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** The first event (from the start) matching {@code condition}, waiting up to {@code deadline}. */
    Event await(String what, Duration deadline, Predicate<Event> condition) {
        return awaitCount(what, deadline, 1, condition).get(0);
    }

    /** Waits until {@code count} events match; returns the first {@code count} matches. */
    List<Event> awaitCount(String what, Duration deadline, int count, Predicate<Event> condition) {
        long end = System.nanoTime() + deadline.toNanos();
        List<Event> matches = new ArrayList<>();
        int scanned = 0;
        synchronized (events) {
            while (true) {
                for (; scanned < events.size() && matches.size() < count; scanned++) {
                    if (condition.test(events.get(scanned))) {
                        matches.add(events.get(scanned));
                    }
                }
                if (matches.size() >= count) {
                    return List.copyOf(matches);
                }
                long left = end - System.nanoTime();
                if (left <= 0 || (eof && !process.isAlive())) {
                    throw new AssertionError(label + ": expected " + what + " within " + deadline + " but saw "
                            + matches.size() + "/" + count + (eof ? " (process ended, exit " + exitCode() + ")" : "")
                            + "\n" + describe());
                }
                try {
                    events.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted waiting for " + what, e);
                }
            }
        }
    }

    long count(Predicate<Event> condition) {
        synchronized (events) {
            return events.stream().filter(condition).count();
        }
    }

    /** The READY event: this peer's own uuid (normalised: 32 lower-case hex digits), name and endpoint. */
    Event ready(Duration deadline) {
        return await("READY", deadline, e -> e.is("READY"));
    }

    String uuid() {
        return ready(Duration.ofSeconds(1)).uuid();
    }

    /** Asks the peer to stop gracefully and waits for it to exit. */
    int quit(Duration deadline) {
        try {
            send("cmd", "quit");
        } catch (IllegalStateException e) {
            // already gone
        }
        stdin.close();
        return waitFor(deadline);
    }

    int waitFor(Duration deadline) {
        try {
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(label + " did not exit within " + deadline + "\n" + describe());
            }
            reader.join(deadline.toMillis());
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    private String exitCode() {
        return process.isAlive() ? "running" : String.valueOf(process.exitValue());
    }

    /** Kills the peer at once (SIGKILL: no leave beacon, no goodbye), and whatever it started. */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    /** The last events, for failure messages. */
    String describe() {
        List<Event> all = events();
        int from = Math.max(0, all.size() - 25);
        return "--- last events of " + label + " (" + all.size() + " in all) ---\n"
                + all.subList(from, all.size()).stream().map(Event::line).map(PeerProcess::shorten)
                        .collect(Collectors.joining("\n"));
    }

    private static String shorten(String line) {
        return line.length() > 300 ? line.substring(0, 300) + "...(" + line.length() + " chars)" : line;
    }

    @Override
    public String toString() {
        return label;
    }
}
