package dev.zre.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zre.ProtocolError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The codec against wire captures of zyre C (stable and draft builds): every captured frame decodes
 * to the captured fields, and encoding those fields gives the captured bytes.
 */
class ZyreCaptureVectorsTest {

    private static final HexFormat HEX = HexFormat.of();

    /** One captured ZRE message: its name, its frames, and what zyre's decoder made of it. */
    record Vector(String name, List<byte[]> frames, JsonNode decoded) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static JsonNode load(String file) throws IOException {
        try (InputStream in = ZyreCaptureVectorsTest.class.getResourceAsStream("/vectors/" + file)) {
            assertThat(in).as(file).isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    private static List<byte[]> frames(JsonNode hexFrames) {
        List<byte[]> out = new ArrayList<>();
        hexFrames.forEach(f -> out.add(HEX.parseHex(f.asText())));
        return out;
    }

    static Stream<Vector> zreMessages() throws IOException {
        List<Vector> out = new ArrayList<>();
        for (JsonNode v : load("zre-v2-zyre-capture.json").get("vectors")) {
            if ("aaa1".equals(v.get("decoded").path("signature").asText())) {
                out.add(new Vector(v.get("name").asText(), frames(v.get("frames")), v.get("decoded")));
            }
        }
        JsonNode drafts = load("zre-zyre-drafts-capture.json");
        int i = 0;
        for (String kind : List.of("elect", "leader")) {
            for (JsonNode v : drafts.get(kind)) {
                out.add(new Vector(kind.toUpperCase() + "-" + i++, List.of(HEX.parseHex(v.get("hex").asText())), v.get("decoded")));
            }
        }
        for (JsonNode v : drafts.get("goodbye")) {
            out.add(new Vector("GOODBYE-" + i++, frames(v.get("frames_hex")), v.get("decoded")));
        }
        return out.stream();
    }

    @Test
    void theCapturesHoldEveryCommand() throws IOException {
        assertThat(zreMessages().map(v -> v.decoded().get("id").asInt()).distinct().sorted())
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("zreMessages")
    void zyreFramesDecodeToTheCapturedFields(Vector vector) throws Exception {
        ZreCodec.Decoded decoded = ZreCodec.decode(vector.frames());
        JsonNode want = vector.decoded();
        assertThat(decoded.sequence()).isEqualTo(want.get("sequence").asInt());
        assertThat(decoded.message().command().id()).isEqualTo(want.get("id").asInt());
        assertThat(decoded.repairedText()).isFalse();
        assertThat(fieldsOf(decoded.message())).isEqualTo(fieldsOf(fromCapture(want)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("zreMessages")
    void encodingTheCapturedFieldsGivesZyresBytes(Vector vector) throws Exception {
        JsonNode want = vector.decoded();
        int sequence = want.get("sequence").asInt();
        List<byte[]> encoded = ZreCodec.encode(fromCapture(want), sequence);
        assertThat(encoded).hasSameSizeAs(vector.frames());
        if (want.path("headers").size() > 1) {
            // zyre writes headers in hash order; ours may differ, so compare size and meaning
            assertThat(encoded.get(0)).hasSameSizeAs(vector.frames().get(0));
            assertThat(fieldsOf(ZreCodec.decode(encoded).message())).isEqualTo(fieldsOf(fromCapture(want)));
            assertThat(HEX.formatHex(encoded.get(0)).substring(0, 12)).isEqualTo(HEX.formatHex(vector.frames().get(0)).substring(0, 12));
        } else {
            for (int i = 0; i < encoded.size(); i++) {
                assertThat(HEX.formatHex(encoded.get(i))).as("frame %d", i).isEqualTo(HEX.formatHex(vector.frames().get(i)));
            }
        }
    }

    @Test
    void zyreBeaconsDecodeAndEncodeByteForByte() throws Exception {
        int seen = 0;
        for (JsonNode v : load("zre-v2-zyre-capture.json").get("vectors")) {
            if (!v.get("name").asText().startsWith("BEACON")) {
                continue;
            }
            byte[] wire = HEX.parseHex(v.get("hex").asText());
            Beacon beacon = Beacon.decode(wire, 0, wire.length);
            JsonNode want = v.get("decoded");
            assertThat(want.get("version").asInt()).isEqualTo(Beacon.VERSION);
            assertThat(Uuids.toHex(beacon.uuid())).isEqualTo(want.get("uuid").asText());
            assertThat(beacon.port()).isEqualTo(want.get("port").asInt());
            assertThat(beacon.isLeaving()).isEqualTo(want.get("port").asInt() == 0);
            assertThat(HEX.formatHex(beacon.encode())).isEqualTo(v.get("hex").asText());
            seen++;
        }
        assertThat(seen).isEqualTo(2);
    }

    @Test
    void zyreCurveBeaconsOfVersion3AreRejectedAsBeaconVersion() throws Exception {
        JsonNode curve = load("zre-zyre-drafts-capture.json").get("curve_beacons");
        assertThat(curve).isNotEmpty();
        for (JsonNode v : curve) {
            byte[] wire = HEX.parseHex(v.get("hex").asText());
            assertThat(wire).hasSize(54);
            assertThatThrownBy(() -> Beacon.decode(wire, 0, wire.length))
                    .isInstanceOfSatisfying(MalformedMessageException.class,
                            e -> assertThat(e.reason()).isEqualTo(ProtocolError.BEACON_VERSION));
        }
    }

    /** Builds the message zyre's decoder described, headers in the capture's order. */
    private static ZreMessage fromCapture(JsonNode d) {
        return switch (Command.byId(d.get("id").asInt())) {
            case HELLO -> {
                List<String> groups = new ArrayList<>();
                d.get("groups").forEach(g -> groups.add(g.asText()));
                Map<String, String> headers = new LinkedHashMap<>();
                d.get("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
                yield new ZreMessage.Hello(d.get("endpoint").asText(), groups, d.get("status").asInt(),
                        d.get("name").asText(), headers);
            }
            case WHISPER -> new ZreMessage.Whisper(content(d));
            case SHOUT -> new ZreMessage.Shout(d.get("group").asText(), content(d));
            case JOIN -> new ZreMessage.Join(d.get("group").asText(), d.get("status").asInt());
            case LEAVE -> new ZreMessage.Leave(d.get("group").asText(), d.get("status").asInt());
            case PING -> new ZreMessage.Ping();
            case PING_OK -> new ZreMessage.PingOk();
            case ELECT -> new ZreMessage.Elect(d.get("group").asText(), d.get("challenger_id").asText());
            case LEADER -> new ZreMessage.Leader(d.get("group").asText(), d.get("leader_id").asText());
            case GOODBYE -> new ZreMessage.Goodbye();
        };
    }

    private static List<byte[]> content(JsonNode d) {
        List<byte[]> out = new ArrayList<>();
        d.get("content").forEach(c -> out.add(c.asText().getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    /** A message as comparable values (content frames as text, since byte arrays compare by identity). */
    private static Object fieldsOf(ZreMessage m) {
        if (m instanceof ZreMessage.Whisper w) {
            return List.of("WHISPER", texts(w.content()));
        }
        if (m instanceof ZreMessage.Shout s) {
            return List.of("SHOUT", s.group(), texts(s.content()));
        }
        return m;
    }

    private static List<String> texts(List<byte[]> frames) {
        return frames.stream().map(f -> new String(f, StandardCharsets.UTF_8)).toList();
    }
}
