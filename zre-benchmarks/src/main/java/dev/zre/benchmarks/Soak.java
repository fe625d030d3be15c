package dev.zre.benchmarks;

import dev.zre.ExitReason;
import dev.zre.ZreStatistics.Counter;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * On-demand soak: {@code java -cp zre-benchmarks.jar dev.zre.benchmarks.Soak [--nodes=30]
 * [--minutes=10] [--quick] [--trace] [--json=FILE]}. N nodes in this JVM on loopback (beacons to
 * 127.255.255.255 on a random port) exchange sequence-checked WHISPERs and SHOUTs while, for a
 * bounded time, nodes are stopped gracefully, killed without goodbye, restarted (same or fresh
 * UUID) and have their application frozen. Afterwards it checks that no loss went unreported,
 * that no stopped node is still listed after the expired timeout (ghosts), that every pair is
 * meshed again, and that heap, threads and descriptors are back where they started. Prints a
 * Markdown table, writes JSON ({@code soak-results.json} beside the jar) and exits 0 even when a
 * target is missed: it is a measurement.
 */
public final class Soak {

    private static final long TICK_NANOS = Duration.ofMillis(200).toNanos(); // one traffic round
    /** A ghost: still listed this long after the stop (expired timeout + checks and load). */
    private static final Duration GHOST_AFTER = SoakNode.EXPIRED.plusSeconds(5);
    private static final Duration MESH_TIMEOUT = Duration.ofSeconds(60);
    /** Flat: the end reading within this share of the start reading. */
    private static final double FLAT = 0.05;

    private final int size;
    private final Duration churnTime;
    private final List<SoakNode> nodes = new ArrayList<>();
    private final SequenceCheck check = new SequenceCheck();
    private final GhostWatch ghosts = new GhostWatch(GHOST_AFTER.toNanos());
    private final Map<String, Long> churn = new LinkedHashMap<>();
    private final long[] downUntil;
    private volatile boolean trafficOn;
    private volatile boolean running = true;
    /** Where the class histograms of the start and end readings go, or null (option {@code --histograms}). */
    private static @org.jspecify.annotations.Nullable Path histograms;
    /**
     * zre-core's own live bytes at the start and end readings (class histogram): the heap row also
     * counts JeroMQ's retention (pipe chunks, its signaller's thread-locals) and the soak's records.
     */
    private final Map<String, Long> zreCoreBytes = new LinkedHashMap<>();

    private Soak(int size, Duration churnTime) {
        this.size = size;
        this.churnTime = churnTime;
        this.downUntil = new long[size];
        int port = Loopback.randomBeaconPort();
        for (int i = 0; i < size; i++) {
            nodes.add(new SoakNode(i, port, check));
        }
        for (String k : List.of("gracefulStops", "kills", "freezes", "restartsSameUuid", "restartsFreshUuid")) {
            churn.put(k, 0L);
        }
    }

    public static void main(String[] args) throws Exception {
        int size = 30;
        Duration churnTime = Duration.ofMinutes(10);
        Path json = besideJar("soak-results.json");
        for (String arg : args) {
            if (arg.equals("--quick")) {
                churnTime = Duration.ofSeconds(60);
            } else if (arg.startsWith("--nodes=")) {
                size = Integer.parseInt(arg.substring(8));
            } else if (arg.startsWith("--minutes=")) {
                churnTime = Duration.ofSeconds(Math.round(Double.parseDouble(arg.substring(10)) * 60));
            } else if (arg.equals("--trace")) {
                SoakTrace.enable();
            } else if (arg.equals("--histograms")) {
                histograms = besideJar("soak-histogram");
            } else if (arg.startsWith("--json=")) {
                json = Path.of(arg.substring(7));
            } else {
                System.err.println("usage: java -cp zre-benchmarks.jar dev.zre.benchmarks.Soak [--nodes=30] [--minutes=10]"
                        + " [--quick] [--trace] [--histograms] [--json=FILE]");
                System.exit(arg.equals("--help") || arg.equals("-h") ? 0 : 2);
            }
        }
        Report report = new Report();
        report.environment("date", Instant.now().toString());
        report.environment("nodes", size);
        report.environment("churnSeconds", churnTime.toSeconds());
        report.environment("cpus", Runtime.getRuntime().availableProcessors());
        report.environment("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        report.environment("loadAverageAtStart", loadAverage());
        Soak soak = new Soak(size, churnTime);
        try {
            soak.run(report);
        } catch (Exception | Error e) {
            System.err.println("soak failed: " + e);
            e.printStackTrace();
            report.detail("failure", e.toString());
            System.exit(1); // a crash, unlike a missed target
        } finally {
            soak.running = false;
            for (SoakNode n : soak.nodes) {
                n.stop();
            }
        }
        report.environment("loadAverageAtEnd", loadAverage());
        System.out.println("## Soak (" + size + " nodes, " + churnTime.toSeconds() + " s of churn, " + report.toMap().get("environment") + ")");
        System.out.println();
        System.out.print(report.markdown());
        System.out.println();
        long missed = report.rows().stream().filter(r -> Boolean.FALSE.equals(r.met())).count();
        long targets = report.rows().stream().filter(r -> r.met() != null).count();
        System.out.println(missed == 0 ? "All " + targets + " targets met."
                : missed + " of " + targets + " targets MISSED: "
                        + report.rows().stream().filter(r -> Boolean.FALSE.equals(r.met())).map(r -> r.metric()).toList());
        Path parent = json.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(json, Json.write(report.toMap()), StandardCharsets.UTF_8);
        System.out.println("JSON: " + json.toAbsolutePath());
        System.exit(0); // daemon threads of stopped nodes must not keep the JVM up
    }

    @SuppressWarnings("LongDoubleConversion") // counts far below 2^53 go into the report's double column
    private void run(Report report) throws Exception {
        String scenario = "soak, " + size + " nodes, " + churnTime.toSeconds() + " s churn";
        ProcessProbe.Reading empty = ProcessProbe.read();
        for (SoakNode n : nodes) {
            n.start(false, false);
        }
        if (!Loopback.await(MESH_TIMEOUT, this::meshed)) {
            throw new IllegalStateException("the " + size + " nodes did not mesh within " + MESH_TIMEOUT.toSeconds() + " s");
        }
        System.err.println("  meshed; traffic on");
        Thread traffic = daemon("soak-traffic", this::traffic);
        Thread drain = daemon("soak-drain", this::drain);
        trafficOn = true;
        Thread.sleep(5000); // pipes and queues reach their working size
        ProcessProbe.Reading start = quietReading("start");
        trafficOn = true;
        System.err.printf("  start: %s; churn for %d s%n", start, churnTime.toSeconds());

        long churnStart = System.nanoTime();
        churn(churnStart + churnTime.toNanos());
        System.err.println("  churn over; settling");

        long settleStart = System.nanoTime();
        for (SoakNode n : nodes) {
            n.unfreeze();
            if (!n.isRunning()) {
                restart(n);
            }
        }
        boolean meshed = Loopback.await(MESH_TIMEOUT, this::meshed);
        double meshSeconds = (System.nanoTime() - settleStart) / 1e9;
        // let every stop of the churn pass the ghost deadline, looking all the while
        long ghostDeadline = System.nanoTime() + GHOST_AFTER.toNanos() + Duration.ofSeconds(1).toNanos();
        while (System.nanoTime() - ghostDeadline < 0) {
            ghosts.check(nodes, System.nanoTime());
            Thread.sleep(250);
        }
        ProcessProbe.Reading end = quietReading("end");
        check.checkTails(runningUuids(), System.nanoTime());
        ghosts.check(nodes, System.nanoTime());
        System.err.printf("  end: %s%n", end);
        running = false;
        traffic.join(2000);
        drain.join(2000);
        Map<String, Long> counters = counters();
        Map<String, Long> exits = exits();
        for (SoakNode n : nodes) {
            n.stop();
        }
        Thread.sleep(1000); // JeroMQ's reaper closes the last sockets
        ProcessProbe.Reading stopped = ProcessProbe.read();

        SequenceCheck.Result r = check.result(Duration.ofSeconds(1).toNanos());
        report.add(scenario, "pair messages sent (whisper + per-receiver shout)", "", check.messagesSent(), Double.NaN, null, null);
        report.add(scenario, "pair messages arrived", "", check.messagesArrived(), Double.NaN, null, null);
        report.add(scenario, "lost, reported by EXIT", "", r.reportedLost(), Double.NaN, null, null);
        report.add(scenario, "lost, sender itself stopped before it could tell", "", r.senderStoppedLost(), Double.NaN, null, null);
        report.add(scenario, "unreported losses", "", r.unreportedLost(), Double.NaN, "0", r.unreportedLost() == 0);
        report.add(scenario, "out of order or duplicated", "", check.outOfOrder(), Double.NaN, "0", check.outOfOrder() == 0);
        report.add(scenario, "ghosts (listed > " + GHOST_AFTER.toSeconds() + " s after stop)", "", ghosts.ghosts(),
                Double.NaN, "0", ghosts.ghosts() == 0);
        report.add(scenario, "every pair meshed after churn", "s", meshSeconds, Double.NaN,
                "≤ " + MESH_TIMEOUT.toSeconds() + " s", meshed);
        forgetRows(report, scenario);
        report.add(scenario, "EXITs reported (LEFT, EXPIRED, DROPPED, REPLACED: see JSON)", "",
                exits.values().stream().mapToLong(Long::longValue).sum(), Double.NaN, null, null);
        report.add(scenario, "  of them REPLACED", "", exits.getOrDefault("REPLACED", 0L), Double.NaN, null, null);
        for (Counter c : List.of(Counter.CONNECTIONS_REBUILT, Counter.HANDSHAKES_STALLED, Counter.SILENT_LINKS_REBUILT,
                Counter.EVENTS_DROPPED)) {
            report.add(scenario, c.name(), "", counters.getOrDefault(c.name(), 0L), Double.NaN, null, null);
        }
        flatRow(report, scenario, "heap after GC", "MB", start.heapBytes() / 1e6, end.heapBytes() / 1e6);
        flatRow(report, scenario, "zre-core's own live objects (dev.zre classes)", "KB",
                zreCoreBytes.getOrDefault("start", 0L) / 1e3, zreCoreBytes.getOrDefault("end", 0L) / 1e3);
        flatRow(report, scenario, "live threads", "", start.threads(), end.threads());
        flatRow(report, scenario, "open descriptors", "", start.fileDescriptors(), end.fileDescriptors());
        report.add(scenario, "after stopping all nodes: heap − before the first start", "MB",
                (stopped.heapBytes() - empty.heapBytes()) / 1e6, Double.NaN, null, null);
        report.add(scenario, "after stopping all nodes: threads − before the first start", "",
                stopped.threads() - empty.threads(), Double.NaN, "0", stopped.threads() == empty.threads());
        report.add(scenario, "after stopping all nodes: descriptors − before the first start", "",
                stopped.fileDescriptors() - empty.fileDescriptors(), Double.NaN, "0",
                stopped.fileDescriptors() == empty.fileDescriptors());

        Map<String, Object> d = new LinkedHashMap<>();
        d.put("churn", churn);
        d.put("gaps", r.gaps());
        d.put("lost", r.lost());
        d.put("unreportedGaps", r.unreported().stream().limit(20).map(Object::toString).toList());
        d.put("ghostExamples", ghosts.ghostExamples());
        d.put("restartedBeforeForgotten", ghosts.restartedBeforeForgotten());
        d.put("meshedAfterChurn", meshed);
        d.put("missingPairsAtEnd", missingPairs());
        d.put("readingWithoutNodes", reading(empty));
        d.put("readingStart", reading(start));
        d.put("readingEnd", reading(end));
        d.put("readingAllStopped", reading(stopped));
        d.put("sequenceCheckSize", check.size());
        d.put("counters", counters);
        d.put("exits", exits);
        report.detail("soak", d);
        System.err.println("  churn " + churn + ", counters " + counters + ", exits " + exits);
    }

    /** The nodes' counters, summed over every node that ran (before the final stop). */
    private Map<String, Long> counters() {
        Map<String, Long> counters = new LinkedHashMap<>();
        for (Counter c : Counter.values()) {
            counters.put(c.name(), nodes.stream().mapToLong(n -> n.counter(c)).sum());
        }
        return counters;
    }

    /** EXITs the nodes reported, by reason (before the final stop). */
    private Map<String, Long> exits() {
        Map<String, Long> exits = new LinkedHashMap<>();
        for (ExitReason reason : ExitReason.values()) {
            exits.put(reason.name(), nodes.stream().mapToLong(n -> n.exits(reason)).sum());
        }
        return exits;
    }

    // ------------------------------------------------------------------ churn

    /** Until {@code until}: every 0.5–2.5 s one action; down nodes come back after 1–8 s; frozen ones after 2–10 s. */
    private void churn(long until) throws InterruptedException {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        int minRunning = Math.max(2, (int) Math.ceil(size * 0.8));
        long nextAction = System.nanoTime();
        long now;
        while ((now = System.nanoTime()) - until < 0) {
            for (SoakNode n : nodes) {
                if (!n.isRunning() && downUntil[n.index()] - now < 0) {
                    restart(n);
                }
            }
            if (now - nextAction >= 0) {
                List<SoakNode> candidates = nodes.stream().filter(n -> n.isRunning() && !n.isFrozen(System.nanoTime())).toList();
                int action = rnd.nextInt(10);
                int up = (int) nodes.stream().filter(SoakNode::isRunning).count();
                if (action < 3 || up <= minRunning || candidates.isEmpty()) {
                    if (!candidates.isEmpty()) {
                        candidates.get(rnd.nextInt(candidates.size())).freeze(now + seconds(rnd, 2, 10));
                        count("freezes");
                    }
                } else {
                    SoakNode mute = candidates.stream().filter(SoakNode::isMute).findFirst().orElse(null);
                    boolean kill = action >= 7 && mute != null;
                    SoakNode victim = kill && mute != null ? mute : candidates.get(rnd.nextInt(candidates.size()));
                    kill = victim.isMute();
                    UUID gone = victim.uuid();
                    victim.stop();
                    ghosts.stopped(gone, kill ? GhostWatch.Kind.KILLED : GhostWatch.Kind.GRACEFUL, System.nanoTime());
                    downUntil[victim.index()] = System.nanoTime() + seconds(rnd, 1, 8);
                    count(kill ? "kills" : "gracefulStops");
                }
                nextAction = now + seconds(rnd, 0.5, 2.5);
            }
            ghosts.check(nodes, System.nanoTime());
            Thread.sleep(100);
        }
    }

    /** Starts the node again: same or fresh UUID; mute (killable) when no other running node is (two mute nodes never find each other). */
    private void restart(SoakNode n) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        boolean fresh = rnd.nextBoolean();
        boolean mute = nodes.stream().noneMatch(SoakNode::isMute) && rnd.nextBoolean();
        n.start(fresh, mute);
        ghosts.started(n.uuid());
        count(fresh ? "restartsFreshUuid" : "restartsSameUuid");
    }

    private void count(String what) {
        churn.merge(what, 1L, Long::sum);
    }

    private static long seconds(ThreadLocalRandom rnd, double min, double max) {
        return (long) (rnd.nextDouble(min, max) * 1e9);
    }

    // ------------------------------------------------------------------ traffic and the application side

    /** Every tick, each running node whispers to each peer, or (every other tick) shouts once to the group. */
    private void traffic() {
        long tick = 0;
        long next = System.nanoTime();
        while (running) {
            if (trafficOn) {
                boolean shout = tick++ % 2 == 1;
                for (SoakNode n : nodes) {
                    n.send(shout);
                }
            }
            next += TICK_NANOS;
            sleepUntil(next);
        }
    }

    /** The applications: each node's inbox is taken and checked, except while it is frozen. */
    private void drain() {
        while (running) {
            int taken = 0;
            for (SoakNode n : nodes) {
                taken += n.drain(1000);
            }
            if (taken == 0) {
                sleepUntil(System.nanoTime() + 2_000_000);
            }
        }
    }

    /** Stops the traffic, waits until everything sent has been taken, then reads heap, threads and descriptors. */
    private ProcessProbe.Reading quietReading(String label) throws InterruptedException {
        trafficOn = false;
        Thread.sleep(2000);
        ProcessProbe.Reading reading = ProcessProbe.read();
        String histogram = ProcessProbe.classHistogram();
        zreCoreBytes.put(label, ProcessProbe.zreCoreBytes(histogram));
        Path prefix = histograms;
        if (prefix != null) {
            try {
                Files.writeString(Path.of(prefix + "-" + label + ".txt"), histogram, StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                System.err.println("class histogram not written: " + e);
            }
        }
        return reading;
    }

    private static void sleepUntil(long deadline) {
        long wait = deadline - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    // ------------------------------------------------------------------ checks and rows

    private boolean meshed() {
        return missingPairs() == 0;
    }

    /** Ordered pairs of running nodes where the first does not list the second. */
    private int missingPairs() {
        Set<UUID> up = runningUuids();
        int missing = 0;
        for (SoakNode n : nodes) {
            if (n.isRunning()) {
                Set<UUID> peers = n.peers();
                missing += (int) up.stream().filter(u -> !u.equals(n.uuid()) && !peers.contains(u)).count();
            }
        }
        return missing;
    }

    private Set<UUID> runningUuids() {
        Set<UUID> up = new HashSet<>();
        for (SoakNode n : nodes) {
            if (n.isRunning()) {
                up.add(n.uuid());
            }
        }
        return up;
    }

    private void forgetRows(Report report, String scenario) {
        for (GhostWatch.Kind kind : GhostWatch.Kind.values()) {
            long[] times = ghosts.forgetNanos(kind);
            if (times.length > 0) {
                Stats s = Stats.of(times);
                String what = kind == GhostWatch.Kind.KILLED ? "killed" : "stopped gracefully";
                report.add(scenario, "forgotten by all, " + what + ", p50 (n = " + times.length + ")", "ms",
                        s.percentile(50) / 1e6, Double.NaN, null, null);
                report.add(scenario, "forgotten by all, " + what + ", max", "ms", s.max() / 1e6, Double.NaN, null, null);
            }
        }
    }

    private static void flatRow(Report report, String scenario, String what, String unit, double start, double end) {
        boolean flat = Math.abs(end - start) <= FLAT * start;
        report.add(scenario, what + ", end (start " + Report.format(start, unit) + ", "
                + String.format(java.util.Locale.ROOT, "%+.1f %%", 100 * (end - start) / start) + ")",
                unit, end, Double.NaN, "within ±" + Math.round(FLAT * 100) + " % of start", flat);
    }

    private static Map<String, Object> reading(ProcessProbe.Reading r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("heapBytes", r.heapBytes());
        m.put("threads", r.threads());
        m.put("fileDescriptors", r.fileDescriptors());
        return m;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "n/a";
        }
    }

    /** A file beside the jar, or in the working directory when not run from a jar. */
    private static Path besideJar(String name) {
        try {
            File where = new File(Soak.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            File dir = where.isFile() ? where.getParentFile() : new File(".");
            return dir.toPath().resolve(name);
        } catch (Exception | Error e) {
            return Path.of(name);
        }
    }
}
