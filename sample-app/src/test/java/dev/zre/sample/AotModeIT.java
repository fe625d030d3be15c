package dev.zre.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zre.ZreConfig;
import dev.zre.ZreEvent;
import dev.zre.ZreInbox;
import dev.zre.ZreNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sample application after Spring's AOT processing ({@code spring-boot:process-aot}, Maven profile
 * {@code aot}), started from its jar with {@code -Dspring.aot.enabled=true} in a JVM of its own: it
 * comes up (health UP, node RUNNING) and its {@code @ZreListener} answers a ping from a plain node.
 * Without the profile the jar has no AOT classes and this test is skipped.
 */
@EnabledIfSystemProperty(named = "zre.aot.jar", matches = ".+")
class AotModeIT {

    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private final HttpClient http = HttpClient.newHttpClient();

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theAotProcessedApplicationStartsAndItsListenersAnswer() throws Exception {
        Path jar = Path.of(System.getProperty("zre.aot.jar"));
        try (JarFile contents = new JarFile(jar.toFile())) {
            assertThat(contents.getEntry("BOOT-INF/classes/dev/zre/sample/SampleApplication__ApplicationContextInitializer.class"))
                .as("the AOT-generated initializer is in the jar").isNotNull();
        }
        int httpPort = freePort();
        int beaconPort = ThreadLocalRandom.current().nextInt(20000, 30000);
        Path log = jar.resolveSibling("aot-mode-it.log");
        String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process app = new ProcessBuilder(javaCommand, "-Dspring.aot.enabled=true", "-jar", jar.toString(),
                "--server.port=" + httpPort, "--server.address=127.0.0.1", "--zre.name=aot",
                "--zre.interface=loopback", "--zre.port=" + beaconPort, "--zre.beacon-interval=100ms",
                "--spring.main.banner-mode=off")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        ZreNode tester = new ZreNode(ZreConfig.builder()
            .name("tester")
            .networkInterface(ZreConfig.LOOPBACK)
            .beaconPort(beaconPort)
            .beaconInterval(Duration.ofMillis(100))
            .build());
        try (ZreInbox inbox = tester.openInbox()) {
            tester.start();
            await().atMost(DEADLINE)
                .ignoreExceptions()
                .failFast("the application exited; see " + log, () -> !app.isAlive())
                .until(() -> "UP".equals(get(httpPort, "/actuator/health").get("status").asString()));
            JsonNode health = get(httpPort, "/actuator/health");
            assertThat(health.get("components").get("zre").get("status").asString()).isEqualTo("UP");
            assertThat(get(httpPort, "/actuator/zre").get("node").get("state").asString()).isEqualTo("RUNNING");
            assertThat(Files.readString(log)).doesNotContain("ERROR");

            // the application's @ZreListener answers "ping" with "pong", whispered back
            ZreEvent.Enter enter = awaitEvent(inbox, ZreEvent.Enter.class, (e) -> "aot".equals(e.peerName()));
            tester.whisper(enter.peer(), List.of("ping".getBytes(StandardCharsets.UTF_8)));
            ZreEvent.Whisper pong = awaitEvent(inbox, ZreEvent.Whisper.class, (w) -> w.peer().equals(enter.peer()));
            assertThat(pong.text()).isEqualTo("pong");
        }
        finally {
            tester.stop();
            app.destroy();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    private JsonNode get(int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = this.http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return this.json.readTree(response.body());
    }

    private static <T extends ZreEvent> T awaitEvent(ZreInbox inbox, Class<T> type, Predicate<T> match)
            throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            ZreEvent event = inbox.poll(Duration.ofMillis(200));
            if (type.isInstance(event) && match.test(type.cast(event))) {
                return type.cast(event);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " within " + DEADLINE);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

}
