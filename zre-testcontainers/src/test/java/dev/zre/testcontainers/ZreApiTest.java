package dev.zre.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.zre.PeerId;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST client and the waits against a stand-in for the sample app on loopback, without Docker. */
class ZreApiTest {

    private static final PeerId ALICE = PeerId.of(UUID.fromString("5bb6cf4d-2f5d-4a34-a3a2-f5a1d0b2c3e4"));
    private static final PeerId BOB = PeerId.of(UUID.fromString("0c8e0d6b-9f21-4d2e-8a11-3b5c7d9e1f20"));

    /** Path to the JSON it answers; a path that is missing answers 404. */
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final Map<String, String> requests = new ConcurrentHashMap<>();
    private HttpServer server;
    private ZreApi api;

    @BeforeEach
    void startStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        api = new ZreApi(new JsonHttp(() -> "http://127.0.0.1:" + server.getAddress().getPort(), () -> "stand-in"));
    }

    @AfterEach
    void stopStandIn() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().toString();
        requests.put(exchange.getRequestMethod() + " " + path,
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String body = answers.get(path);
        byte[] bytes = (body != null ? body : "{}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(body != null ? 200 : 404, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void idsAreReadInZyresFormAndInTheDashedForm() {
        answers.put("/api/node", "{\"uuid\":\"" + ALICE + "\",\"name\":\"alice\",\"endpoint\":\"tcp://198.18.1.2:49152\","
                + "\"groups\":[\"chat\"]}");
        answers.put("/api/peers", "[{\"uuid\":\"" + BOB.uuid() + "\",\"name\":\"bob\",\"address\":\"tcp://198.18.1.3:49152\","
                + "\"groups\":[\"chat\"],\"headers\":{},\"state\":\"ALIVE\"}]");
        answers.put("/api/groups", "[{\"name\":\"chat\",\"members\":[\"" + BOB.toString().toLowerCase() + "\"],\"joined\":true,"
                + "\"contested\":true,\"leader\":\"" + BOB + "\",\"leaderName\":\"bob\",\"leading\":false}]");
        answers.put("/api/messages", "[{\"type\":\"WHISPER\",\"peer\":\"" + BOB.uuid() + "\",\"name\":\"bob\",\"text\":\"hi\"}]");

        assertThat(api.id()).isEqualTo(ALICE);
        assertThat(api.peers()).extracting(ZrePeerInfo::id).containsExactly(BOB);
        assertThat(api.peer(BOB)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
        assertThat(api.groups()).singleElement().satisfies(g -> assertThat(g.members()).containsExactly(BOB));
        assertThat(api.leader("chat")).contains(BOB);
        assertThat(api.groups().get(0)).satisfies(g -> {
            assertThat(g.contested()).isTrue();
            assertThat(g.leading()).isFalse();
            assertThat(g.leaderName()).isEqualTo("bob");
        });
        assertThat(api.leader("elsewhere")).isEmpty();
        assertThat(api.messages()).singleElement().satisfies(m -> {
            assertThat(m.peer()).isEqualTo(BOB);
            assertThat(m.isWhisper()).isTrue();
            assertThat(m.group()).isNull();
        });
    }

    @Test
    void commandsSendIdsInZyresForm() {
        answers.put("/api/whisper", "{}");
        answers.put("/api/groups/ops%20team", "{}");
        api.whisper(BOB, "psst");
        api.join("ops team");
        assertThat(requests.get("POST /api/whisper")).contains("\"peer\":\"" + BOB + "\"").contains("\"text\":\"psst\"");
        assertThat(requests).containsKey("POST /api/groups/ops%20team");
    }

    @Test
    void aMeterIsItsFirstMeasurementAndEmptyWhileItDoesNotExist() {
        answers.put("/actuator/metrics/zre.peers.exited?tag=reason%3Aexpired",
                "{\"name\":\"zre.peers.exited\",\"measurements\":[{\"statistic\":\"COUNT\",\"value\":2.0}]}");
        assertThat(api.metric("zre.peers.exited", "reason:expired")).hasValue(2.0);
        assertThat(api.metric("zre.beacons.received")).isEmpty();
    }

    @Test
    void aFailedRequestNamesTheRequestAndTheNode() {
        assertThatIllegalStateException().isThrownBy(() -> api.peers())
                .withMessageContaining("GET /api/peers on stand-in answered 404");
    }

    @Test
    void aWaitThatTimesOutShowsTheLastStateSeen() {
        answers.put("/api/peers", "[{\"uuid\":\"" + BOB + "\",\"name\":\"bob\",\"address\":\"tcp://198.18.1.3:49152\","
                + "\"state\":\"EVASIVE\"}]");
        ZreAwait await = new ZreAwait(api, () -> "", () -> "stand-in");
        assertThat(await.peers(1, Duration.ofSeconds(5))).extracting(ZrePeerInfo::name).containsExactly("bob");
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> await.peers(2, Duration.ofMillis(300)))
                .withMessageContaining("stand-in: no 2 peers within PT0.3S")
                .withMessageContaining("last seen: [ZrePeerInfo[id=" + BOB + ", name=bob");
    }
}
