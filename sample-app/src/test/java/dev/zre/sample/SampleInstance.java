package dev.zre.sample;

import static org.awaitility.Awaitility.await;

import dev.zre.PeerId;
import dev.zre.ZreEvent;
import dev.zre.ZreNode;
import dev.zre.spring.test.ZreTestPeer;
import dev.zre.spring.test.ZreTestSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * One real sample application in the test JVM: web server on a random port of 127.0.0.1, ZRE node in
 * the test cluster of {@link ZreTestSettings} (loopback, the cluster's beacon port, fast beacons).
 * Close it to stop both.
 */
final class SampleInstance implements AutoCloseable {

    /** Generous, because the build machine is shared; only ever a deadline, never an expectation. */
    static final Duration DEADLINE = Duration.ofSeconds(60);

    private final ConfigurableApplicationContext context;

    private final String baseUrl;

    private final RestClient rest;

    private SampleInstance(ConfigurableApplicationContext context) {
        this.context = context;
        this.baseUrl = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
        this.rest = RestClient.builder().baseUrl(this.baseUrl).build();
    }

    /** Starts an instance named {@code name} in {@code cluster}. */
    static SampleInstance start(String name, ZreTestSettings cluster, String... moreArgs) {
        // command-line arguments: they win over the shipped application.yml
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--zre.name=" + name, "--spring.main.banner-mode=off"));
        cluster.properties().forEach((key, value) -> args.add("--" + key + "=" + value));
        args.addAll(List.of(moreArgs));
        return new SampleInstance(new SpringApplicationBuilder(SampleApplication.class).run(args.toArray(String[]::new)));
    }

    /** A beacon port for one test cluster, so that clusters of different tests never meet. */
    static int randomBeaconPort() {
        return java.util.concurrent.ThreadLocalRandom.current().nextInt(20000, 30000);
    }

    /** Starts an instance named {@code name} in the cluster of {@code beaconPort} (loopback, 100 ms beacons). */
    static SampleInstance start(String name, int beaconPort, String... moreArgs) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--zre.interface=loopback", "--zre.port=" + beaconPort, "--zre.name=" + name,
                "--zre.beacon-interval=100ms", "--spring.main.banner-mode=off"));
        args.addAll(List.of(moreArgs));
        return new SampleInstance(new SpringApplicationBuilder(SampleApplication.class).run(args.toArray(String[]::new)));
    }

    String url() {
        return this.baseUrl + "/";
    }

    ZreNode node() {
        return this.context.getBean(ZreNode.class);
    }

    String uuid() {
        return PeerId.of(node().uuid()).toString();
    }

    RestClient rest() {
        return this.rest;
    }

    Map<String, Object> getObject(String path) {
        return this.rest.get().uri(path).retrieve().body(new ParameterizedTypeReference<Map<String, Object>>() {
        });
    }

    List<Map<String, Object>> getList(String path) {
        return this.rest.get().uri(path).retrieve().body(new ParameterizedTypeReference<List<Map<String, Object>>>() {
        });
    }

    void post(String path, Object body) {
        this.rest.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity();
    }

    void post(String path) {
        this.rest.post().uri(path).retrieve().toBodilessEntity();
    }

    Map<String, Object> postForObject(String path) {
        return this.rest.post().uri(path).retrieve().body(new ParameterizedTypeReference<Map<String, Object>>() {
        });
    }

    void delete(String path) {
        this.rest.delete().uri(path).retrieve().toBodilessEntity();
    }

    /** Waits until this instance lists {@code other} among its peers. */
    void awaitPeer(SampleInstance other) {
        eventually("peer " + other.node().name() + " listed by " + node().name(),
                () -> getList("/api/peers").stream().anyMatch((p) -> other.uuid().equals(p.get("uuid"))));
    }

    /** Polls a condition every 50 ms (Awaitility) until it holds, failing at the {@link #DEADLINE}. */
    static void eventually(String what, BooleanSupplier condition) {
        await(what).atMost(DEADLINE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
            .until(condition::getAsBoolean);
    }

    @Override
    public void close() {
        this.context.close();
    }

    /** The whispers {@code peer} received up to and including {@code last}, waiting for {@code last}. */
    static List<String> whispersUntil(ZreTestPeer peer, String last) {
        peer.awaitWhisper(last);
        List<String> texts = new ArrayList<>();
        for (ZreEvent event : peer.events()) {
            if (event instanceof ZreEvent.Whisper whisper) {
                texts.add(whisper.text());
                if (last.equals(whisper.text())) {
                    break;
                }
            }
        }
        return texts;
    }
}
