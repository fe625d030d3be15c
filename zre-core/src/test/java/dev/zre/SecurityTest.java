package dev.zre;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zre.security.CurveKeyPair;
import dev.zre.security.ZCert;
import dev.zre.security.ZreSecurity;
import dev.zre.protocol.SecureBeacon;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real nodes on loopback with CURVE and PLAIN: who meshes, who is refused, and that refusals are counted. */
class SecurityTest {

    private static final Duration SHORT = Duration.ofSeconds(2);

    @TempDir
    Path certs;

    @Test
    void curveNodesMeshAndExchangeShoutAndWhisper() throws Exception {
        CurveKeyPair a = CurveKeyPair.generate();
        CurveKeyPair b = CurveKeyPair.generate();
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started na = nodes.start("a", c -> c.group("chat").security(ZreSecurity.curve(a).allow(b.publicKeyZ85())));
            TestNodes.Started nb = nodes.start("b", c -> c.group("chat").security(ZreSecurity.curve(b).allow(a.publicKeyZ85())));
            ZreEvent.Enter enter = na.awaitEnter(nb.node());
            assertThat(enter.headers()).containsEntry("X-PUBLICKEY", b.publicKeyZ85());
            nb.awaitEnter(na.node());
            nb.await(ZreEvent.Join.class, j -> j.peer().equals(na.node().uuid()));
            na.await(ZreEvent.Join.class, j -> j.peer().equals(nb.node().uuid()));
            na.node().shout("chat", "over curve");
            assertThat(new String(nb.await(ZreEvent.Shout.class, s -> true).frames().get(0), StandardCharsets.UTF_8))
                    .isEqualTo("over curve");
            nb.node().whisper(na.node().uuid(), "psst");
            assertThat(new String(na.await(ZreEvent.Whisper.class, s -> true).frames().get(0), StandardCharsets.UTF_8))
                    .isEqualTo("psst");
            assertThat(na.node().statistics().get(ZreStatistics.Counter.BEACONS_RECEIVED)).isPositive();
        }
    }

    @Test
    void aKeyOutsideTheAllowListNeverEntersAndIsCounted() throws Exception {
        CurveKeyPair a = CurveKeyPair.generate();
        CurveKeyPair b = CurveKeyPair.generate();
        CurveKeyPair stranger = CurveKeyPair.generate();
        ZCert.of(a, Map.of("name", "a")).write(certs.resolve("a.cert"));
        ZCert.of(b, Map.of("name", "b")).write(certs.resolve("b.cert"));
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started na = nodes.start("a", c -> c.security(ZreSecurity.curve(a).allowDirectory(certs)));
            TestNodes.Started nb = nodes.start("b", c -> c.security(ZreSecurity.curve(b).allowDirectory(certs)));
            // the stranger accepts anyone, so only the others' allow-lists keep it out
            TestNodes.Started ns = nodes.start("stranger", c -> c.security(ZreSecurity.curve(stranger).allowAny()));
            na.awaitEnter(nb.node());
            nb.awaitEnter(na.node());
            TestNodes.eventually(Duration.ofSeconds(10), "the stranger's attempts refused by a and b",
                    () -> na.node().statistics().handshakeFailures(HandshakeFailure.NOT_ALLOWED) > 0
                            && nb.node().statistics().handshakeFailures(HandshakeFailure.NOT_ALLOWED) > 0
                            && ns.node().statistics().handshakeFailures(HandshakeFailure.NOT_ALLOWED) > 0);
            assertThat(na.node().statistics().get(ZreStatistics.Counter.BEACONS_NOT_ALLOWED)).isPositive();
            assertThat(na.node().peers()).doesNotContain(ns.node().uuid());
            assertThat(nb.node().peers()).doesNotContain(ns.node().uuid());
            assertThat(ns.node().peers()).isEmpty();
            assertThat(na.inbox().poll(SHORT)).satisfiesAnyOf(e -> assertThat(e).isNull(),
                    e -> assertThat(((ZreEvent.PeerEvent) e).peer()).isNotEqualTo(ns.node().uuid()));
            assertNothingAbout(na, ns.node().uuid());
            assertNothingAbout(nb, ns.node().uuid());
            assertNothingAbout(ns, na.node().uuid());

            // allowed once its certificate is added to the directory (re-read when it changes)
            ZCert.of(stranger, Map.of()).write(certs.resolve("stranger.cert"));
            na.awaitEnter(ns.node());
        }
    }

    private static void assertNothingAbout(TestNodes.Started node, UUID other) throws InterruptedException {
        ZreEvent e;
        while ((e = node.inbox().poll(Duration.ofMillis(200))) != null) {
            if (e instanceof ZreEvent.PeerEvent p) {
                assertThat(p.peer()).as(node.node().name() + " reported " + e).isNotEqualTo(other);
            }
        }
    }

    @Test
    void plainAndCurveNodesIgnoreEachOther() throws Exception {
        CurveKeyPair a = CurveKeyPair.generate();
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started secured = nodes.start("secured", c -> c.security(ZreSecurity.curve(a).allowAny()));
            TestNodes.Started plain = nodes.start("plain");
            TestNodes.Started plain2 = nodes.start("plain2");
            plain.awaitEnter(plain2.node()); // by then beacons of both kinds went around
            TestNodes.eventually(Duration.ofSeconds(10), "each ignored the other's beacons",
                    () -> secured.node().statistics().get(ZreStatistics.Counter.BEACONS_OTHER_SECURITY) > 0
                            && plain.node().statistics().get(ZreStatistics.Counter.BEACONS_OTHER_SECURITY) > 0);
            assertThat(secured.node().peers()).isEmpty();
            assertThat(plain.node().peers()).containsExactly(plain2.node().uuid());
        }
    }

    @Test
    void plainWithTheRightPasswordMeshesAndAWrongOneIsRefused() throws Exception {
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started a = nodes.start("a", c -> c.security(ZreSecurity.plain("zre", "right")));
            TestNodes.Started b = nodes.start("b", c -> c.security(ZreSecurity.plain("zre", "right")));
            a.awaitEnter(b.node());
            b.awaitEnter(a.node());
            TestNodes.Started wrong = nodes.start("wrong", c -> c.security(ZreSecurity.plain("zre", "wrong")));
            TestNodes.eventually(Duration.ofSeconds(10), "the wrong password refused and counted on both sides",
                    () -> a.node().statistics().handshakeFailures(HandshakeFailure.PLAIN_REFUSED) > 0
                            && wrong.node().statistics().handshakeFailures(HandshakeFailure.PLAIN_REFUSED) > 0);
            assertThat(a.node().peers()).containsExactly(b.node().uuid());
            assertThat(wrong.node().peers()).isEmpty();
        }
    }

    @Test
    void aWrongServerKeyIsCountedAndNotRetriedAtBeaconRate() throws Exception {
        CurveKeyPair a = CurveKeyPair.generate();
        CurveKeyPair b = CurveKeyPair.generate();
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started na = nodes.start("a", c -> c.security(ZreSecurity.curve(a).allowAny()));
            TestNodes.Started nb = nodes.start("b", c -> c.beaconEnabled(false)
                    .security(ZreSecurity.curve(b).allowAny()));
            // a beacon for b's mailbox with someone else's key: a connects with the wrong server key
            int port = Integer.parseInt(nb.node().endpoint().orElseThrow().replaceAll(".*:", ""));
            byte[] beacon = new SecureBeacon(UUID.randomUUID(), port, CurveKeyPair.generate().publicKey()).encode();
            RawPeer.sendDatagram(nodes.beaconPort, beacon);
            TestNodes.eventually(Duration.ofSeconds(10), "the wrong server key counted",
                    () -> na.node().statistics().handshakeFailures(HandshakeFailure.WRONG_SERVER_KEY) > 0);
            TestNodes.eventually(Duration.ofSeconds(5), "the peer with the wrong key dropped", () -> na.node().peers().isEmpty());
            // a second beacon within the quiet time is not connected to again
            RawPeer.sendDatagram(nodes.beaconPort, beacon);
            TestNodes.eventually(Duration.ofSeconds(5), "the rediscovery ignored",
                    () -> na.node().statistics().get(ZreStatistics.Counter.DISCOVERIES_IGNORED) > 0);
        }
    }

    @Test
    void theSecretKeyIsNeverShown() {
        CurveKeyPair a = CurveKeyPair.generate();
        ZreConfig config = ZreConfig.builder().security(ZreSecurity.curve(a).allowAny()).build();
        assertThat(config.toString()).contains(a.publicKeyZ85()).doesNotContain(a.secretKeyZ85());
        assertThat(ZreSecurity.plain("u", "hunter2").toString()).doesNotContain("hunter2");
    }

    @Test
    void theKeyFileHoldsWhatWasWritten() throws Exception {
        CurveKeyPair a = CurveKeyPair.generate();
        Path file = certs.resolve("node.cert");
        ZCert.of(a, Map.of("name", "node")).write(file);
        assertThat(ZCert.read(file).secretKey()).isNull();
        assertThat(Files.readString(file)).doesNotContain(a.secretKeyZ85());
        assertThat(ZCert.read(certs.resolve("node.cert_secret")).keyPair()).isEqualTo(a);
    }
}
