package dev.zre.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zre.PeerId;
import dev.zre.ZreConfig;
import dev.zre.ZreNode;
import dev.zre.spring.ZreTestProperties;
import dev.zre.spring.core.ZreOperations;
import dev.zre.spring.listener.ZreListener;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real web application with its node on loopback, and a second (plain) node as its peer.
 */
@SpringBootTest(classes = ZreActuatorWebIntegrationTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "zre.name=web", "zre.interface=loopback", "zre.beacon-interval=100ms", "zre.groups=ops",
                "zre.election.contest=ops", "zre.election.timeout=500ms", "zre.headers.X-SECRET=hunter2", "management.endpoints.web.exposure.include=zre,health,metrics",
                "management.endpoint.health.show-details=always",
                // the endpoint's records are OperationResponseBody: the application's settings must not reshape them
                "spring.jackson.property-naming-strategy=SNAKE_CASE" })
class ZreActuatorWebIntegrationTests {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private static final int BEACON_PORT = ZreTestProperties.randomBeaconPort();

    private static ZreNode peer;

    private final HttpClient http = HttpClient.newHttpClient();

    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    @Autowired
    private ZreNode node;

    @Autowired
    private ZreOperations zre;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private OpsListener opsListener;

    @DynamicPropertySource
    static void beaconPort(DynamicPropertyRegistry registry) {
        registry.add("zre.port", () -> BEACON_PORT);
    }

    @BeforeAll
    static void startPeer() {
        peer = new ZreNode(ZreConfig.builder()
            .name("peer")
            .networkInterface(ZreConfig.LOOPBACK)
            .beaconPort(BEACON_PORT)
            .beaconInterval(Duration.ofMillis(100))
            .header("X-SECRET", "s3cr3t")
            .group("ops")
            .build());
        peer.start();
    }

    @AfterAll
    static void stopPeer() {
        peer.close();
    }

    @BeforeEach
    void awaitPeer() {
        await().atMost(DEADLINE)
            .until(() -> this.node.peersByGroup("ops").contains(peer.uuid())
                    && peer.peersByGroup("ops").contains(this.node.uuid()));
    }

    @Test
    void endpointListsThePeerWithItsGroupsAndSanitizedHeaders() throws Exception {
        HttpResponse<String> response = get("/actuator/zre");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = this.json.readTree(response.body());
        JsonNode self = body.get("node");
        assertThat(self.get("name").asString()).isEqualTo("web");
        assertThat(self.get("uuid").asString()).isEqualTo(PeerId.of(this.node.uuid()).toString());
        assertThat(self.get("state").asString()).isEqualTo("RUNNING");
        assertThat(self.get("endpoint").asString()).startsWith("tcp://127.");
        assertThat(self.get("interface").asString()).isEqualTo(this.node.interfaceName().orElseThrow());
        assertThat(self.get("headers").get("X-SECRET").asString()).isEqualTo("******");
        assertThat(self.get("uptime").asString()).startsWith("PT");
        JsonNode listed = null;
        for (JsonNode candidate : body.get("peers")) {
            if (candidate.get("uuid").asString().equals(PeerId.of(peer.uuid()).toString())) {
                listed = candidate;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.get("name").asString()).isEqualTo("peer");
        assertThat(listed.get("groups").toString()).contains("\"ops\"");
        assertThat(listed.get("headers").get("X-SECRET").asString()).isEqualTo("******");
        assertThat(response.body()).doesNotContain("s3cr3t").doesNotContain("hunter2");
        assertThat(listed.get("address").asString()).isEqualTo(peer.endpoint().orElseThrow());
        JsonNode ops = body.get("groups").get("ops");
        assertThat(ops.get("joined").asBoolean()).isTrue();
        assertThat(ops.get("members").toString()).contains(PeerId.of(peer.uuid()).toString());
    }

    @Test
    void endpointKeepsItsJsonShapeWhateverTheApplicationsJacksonSettings() throws Exception {
        JsonNode body = this.json.readTree(get("/actuator/zre").body());
        assertThat(body.get("node").has("startedAt")).isTrue();
        assertThat(body.get("node").has("started_at")).isFalse();
        JsonNode single = this.json.readTree(get("/actuator/zre/peers/" + PeerId.of(peer.uuid())).body());
        assertThat(single.has("messagesIn")).isTrue();
        assertThat(single.has("messages_in")).isFalse();
    }

    @Test
    void endpointAndGaugeShowTheLeaderOfAContestedGroup() throws Exception {
        // the peer is in 'ops' without contesting: this node is the only candidate and is elected
        await().atMost(DEADLINE).until(() -> this.node.leader("ops").isPresent() && peer.leader("ops").isPresent());
        JsonNode ops = this.json.readTree(get("/actuator/zre").body()).get("groups").get("ops");
        assertThat(ops.get("contested").asBoolean()).isTrue();
        JsonNode leader = ops.get("leader");
        assertThat(leader.get("uuid").asString()).isEqualTo(PeerId.of(this.node.uuid()).toString());
        assertThat(leader.get("name").asString()).isEqualTo("web");
        assertThat(leader.get("self").asBoolean()).isTrue();
        assertThat(this.meters.get("zre.leader").tag("group", "ops").gauge().value()).isEqualTo(1);
    }

    @Test
    void singlePeerIsFoundByItsUuid() throws Exception {
        await().atMost(DEADLINE)
            .until(() -> this.node.peer(peer.uuid()).map((p) -> p.discoveredBy().contains("beacon")).orElse(false));
        HttpResponse<String> response = get("/actuator/zre/peers/" + PeerId.of(peer.uuid()));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = this.json.readTree(response.body());
        assertThat(body.get("discoveredBy").toString()).as("which mechanisms found it").isEqualTo("[\"beacon\"]");
        assertThat(body.get("name").asString()).isEqualTo("peer");
        assertThat(body.get("uuid").asString()).isEqualTo(PeerId.of(peer.uuid()).toString());
        assertThat(body.get("headers").get("X-SECRET").asString()).isEqualTo("******");
        assertThat(get("/actuator/zre/peers/" + peer.uuid()).statusCode()).as("the dashed form").isEqualTo(200);
    }

    @Test
    void unknownPeerIsNotFound() throws Exception {
        assertThat(get("/actuator/zre/peers/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(get("/actuator/zre/peers/not-a-uuid").statusCode()).isEqualTo(404);
    }

    @Test
    void groupsCannotBeJoinedThroughTheEndpointByDefault() throws Exception {
        HttpResponse<String> response = this.http.send(
                HttpRequest.newBuilder(uri("/actuator/zre/groups/intruders"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(this.node.ownGroups()).doesNotContain("intruders");
    }

    @Test
    void healthIsUpWithDetails() throws Exception {
        HttpResponse<String> response = get("/actuator/health/zre");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = this.json.readTree(response.body());
        assertThat(body.get("status").asString()).isEqualTo("UP");
        assertThat(body.get("details").get("groups").toString()).contains("ops");
        assertThat(body.get("details").has("peers")).isTrue();
    }

    @Test
    void messageCountersMatchTheTraffic() {
        int n = 7;
        double receivedBefore = counter("zre.messages.received", "type", "shout");
        double sentBefore = counter("zre.messages.sent", "type", "shout");
        int heardBefore = this.opsListener.received.size();
        for (int i = 0; i < n; i++) {
            peer.shout("ops", "in-" + i);
            this.zre.shout("ops", "out-" + i);
        }
        await().atMost(DEADLINE)
            .until(() -> counter("zre.messages.received", "type", "shout") - receivedBefore >= n
                    && counter("zre.messages.sent", "type", "shout") - sentBefore >= n
                    && this.opsListener.received.size() - heardBefore >= n);
        assertThat(counter("zre.messages.received", "type", "shout") - receivedBefore).isEqualTo(n);
        assertThat(counter("zre.messages.sent", "type", "shout") - sentBefore).isEqualTo(n);
        assertThat(this.meters.get("zre.data.received").functionCounter().count()).isPositive();
        assertThat(this.meters.get("zre.peers").gauge().value()).isGreaterThanOrEqualTo(1);
        assertThat(this.meters.get("zre.group.peers").tag("group", "ops").gauge().value()).isEqualTo(1);
        assertThat(this.meters.get("zre.listener").tag("id", "ops").tag("outcome", "success").timer().count())
            .isGreaterThanOrEqualTo(n);
        assertThat(this.meters.find("zre.peers").tagKeys("uuid").meters()).isEmpty();
    }

    @Test
    void connectionChoicesAreMeteredByReasonNeverByPeer() {
        for (String reason : new String[] {"stalled_handshake", "silent_peer"}) {
            assertThat(this.meters.get("zre.connections.repaired").tag("reason", reason).functionCounter()).isNotNull();
        }
        for (String name : new String[] {"zre.connections.refused", "zre.discoveries.ignored", "zre.peers.evicted",
                "zre.messages.resent"}) {
            assertThat(this.meters.get(name).functionCounter().count()).as(name).isGreaterThanOrEqualTo(0);
            assertThat(this.meters.find(name).tagKeys("uuid").meters()).isEmpty();
        }
    }

    @Test
    void malformedBeaconsCountAsProtocolErrors() throws Exception {
        double before = counter("zre.protocol.errors", "reason", "beacon_malformed");
        byte[] garbage = "definitely not a ZRE beacon".getBytes(StandardCharsets.US_ASCII);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
            socket.setBroadcast(true);
            InetAddress broadcast = InetAddress.getByName("127.255.255.255");
            for (int i = 0; i < 3; i++) {
                socket.send(new DatagramPacket(garbage, garbage.length, broadcast, BEACON_PORT));
            }
        }
        await().atMost(DEADLINE)
            .until(() -> counter("zre.protocol.errors", "reason", "beacon_malformed") - before >= 3);
        assertThat(counter("zre.protocol.errors", "reason", "beacon_malformed") - before).isEqualTo(3);
    }

    private double counter(String name, String tag, String value) {
        return this.meters.get(name).tag(tag, value).functionCounter().count();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return this.http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + this.port + path);
    }

    static class OpsListener {

        final List<String> received = new CopyOnWriteArrayList<>();

        @ZreListener(id = "ops", groups = "ops")
        void onOps(String text) {
            this.received.add(text);
        }

    }

    @SpringBootApplication
    static class App {

        @Bean
        OpsListener opsListener() {
            return new OpsListener();
        }

    }

}
