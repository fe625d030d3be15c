package dev.zre.benchmarks;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the benchmarks: {@code java -jar zre-benchmarks.jar [--quick] [--only=a,b] [--json=FILE]}
 * ({@code --only=burst100}: only the 100-node burst).
 * Prints a Markdown table on stdout (progress on stderr) and writes the results as JSON, by
 * default to {@code benchmark-results.json} beside the jar (i.e. {@code zre-benchmarks/target/}).
 * Everything runs on loopback with random beacon ports; every scenario is bounded and ends by itself.
 */
public final class BenchmarkMain {

    private static final List<String> SCENARIOS = List.of("latency", "throughput", "discovery", "burst", "flood", "memory",
            "spring");
    /** Only on request: {@code burst100} is the 100-node part of {@code burst} (its full run) alone. */
    private static final List<String> ON_REQUEST = List.of("burst100");

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        Mode mode = Mode.FULL;
        Set<String> only = new LinkedHashSet<>(SCENARIOS);
        Path json = defaultJson();
        for (String arg : args) {
            if (arg.equals("--quick")) {
                mode = Mode.QUICK;
            } else if (arg.startsWith("--only=")) {
                only = new LinkedHashSet<>(Arrays.asList(arg.substring(7).split(",")));
                only.removeIf(s -> !SCENARIOS.contains(s) && !ON_REQUEST.contains(s));
            } else if (arg.startsWith("--json=")) {
                json = Path.of(arg.substring(7));
            } else {
                System.err.println("usage: java -jar zre-benchmarks.jar [--quick] [--only=" + String.join(",", SCENARIOS) + "," + String.join(",", ON_REQUEST)
                        + "] [--json=FILE]");
                System.exit(arg.equals("--help") || arg.equals("-h") ? 0 : 2);
            }
        }
        Report report = new Report();
        report.environment("date", Instant.now().toString());
        report.environment("mode", mode.name());
        report.environment("cpus", Runtime.getRuntime().availableProcessors());
        report.environment("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        report.environment("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        report.environment("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        report.environment("jvmArgs", ManagementFactory.getRuntimeMXBean().getInputArguments());
        report.environment("scenarios", new ArrayList<>(only));

        long t0 = System.nanoTime();
        for (String s : only) {
            long st = System.nanoTime();
            System.err.println("== " + s + " (" + mode.name() + ")");
            if (System.getenv("ZRE_BENCH_DEBUG") != null) {
                var tm = ManagementFactory.getThreadMXBean();
                for (long id : tm.getAllThreadIds()) {
                    var info = tm.getThreadInfo(id);
                    if (info != null) {
                        System.err.printf("   thread %s %s cpu=%d ms%n", info.getThreadName(), info.getThreadState(),
                                tm.getThreadCpuTime(id) / 1_000_000);
                    }
                }
            }
            try {
                switch (s) {
                    case "throughput" -> new ThroughputScenario(mode, report).run();
                    case "latency" -> new LatencyScenario(mode, report).run();
                    case "discovery" -> new DiscoveryScenario(mode, report).run();
                    case "burst" -> new BurstScenario(mode, report).run();
                    case "burst100" -> new BurstScenario(mode, report).runLarge();
                    case "flood" -> new FloodScenario(mode, report).run();
                    case "memory" -> new MemoryScenario(mode, report).run();
                    case "spring" -> new SpringScenario(mode, report).run();
                    default -> throw new IllegalArgumentException(s);
                }
            } catch (Exception | Error e) {
                System.err.println("   " + s + " failed: " + e);
                e.printStackTrace();
                report.detail(s + "Failure", e.toString());
            }
            System.err.printf("   %s took %.1f s%n", s, (System.nanoTime() - st) / 1e9);
        }
        report.environment("totalSeconds", (System.nanoTime() - t0) / 1e9);

        System.out.println("## ZRE vs raw JeroMQ (" + mode.name() + " run, " + report.toMap().get("environment") + ")");
        System.out.println();
        System.out.print(report.markdown());
        System.out.println();
        Path parent = json.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(json, Json.write(report.toMap()), StandardCharsets.UTF_8);
        System.out.println("JSON: " + json.toAbsolutePath());
        System.exit(0); // daemon threads of stopped nodes must not keep the JVM up
    }

    /** {@code benchmark-results.json} beside the jar, or in the working directory when not run from a jar. */
    private static Path defaultJson() {
        try {
            File where = new File(BenchmarkMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            File dir = where.isFile() ? where.getParentFile() : new File(".");
            return dir.toPath().resolve("benchmark-results.json");
        } catch (Exception | Error e) {
            return Path.of("benchmark-results.json");
        }
    }
}
