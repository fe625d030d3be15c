package dev.zre.interop;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * czmq's own ZGossip, the independent implementation of the gossip tests: {@code src/test/c/zgossip-peer.c}
 * (czmq's {@code zgossip} actor as a hub or a client) compiled with gcc against Debian's {@code libczmq-dev}
 * into {@code target/czmq}. Outside CI the gossip tests skip where gcc or libczmq is missing; in CI they fail.
 */
final class Czmq {

    private static final Duration GCC_TIMEOUT = Duration.ofMinutes(2);
    private static Optional<String> unavailable;
    private static Path binary;

    private Czmq() {
    }

    static Path source() {
        return Path.of(System.getProperty("zre.interop.c", "src/test/c")).toAbsolutePath().resolve("zgossip-peer.c");
    }

    /** Compiles the peer once per run (gcc ... -lczmq -lzmq); the reason it cannot be, or empty. */
    static synchronized Optional<String> unavailableReason() {
        if (unavailable == null) {
            Path out = Interop.workDir().resolve("czmq/zgossip-peer");
            try {
                Files.createDirectories(out.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Shell.Result gcc = Shell.run(GCC_TIMEOUT, "gcc", "-Wall", "-o", out.toString(), source().toString(),
                    "-lczmq", "-lzmq");
            if (gcc.ok()) {
                binary = out;
                unavailable = Optional.empty();
            } else {
                unavailable = Optional.of("cannot compile " + source() + " with gcc against czmq (Debian packages gcc"
                        + " and libczmq-dev): " + gcc.output().strip());
            }
        }
        return unavailable;
    }

    /** Skips (outside CI) or fails (CI=true) when the czmq peer cannot be built. */
    static void assumeAvailable() {
        Optional<String> reason = unavailableReason();
        if (reason.isPresent() && Interop.inCi()) {
            fail("CI=true: the czmq gossip tests must run, but " + reason.get());
        }
        assumeTrue(reason.isEmpty(), () -> "czmq gossip tests skipped: " + reason.orElse(""));
    }

    /** czmq's zgossip hub bound to {@code endpoint}, in {@code node}'s namespace. */
    static PeerProcess hub(NetnsLab lab, NetnsLab.Node node, Path logDir, String label, String endpoint) {
        return start(lab, node, logDir, label, List.of("hub", endpoint));
    }

    /** czmq's zgossip client of {@code hub}, publishing {@code key = value}, in {@code node}'s namespace. */
    static PeerProcess client(NetnsLab lab, NetnsLab.Node node, Path logDir, String label, String hub, String key,
            String value) {
        return start(lab, node, logDir, label, List.of("client", hub, key, value));
    }

    private static PeerProcess start(NetnsLab lab, NetnsLab.Node node, Path logDir, String label, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(args);
        return PeerProcess.start(lab, PeerProcess.Kind.JS, label, lab.inNamespace(node, command), logDir);
    }

    /** {@code zre gossip-hub --bind endpoint} (the CLI jar), in {@code node}'s namespace. */
    static PeerProcess javaHub(NetnsLab lab, NetnsLab.Node node, Path logDir, String label, String endpoint) {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(javaBin, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx128m", "-jar",
                Interop.requireCliJar().toString(), "gossip-hub", "--bind", endpoint);
        return PeerProcess.start(lab, PeerProcess.Kind.JAVA, label, lab.inNamespace(node, command), logDir);
    }
}
