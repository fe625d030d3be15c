package dev.zre.sample;

import static dev.zre.sample.SampleInstance.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.zre.spring.observation.ZreTraceFrame;
import dev.zre.spring.test.ZreTestPeer;
import dev.zre.spring.test.ZreTestSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;

/**
 * The REST API the page (and container tests) use, against two real instances on loopback, plus a
 * {@link ZreTestPeer} "carol" in the same cluster as a bystander. Each test uses its own group.
 */
class RestApiTest {

    private static final String HEX_UUID = "[0-9A-F]{32}";

    private static SampleInstance alice;

    private static SampleInstance bob;

    private static ZreTestPeer carol;

    @BeforeAll
    static void startCluster() {
        ZreTestSettings cluster = ZreTestSettings.isolated();
        alice = SampleInstance.start("alice", cluster);
        bob = SampleInstance.start("bob", cluster);
        carol = ZreTestPeer.named("carol").in(cluster).timeout(SampleInstance.DEADLINE).start();
        alice.awaitPeer(bob);
        bob.awaitPeer(alice);
        eventually("alice sees carol", () -> alice.node().peers().contains(carol.uuid()));
    }

    @AfterAll
    static void stopCluster() {
        try {
            if (carol != null) {
                carol.close();
            }
        }
        finally {
            try {
                if (bob != null) {
                    bob.close();
                }
            }
            finally {
                if (alice != null) {
                    alice.close();
                }
            }
        }
    }

    @Test
    void nodeDescribesThisNodeWithZyreStyleUuid() {
        Map<String, Object> node = alice.getObject("/api/node");

        assertThat(node).containsOnlyKeys("uuid", "name", "endpoint", "groups");
        assertThat((String) node.get("uuid")).matches(HEX_UUID).isEqualTo(alice.uuid());
        assertThat(node.get("name")).isEqualTo("alice");
        assertThat((String) node.get("endpoint")).startsWith("tcp://127.0.0.1:");
        assertThat(node.get("groups")).asInstanceOf(InstanceOfAssertFactories.LIST)
            .contains("presence");
    }

    @Test
    void peersListTheOtherInstanceWithItsHelloDetails() {
        Map<String, Object> peer = alice.getList("/api/peers")
            .stream()
            .filter((p) -> bob.uuid().equals(p.get("uuid")))
            .findFirst()
            .orElseThrow();

        assertThat(peer).containsOnlyKeys("uuid", "name", "address", "groups", "headers", "state");
        assertThat(peer.get("name")).isEqualTo("bob");
        assertThat((String) peer.get("address")).startsWith("tcp://127.0.0.1:");
        assertThat(peer.get("headers")).isEqualTo(Map.of("X-APP", "zre-sample"));
        assertThat(peer.get("state")).isIn("ALIVE", "EVASIVE", "SILENT");
    }

    /** Name, members and joined of each group in {@code GET /api/groups} (the leader fields left out). */
    private static List<Map<String, Object>> membership(SampleInstance instance) {
        return instance.getList("/api/groups").stream()
            .map((g) -> Map.of("name", g.get("name"), "members", g.get("members"), "joined", g.get("joined")))
            .toList();
    }

    @Test
    void joinAndLeaveShowInGroupsOfBothInstances() {
        String group = "join-" + UUID.randomUUID();

        alice.post("/api/groups/" + group);

        assertThat(membership(alice)).contains(Map.of("name", group, "members", List.of(), "joined", true));
        assertThat(alice.getObject("/api/node").get("groups")).isInstanceOfSatisfying(List.class, (groups) -> assertThat(groups).contains(group));
        eventually("bob lists alice in " + group, () -> membership(bob)
            .contains(Map.of("name", group, "members", List.of(alice.uuid()), "joined", false)));
        eventually("bob lists alice's groups", () -> peer(bob, alice).get("groups").toString().contains(group));

        alice.delete("/api/groups/" + group);

        assertThat(alice.getList("/api/groups")).noneMatch((g) -> group.equals(g.get("name")));
        eventually("bob no longer lists " + group,
                () -> bob.getList("/api/groups").stream().noneMatch((g) -> group.equals(g.get("name"))));
    }

    @Test
    void shoutReachesTheGroupAndIsKeptAsReceivedMessage() {
        String group = "shout-" + UUID.randomUUID();
        bob.post("/api/groups/" + group);
        eventually("alice sees bob in " + group, () -> alice.node().peersByGroup(group).contains(bob.node().uuid()));

        alice.post("/api/shout", Map.of("group", group, "text", "hello group"));

        eventually("bob received the shout", () -> bob.getList("/api/messages")
            .stream()
            .anyMatch((m) -> "SHOUT".equals(m.get("type")) && group.equals(m.get("group"))
                    && "hello group".equals(m.get("text")) && alice.uuid().equals(m.get("peer"))
                    && "alice".equals(m.get("name")) && m.get("at") != null));
        assertThat(bob.getList("/api/messages")).filteredOn((m) -> group.equals(m.get("group")))
            .singleElement()
            .satisfies((m) -> assertThat(m).containsOnlyKeys("type", "peer", "name", "group", "text", "at"));
        assertThat(alice.getList("/api/messages")).noneMatch((m) -> group.equals(m.get("group")));
        assertThat(alice.getList("/api/sent")).anyMatch((m) -> group.equals(m.get("group")));
    }

    @Test
    void aMessageCarryingATraceFrameShowsItsTraceId() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String text = "traced " + UUID.randomUUID();
        // what a tracing sender with zre.trace-frame.enabled sends: the payload, then the trace frame
        carol.whisper(bob.node().uuid(), text.getBytes(StandardCharsets.UTF_8),
                ZreTraceFrame.encode(Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")));

        eventually("bob received the traced whisper", () -> bob.getList("/api/messages")
            .stream()
            .anyMatch((m) -> text.equals(m.get("text")) && traceId.equals(m.get("traceId"))));
    }

    @Test
    void whisperArrivesOnlyAtItsTarget() {
        String secret = "for bob only " + UUID.randomUUID();
        String marker = "for carol " + UUID.randomUUID();

        alice.post("/api/whisper", Map.of("peer", bob.uuid(), "text", secret));
        alice.post("/api/whisper", Map.of("peer", carol.uuid().toString(), "text", marker));

        eventually("bob received the whisper", () -> bob.getList("/api/messages")
            .stream()
            .anyMatch((m) -> "WHISPER".equals(m.get("type")) && secret.equals(m.get("text"))
                    && alice.uuid().equals(m.get("peer")) && m.get("group") == null));
        // carol gets alice's messages in order: had the secret reached her, it would precede the marker
        List<String> carolGot = SampleInstance.whispersUntil(carol, marker);
        assertThat(carolGot).doesNotContain(secret);
        assertThat(alice.getList("/api/messages")).noneMatch((m) -> secret.equals(m.get("text")));
    }

    @Test
    void badRequestsAreProblemDetails() {
        assertThatExceptionOfType(HttpClientErrorException.class)
            .isThrownBy(() -> alice.post("/api/whisper", Map.of("peer", "not-a-uuid", "text", "x")))
            .satisfies((ex) -> {
                assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
                assertThat(ex.getResponseBodyAsString()).contains("'peer' must be a UUID");
            });
        assertThatExceptionOfType(HttpClientErrorException.class)
            .isThrownBy(() -> alice.post("/api/whisper", Map.of("peer", "0".repeat(32), "text", "x")))
            .satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND));
        assertThatExceptionOfType(HttpClientErrorException.class)
            .isThrownBy(() -> alice.post("/api/shout", Map.of("group", "chat")))
            .satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST));
    }

    @Test
    void eventStreamPushesEventsAsJson() throws Exception {
        String group = "sse-" + UUID.randomUUID();
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<java.io.InputStream> response = client.send(
                HttpRequest.newBuilder(URI.create(bob.url() + "api/events")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                (type) -> assertThat(type).startsWith("text/event-stream"));
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            CompletableFuture<List<String>> dataLines = CompletableFuture.supplyAsync(() -> {
                List<String> seen = new ArrayList<>();
                try {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        if (line.startsWith("data:")) {
                            seen.add(line.substring(5));
                            if (line.contains("\"SHOUT\"") && line.contains(group)) {
                                return seen;
                            }
                        }
                    }
                }
                catch (java.io.IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
                return seen;
            });
            bob.post("/api/groups/" + group);
            eventually("alice sees bob in " + group,
                    () -> alice.node().peersByGroup(group).contains(bob.node().uuid()));

            alice.post("/api/shout", Map.of("group", group, "text", "streamed"));

            List<String> seen = dataLines.get(SampleInstance.DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertThat(seen).anyMatch((line) -> line.startsWith("{\"type\":\"SELF_JOIN\"") && line.contains(group));
            assertThat(seen.get(seen.size() - 1)).contains("\"type\":\"SHOUT\"", "\"peer\":\"" + alice.uuid() + "\"",
                    "\"name\":\"alice\"", "\"group\":\"" + group + "\"", "\"text\":\"streamed\"", "\"at\":");
        }
    }

    @Test
    void typedPresenceRecordReachesPeersThroughZreListener() {
        alice.post("/api/presence", Map.of("status", "busy"));

        eventually("bob knows alice is busy",
                () -> "busy".equals(((Map<?, ?>) bob.getObject("/api/presence").get("peers")).get(alice.uuid())));
        assertThat(alice.getObject("/api/presence").get("self")).isEqualTo("busy");
    }

    @Test
    void pingIsARequestAnsweredByTheListenersReturnValue() {
        Map<String, Object> ping = alice.postForObject("/api/peers/" + bob.uuid() + "/ping");

        assertThat(ping).containsEntry("peer", bob.uuid()).containsEntry("reply", "pong");
        assertThat(ping.get("roundTripMillis")).isInstanceOf(Number.class);
        // request and reply travel in envelopes, not as chat messages
        assertThat(alice.getList("/api/messages")).noneMatch((m) -> "pong".equals(m.get("text")));
    }

    @Test
    void actuatorExposesZreHealthEndpointMetricsAndPrometheus() {
        Map<String, Object> health = alice.getObject("/actuator/health");
        assertThat(health.get("status")).isEqualTo("UP");
        assertThat(health.get("components")).asInstanceOf(InstanceOfAssertFactories.MAP)
            .extractingByKey("zre")
            .asInstanceOf(InstanceOfAssertFactories.MAP)
            .containsEntry("status", "UP");
        assertThat(alice.getObject("/actuator/zre").get("node")).asInstanceOf(InstanceOfAssertFactories.MAP)
            .containsEntry("name", "alice");
        assertThat(alice.getObject("/actuator/metrics").get("names")).asInstanceOf(InstanceOfAssertFactories.LIST)
            .contains("zre.peers", "zre.messages.received");
        String prometheus = alice.rest().get().uri("/actuator/prometheus").retrieve().body(String.class);
        assertThat(prometheus).contains("zre_peers ", "zre_peers_evasive ", "zre_data_sent_bytes_total")
            .doesNotContain("_peers_peers", "zre_bytes_sent_bytes");
        // the presence shouts of the start-up were observed (zre.*.observation-enabled in application.yml)
        eventually("observation timers are exported", () -> {
            String now = alice.rest().get().uri("/actuator/prometheus").retrieve().body(String.class);
            return now.contains("zre_template_send_seconds_count") && now.contains("zre_listener_process_seconds_count");
        });
    }

    private static Map<String, Object> peer(SampleInstance of, SampleInstance peer) {
        return of.getList("/api/peers")
            .stream()
            .filter((p) -> peer.uuid().equals(p.get("uuid")))
            .findFirst()
            .orElseThrow();
    }

}
