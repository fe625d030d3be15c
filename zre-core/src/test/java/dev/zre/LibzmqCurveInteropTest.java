package dev.zre;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zre.security.CurveKeyPair;
import dev.zre.security.ZreSecurity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CURVE against an independent implementation: a small ZRE peer on libzmq (Debian's python3-zmq,
 * test resource {@code interop/zre_curve_peer.py}) exchanges HELLO and WHISPER with a Java node,
 * both directions, over CURVE. Skipped outside CI when python3-zmq is missing; in CI it must run.
 */
class LibzmqCurveInteropTest {

    @TempDir
    Path dir;

    @Test
    void aLibzmqPeerAndAJavaNodeSayHelloAndWhisperOverCurve() throws Exception {
        String python = pythonWithZmq();
        Path script = dir.resolve("zre_curve_peer.py");
        try (InputStream in = getClass().getResourceAsStream("/interop/zre_curve_peer.py")) {
            Files.copy(in, script);
        }
        Process process = new ProcessBuilder(python, script.toString()).redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        try (TestNodes nodes = new TestNodes()) {
            String ready = next(lines, "READY");
            String[] parts = ready.split(" ");
            String endpoint = parts[1];
            String peerKey = parts[2];
            PeerId peerId = PeerId.parse(parts[3]);
            CurveKeyPair keys = CurveKeyPair.generate();
            TestNodes.Started java = nodes.start("java", c -> c.beaconEnabled(false)
                    .endpoint(endpoint + "|" + peerKey)
                    .security(ZreSecurity.curve(keys).allow(peerKey)));

            // the libzmq peer got our HELLO over CURVE, with our key, and connected back with it
            assertThat(next(lines, "HELLO")).isEqualTo("HELLO java " + keys.publicKeyZ85());
            ZreEvent.Enter enter = java.await(ZreEvent.Enter.class, e -> e.peer().equals(peerId.uuid()));
            assertThat(enter.headers()).containsEntry("X-PUBLICKEY", peerKey);
            ZreEvent.Whisper whisper = java.await(ZreEvent.Whisper.class, w -> w.peer().equals(peerId.uuid()));
            assertThat(new String(whisper.frames().get(0), StandardCharsets.UTF_8)).isEqualTo("hello from libzmq");

            java.node().whisper(peerId.uuid(), "hello from java");
            assertThat(next(lines, "GOT")).isEqualTo("GOT hello from java");
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
        } finally {
            process.destroyForcibly();
        }
    }

    private static String next(BlockingQueue<String> lines, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line == null) {
                continue;
            }
            if (line.startsWith(prefix)) {
                return line;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the libzmq peer printed no " + prefix + " line; it printed:\n" + seen);
    }

    /** Debian's python3 with pyzmq; skips outside CI when there is none. */
    private static String pythonWithZmq() throws Exception {
        for (String python : new String[] {"/usr/bin/python3", "python3"}) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import zmq; assert zmq.has('curve')")
                        .redirectErrorStream(true).start();
                if (p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return python;
                }
            } catch (IOException e) {
                // not there
            }
        }
        Assumptions.assumeTrue(System.getenv("CI") != null,
                "python3-zmq (libzmq with CURVE) is not installed: apt-get install -y python3-zmq");
        throw new AssertionError("CI must have python3-zmq (see .ci/run)");
    }
}
