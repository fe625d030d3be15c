package dev.zre.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.TestInfo;

/**
 * Where things are and how peers start: the zre CLI jar, the zyre.js install (locked by
 * {@code src/test/js/package-lock.json}, installed once into {@code target/interop/zyrejs} and reused while
 * the lock is unchanged), and the two launchers. Every peer runs inside a lab namespace, never on the
 * host's own network.
 */
final class Interop {

    static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);
    static final List<String> JS_FILES = List.of("package.json", "package-lock.json", "zyre-peer.js",
            "zeromq-shim/package.json", "zeromq-shim/index.js");

    private static Path installed;

    private Interop() {
    }

    static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    static Path workDir() {
        return Path.of(System.getProperty("zre.interop.work", "target/interop")).toAbsolutePath();
    }

    static Path jsSource() {
        return Path.of(System.getProperty("zre.interop.js", "src/test/js")).toAbsolutePath();
    }

    static Path cliJar() {
        return Path.of(System.getProperty("zre.cli.jar", "../zre-cli/target/zre-cli.jar")).toAbsolutePath()
                .normalize();
    }

    /** Why Node.js/npm cannot be used here, or empty. */
    static Optional<String> nodeUnavailableReason() {
        for (String tool : List.of("node", "npm")) {
            Shell.Result r = Shell.run(Duration.ofSeconds(30), tool, "--version");
            if (!r.ok()) {
                return Optional.of("'" + tool + "' is not available (Debian packages nodejs and npm): "
                        + r.output().strip());
            }
        }
        return Optional.empty();
    }

    /**
     * Skips the calling test, with the reason, where the suite cannot run: no network namespaces (not
     * root, no iproute2) or no Node.js. In CI that is a failure instead, reported by {@link NetnsGuardIT}.
     */
    static void assumeLabAvailable() {
        Optional<String> netns = NetnsLab.unavailableReason();
        assumeTrue(netns.isEmpty(), () -> "zre-interop skipped: " + netns.orElse(""));
        Optional<String> node = nodeUnavailableReason();
        assumeTrue(node.isEmpty(), () -> "zre-interop skipped: " + node.orElse(""));
    }

    /** The zre CLI jar; a missing jar is a build-order problem, so this fails rather than skips. */
    static Path requireCliJar() {
        Path jar = cliJar();
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("The zre CLI jar " + jar + " does not exist. It is built by the zre-cli "
                    + "module: run 'mvn -B verify' from the root (zre-cli builds before zre-interop), or "
                    + "'mvn -B -pl zre-cli -am package -DskipTests' before 'mvn -B -pl zre-interop verify'.");
        }
        return jar;
    }

    /** Installs zyre.js (npm ci from the committed lock) unless the install in target/ is up to date. */
    static synchronized Path zyreJs() {
        if (installed != null) {
            return installed;
        }
        Path dir = workDir().resolve("zyrejs");
        try {
            String stamp = digest(jsSource());
            Path stampFile = dir.resolve(".installed-stamp");
            boolean upToDate = Files.isDirectory(dir.resolve("node_modules/zyre.js"))
                    && Files.isRegularFile(stampFile) && Files.readString(stampFile).equals(stamp);
            for (String file : JS_FILES) {
                Path target = dir.resolve(file);
                Files.createDirectories(target.getParent());
                Files.copy(jsSource().resolve(file), target, StandardCopyOption.REPLACE_EXISTING);
            }
            if (!upToDate) {
                Files.deleteIfExists(stampFile);
                // --ignore-scripts: zeromq 6.8.0 ships its prebuilt addons inside the npm package, and its
                // install script would otherwise try to fetch or build one (no internet here).
                Shell.run(NPM_TIMEOUT, dir.toFile(), List.of("npm", "ci", "--ignore-scripts", "--no-audit",
                        "--no-fund", "--prefer-offline", "--loglevel=error")).orThrow();
                Files.writeString(stampFile, stamp);
            }
            // zyre.js must resolve "zeromq" to the shim, and the shim must expose the v5 API
            Shell.run(Duration.ofSeconds(30), dir.toFile(), List.of("node", "-e", String.join("\n",
                    "const fs = require('fs'); const path = require('path');",
                    "const zyreDir = path.dirname(require.resolve('zyre.js'));",
                    "const used = fs.realpathSync(require.resolve('zeromq', { paths: [zyreDir] }));",
                    "if (!used.includes('zeromq-shim')) throw new Error('zyre.js uses ' + used);",
                    "if (typeof require('zeromq').socket !== 'function') throw new Error('no v5 API in the shim');",
                    "require('zyre.js');"))).orThrow();
            installed = dir;
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String digest(Path source) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String file : List.of("package.json", "package-lock.json", "zeromq-shim/package.json",
                    "zeromq-shim/index.js")) {
                sha.update(file.getBytes());
                sha.update(Files.readAllBytes(source.resolve(file)));
            }
            sha.update(Shell.run(Duration.ofSeconds(30), "node", "--version").output().getBytes());
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where a test's peer logs go: target/interop/logs/&lt;class&gt;/&lt;method&gt;. */
    static Path logDir(TestInfo test) {
        String cls = test.getTestClass().map(Class::getSimpleName).orElse("unknown");
        String method = test.getTestMethod().map(m -> m.getName()).orElse("unknown");
        return workDir().resolve("logs").resolve(cls).resolve(method);
    }

    /**
     * Starts the zyre.js driver in {@code node}'s namespace, on that namespace's veth, chosen by
     * {@code iface}: its name or its address.
     */
    static PeerProcess js(NetnsLab lab, NetnsLab.Node node, String iface, Path logDir, String name,
            String... options) {
        Path dir = zyreJs();
        List<String> command = new ArrayList<>(List.of("node", dir.resolve("zyre-peer.js").toString(), "--name",
                name, "--interface", iface));
        command.addAll(List.of(options));
        return PeerProcess.start(lab, PeerProcess.Kind.JS, name, lab.inNamespace(node, command), logDir);
    }

    /** Starts {@code java -jar zre-cli.jar shell --json} in {@code node}'s namespace, on its veth (name or address). */
    static PeerProcess java(NetnsLab lab, NetnsLab.Node node, String iface, Path logDir, String name,
            String... options) {
        Path jar = requireCliJar();
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBin, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Xmx256m", "-jar", jar.toString(), "shell", "--json", "--name", name, "--interface", iface));
        command.addAll(List.of(options));
        return PeerProcess.start(lab, PeerProcess.Kind.JAVA, name, lab.inNamespace(node, command), logDir);
    }
}
