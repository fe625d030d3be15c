package dev.zre.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import dev.zre.ProtocolError;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The v3 (CURVE) beacon codec against zyre's captured beacons, byte for byte. */
class SecureBeaconTest {

    private static final HexFormat HEX = HexFormat.of();

    private static JsonNode beacons() throws Exception {
        try (InputStream in = SecureBeaconTest.class.getResourceAsStream("/vectors/zre-zyre-curve-beacons.json")) {
            return new ObjectMapper().readTree(in).get("curve_beacons");
        }
    }

    @Test
    void zyresV3BeaconsDecodeToWhatWasCapturedAndEncodeToTheSameBytes() throws Exception {
        int v3 = 0;
        for (JsonNode b : beacons()) {
            byte[] wire = HEX.parseHex(b.get("hex").asText());
            JsonNode want = b.get("decoded");
            if (want.get("version").asInt() != 3) {
                continue;
            }
            v3++;
            assertThat(wire).hasSize(SecureBeacon.SIZE);
            SecureBeacon beacon = SecureBeacon.decode(wire, 0, wire.length);
            assertThat(dev.zre.PeerId.of(beacon.uuid()).toString()).isEqualTo(want.get("uuid").asText());
            assertThat(beacon.port()).isEqualTo(want.get("port").asInt());
            assertThat(beacon.isLeaving()).isEqualTo(want.get("port").asInt() == 0);
            assertThat(HEX.formatHex(beacon.publicKey())).isEqualTo(want.get("curve_public_key").asText());
            assertThat(beacon.encode()).isEqualTo(wire);
        }
        assertThat(v3).as("v3 beacons in the capture, the port-0 stop beacon among them").isGreaterThanOrEqualTo(6);
    }

    @Test
    void aPlainBeaconIsAnotherVersionForASecuredNodeAndTheOtherWayRound() throws Exception {
        for (JsonNode b : beacons()) {
            byte[] wire = HEX.parseHex(b.get("hex").asText());
            if (b.get("decoded").get("version").asInt() == 1) {
                assertThatThrownBy(() -> SecureBeacon.decode(wire, 0, wire.length))
                        .isInstanceOfSatisfying(MalformedMessageException.class,
                                e -> assertThat(e.reason()).isEqualTo(ProtocolError.BEACON_VERSION));
            } else {
                assertThatThrownBy(() -> Beacon.decode(wire, 0, wire.length))
                        .isInstanceOfSatisfying(MalformedMessageException.class,
                                e -> assertThat(e.reason()).isEqualTo(ProtocolError.BEACON_VERSION));
            }
        }
    }

    @Test
    void aKeyStartingWithZeroIsDroppedAsZyreDoes() {
        byte[] key = new byte[32];
        key[1] = 7;
        byte[] wire = new SecureBeacon(UUID.randomUUID(), 5000, key).encode();
        assertThatThrownBy(() -> SecureBeacon.decode(wire, 0, wire.length))
                .isInstanceOfSatisfying(MalformedMessageException.class,
                        e -> assertThat(e.reason()).isEqualTo(ProtocolError.BEACON_MALFORMED));
        assertThatThrownBy(() -> SecureBeacon.decode(wire, 0, 53)).isInstanceOf(MalformedMessageException.class);
    }
}
