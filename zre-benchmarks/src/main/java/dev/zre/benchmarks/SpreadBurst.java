package dev.zre.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A burst too large for one process's descriptor limit, spread over several child JVMs (this JVM's
 * java binary and class path, {@link BurstChild}), all on loopback as the in-JVM run: one fresh random
 * beacon port on 127.255.255.255, ROUTERs on 127.0.0.1. The children build their nodes and say READY;
 * then every child gets GO with one wall-clock instant half a second ahead and starts its nodes at it;
 * each reports per node when it had seen all others; once all have reported (or the time is up) STOP
 * makes them report counters and descriptors and exit.
 */
final class SpreadBurst {

    /** Descriptors of a node of its own, and per peer it is connected to (both directions), measured. */
    static final int FDS_PER_NODE = 11;
    static final int FDS_PER_PEER = 6;
    /** Share of the limit a process may plan to use (the JVM and JeroMQ's reconnects need the rest). */
    static final double FD_BUDGET = 0.7;
    private static final long READY_TIMEOUT_MS = 60_000;
    /** Beyond getting ready and the mesh timeout, for reporting and stopping; then a child halts. */
    private static final long CHILD_SPARE_SECONDS = 30;
    private static final long GO_AHEAD_MICROS = 500_000;
    private static final long REPORT_GRACE_MS = 10_000;

    private SpreadBurst() {
    }

    /** Descriptors that {@code nodes} nodes of a full mesh of {@code mesh} need in one process. */
    static long descriptorsNeeded(int nodes, int mesh) {
        return (long) nodes * FDS_PER_NODE + (long) nodes * (mesh - 1) * FDS_PER_PEER;
    }

    /** How many processes a mesh of {@code nodes} needs when each may open {@code fdLimit} descriptors. */
    static int processesFor(int nodes, long fdLimit) {
        long budget = (long) (fdLimit * FD_BUDGET);
        long perProcess = budget / descriptorsNeeded(1, nodes);
        if (perProcess < 1) {
            throw new IllegalArgumentException("a limit of " + fdLimit + " descriptors cannot hold one node of " + nodes);
        }
        return (int) ((nodes + perProcess - 1) / perProcess);
    }

    /** Nodes per process, as even as possible, larger shares first. */
    static int[] split(int nodes, int processes) {
        int[] sizes = new int[processes];
        for (int i = 0; i < processes; i++) {
            sizes[i] = nodes / processes + (i < nodes % processes ? 1 : 0);
        }
        return sizes;
    }

    /**
     * Runs one burst of {@code kind} ("zre" or "raw") with {@code nodes} nodes over {@code processes}
     * children, each node given {@code meshTimeout} from the start to see all others; the figures as
     * {@link BurstTally#result()} plus how it was spread.
     */
    static Map<String, Object> run(String kind, int nodes, int processes, Duration meshTimeout) throws Exception {
        int beaconPort = Loopback.randomBeaconPort();
        int[] sizes = split(nodes, processes);
        long lifetime = READY_TIMEOUT_MS / 1000 + meshTimeout.toSeconds() + CHILD_SPARE_SECONDS;
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
        List<Process> children = new ArrayList<>();
        List<PrintStream> toChildren = new ArrayList<>();
        BurstTally tally = new BurstTally(nodes, meshTimeout.toNanos() / 1000);
        try {
            int first = 0;
            for (int c = 0; c < processes; c++) {
                Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                        BurstChild.class.getName(), kind, String.valueOf(beaconPort), String.valueOf(first),
                        String.valueOf(sizes[c]), String.valueOf(nodes), String.valueOf(meshTimeout.toSeconds()),
                        String.valueOf(lifetime))
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                children.add(p);
                toChildren.add(new PrintStream(p.getOutputStream(), true, StandardCharsets.UTF_8));
                listen(c, p, inbox);
                first += sizes[c];
            }
            List<List<String>> endpoints = new ArrayList<>();
            for (int c = 0; c < processes; c++) {
                endpoints.add(List.of());
            }
            long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
            for (int ready = 0; ready < processes; ) {
                Heard r = next(inbox, deadline, "READY");
                tally.add(r.line());
                if (r.line() instanceof BurstLine.Ready ready1) {
                    endpoints.set(r.child(), ready1.endpoints());
                    ready++;
                }
            }
            if (kind.equals("raw")) {
                String peers = new BurstLine.Peers(endpoints.stream().flatMap(List::stream).toList()).format();
                toChildren.forEach(out -> out.println(peers));
            }
            String go = new BurstLine.Go(BurstChild.epochMicros() + GO_AHEAD_MICROS).format();
            toChildren.forEach(out -> out.println(go));
            deadline = System.currentTimeMillis() + GO_AHEAD_MICROS / 1000 + meshTimeout.toMillis()
                    + REPORT_GRACE_MS;
            while (tally.reported() < nodes) {
                tally.add(next(inbox, deadline, "MESHED").line());
            }
            toChildren.forEach(out -> out.println(new BurstLine.Stop().format()));
            deadline = System.currentTimeMillis() + REPORT_GRACE_MS;
            for (int done = 0; done < processes; ) {
                BurstLine line = next(inbox, deadline, "DONE").line();
                tally.add(line);
                done += line instanceof BurstLine.Done ? 1 : 0;
            }
        } finally {
            toChildren.forEach(PrintStream::close); // a child still waiting reads the end of stdin and exits
            for (Process p : children) {
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
        Map<String, Object> m = tally.result();
        m.put("processes", processes);
        m.put("nodesPerProcess", Arrays.stream(sizes).boxed().toList());
        return m;
    }

    /** One line from child {@code child}; a {@code null} line is the end of its stdout. */
    private record Received(int child, @Nullable BurstLine line) {
    }

    /** A line that did come. */
    private record Heard(int child, BurstLine line) {
    }

    private static Heard next(BlockingQueue<Received> inbox, long deadline, String awaited) throws InterruptedException {
        Received r = inbox.poll(Math.max(0, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
        if (r == null) {
            throw new IllegalStateException("burst children: no " + awaited + " in time");
        }
        BurstLine line = r.line();
        if (line == null) {
            throw new IllegalStateException("burst child " + r.child() + " ended while " + awaited + " was awaited");
        }
        return new Heard(r.child(), line);
    }

    /** Reads a child's stdout on a daemon thread; lines outside the protocol go to stderr. */
    private static void listen(int child, Process p, BlockingQueue<Received> inbox) {
        Thread t = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    try {
                        inbox.add(new Received(child, BurstLine.parse(line)));
                    } catch (IllegalArgumentException e) {
                        System.err.println("  burst child " + child + ": " + line);
                    }
                }
            } catch (IOException e) {
                System.err.println("  burst child " + child + ": " + e);
            }
            inbox.add(new Received(child, null));
        }, "burst-child-" + child);
        t.setDaemon(true);
        t.start();
    }

    /** Whether this process may hold a mesh of {@code nodes} itself. */
    static boolean fitsHere(int nodes) {
        long limit = ProcessProbe.maxFileDescriptors();
        return limit > 0 && descriptorsNeeded(nodes, nodes) <= limit * FD_BUDGET;
    }

    static Map<String, Object> spreadInfo(int nodes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fdLimit", ProcessProbe.maxFileDescriptors());
        m.put("fdNeededInOneProcess", descriptorsNeeded(nodes, nodes));
        return m;
    }
}
