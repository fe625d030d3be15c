package dev.zre;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zre.protocol.Beacon;
import dev.zre.protocol.SecureBeacon;
import dev.zre.security.CurveKeyPair;
import dev.zre.security.ZreSecurity;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Encryption proven on the wire: node a reaches node b through a recording TCP relay (a beacon
 * names the relay's port for b), and the SHOUT payload shows in the relayed bytes with NULL and
 * never with CURVE.
 */
class EncryptionOnTheWireTest {

    private static final byte[] PAYLOAD = "payload-only-visible-in-clear-7f3a".getBytes(StandardCharsets.UTF_8);

    @Test
    void withNullTheShoutIsReadableOnThePath() throws Exception {
        assertThat(shoutThroughRelay(null).saw(PAYLOAD)).isTrue();
    }

    @Test
    void withCurveTheShoutNeverShowsOnThePath() throws Exception {
        RecordingRelay relay = shoutThroughRelay(CurveKeyPair.generate());
        assertThat(relay.seen().length).as("the relay carried the traffic").isGreaterThan(PAYLOAD.length);
        assertThat(relay.saw(PAYLOAD)).isFalse();
        assertThat(relay.saw("chat".getBytes(StandardCharsets.UTF_8))).as("not even the group name").isFalse();
    }

    /** Runs a and b (b with this key, or NULL), a reaching b through the relay; a shouts, b receives. */
    private static RecordingRelay shoutThroughRelay(CurveKeyPair bKey) throws Exception {
        CurveKeyPair aKey = bKey == null ? null : CurveKeyPair.generate();
        try (TestNodes nodes = new TestNodes()) {
            TestNodes.Started b = nodes.start("b", c -> {
                c.beaconEnabled(false).group("chat");
                if (bKey != null) {
                    c.security(ZreSecurity.curve(bKey).allow(aKey.publicKeyZ85()));
                }
            });
            int bPort = Integer.parseInt(b.node().endpoint().orElseThrow().replaceAll(".*:", ""));
            RecordingRelay relay = new RecordingRelay(bPort);
            TestNodes.Started a = nodes.start("a", c -> {
                c.group("chat");
                if (aKey != null) {
                    c.security(ZreSecurity.curve(aKey).allow(bKey.publicKeyZ85()));
                }
            });
            // b's beacon, as a would hear it, but naming the relay's port: a's link to b runs through the relay
            UUID bId = b.node().uuid();
            RawPeer.sendDatagram(nodes.beaconPort, bKey == null ? new Beacon(bId, relay.port()).encode()
                    : new SecureBeacon(bId, relay.port(), bKey.publicKey()).encode());
            a.awaitEnter(b.node());
            b.awaitEnter(a.node());
            a.node().shout("chat", PAYLOAD);
            ZreEvent.Shout got = b.await(ZreEvent.Shout.class, s -> true);
            assertThat(got.frames().get(0)).isEqualTo(PAYLOAD);
            assertThat(a.node().peerAddress(bId)).isPresent();
            relay.close();
            return relay;
        }
    }
}
