package dev.zre.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zre.ProtocolError;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The ZGossip codec against czmq's messages captured on the wire (zyre's hub and clients, plain and
 * CURVE tuples), and every rejection reason.
 */
class GossipCodecTest {

    private static final HexFormat HEX = HexFormat.of();

    record Captured(String name, byte[] frame, JsonNode decoded) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Captured> capturedMessages() throws IOException {
        JsonNode trace;
        try (InputStream in = GossipCodecTest.class.getResourceAsStream("/vectors/zre-zyre-gossip-trace.json")) {
            assertThat(in).isNotNull();
            trace = new ObjectMapper().readTree(in);
        }
        List<Captured> out = new ArrayList<>();
        int i = 0;
        for (JsonNode m : trace.get("gossip_zgossip_messages")) {
            out.add(new Captured("plain-" + i++ + "-" + m.get("decoded").get("command").asText(),
                    HEX.parseHex(m.get("frames_hex").get(0).asText()), m.get("decoded")));
        }
        for (JsonNode m : trace.get("mixed_gossip_messages")) {
            out.add(new Captured("mixed-" + i++ + "-" + m.get("decoded").get("command").asText(),
                    HEX.parseHex(m.get("hex").asText()), m.get("decoded")));
        }
        return out.stream();
    }

    @Test
    void theCaptureHoldsHellosAndPublishesWithAndWithoutKeys() throws IOException {
        List<Captured> all = capturedMessages().toList();
        assertThat(all).extracting(c -> c.decoded().get("command").asText()).contains("HELLO", "PUBLISH");
        assertThat(all).anySatisfy(c -> assertThat(c.decoded().path("value").asText()).contains("|"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("capturedMessages")
    void czmqFramesDecodeToTheCapturedFields(Captured c) throws Exception {
        GossipMessage message = GossipCodec.decode(c.frame());
        assertThat(message.id()).isEqualTo(c.decoded().get("id").asInt());
        if (message instanceof GossipMessage.Publish p) {
            assertThat(p.key()).isEqualTo(c.decoded().get("key").asText());
            assertThat(p.value()).isEqualTo(c.decoded().get("value").asText());
            assertThat(p.ttl()).isEqualTo(c.decoded().get("ttl").asLong());
        } else {
            assertThat(message).isInstanceOf(GossipMessage.Hello.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("capturedMessages")
    void encodingTheCapturedFieldsGivesCzmqsBytes(Captured c) {
        JsonNode d = c.decoded();
        GossipMessage message = switch (d.get("command").asText()) {
            case "PUBLISH" -> new GossipMessage.Publish(d.get("key").asText(), d.get("value").asText(), d.get("ttl").asLong());
            case "HELLO" -> new GossipMessage.Hello();
            default -> throw new AssertionError(d);
        };
        assertThat(HEX.formatHex(GossipCodec.encode(message))).isEqualTo(HEX.formatHex(c.frame()));
    }

    @Test
    void theBodilessMessagesAreFourBytes() throws Exception {
        List<GossipMessage> all = List.of(new GossipMessage.Hello(), new GossipMessage.Ping(),
                new GossipMessage.Pong(), new GossipMessage.Invalid());
        for (GossipMessage m : all) {
            byte[] frame = GossipCodec.encode(m);
            assertThat(frame).containsExactly(0xAA, 0xA0, m.id(), 1);
            assertThat(GossipCodec.decode(frame)).isEqualTo(m);
        }
    }

    @Test
    void publishRoundTripsUtf8AndTheLargestTtl() throws Exception {
        GossipMessage.Publish p = new GossipMessage.Publish("schlüssel", "tcp://198.18.0.9:5680|ä", 0xFFFF_FFFFL);
        assertThat(GossipCodec.decode(GossipCodec.encode(p))).isEqualTo(p);
    }

    @Test
    void aKeyLongerThan255BytesIsNotEncoded() {
        assertThatThrownBy(() -> GossipCodec.encode(new GossipMessage.Publish("k".repeat(256), "v", 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key");
    }

    static Stream<Arguments> malformed() {
        byte[] publish = GossipCodec.encode(new GossipMessage.Publish("K", "tcp://a:1", 0));
        byte[] hugeValue = publish.clone();
        hugeValue[6] = (byte) 0x7F; // value length 0x7F000009: far more than the frame holds
        return Stream.of(
                Arguments.of("empty", new byte[0], ProtocolError.EMPTY),
                Arguments.of("short header", HEX.parseHex("aaa001"), ProtocolError.TRUNCATED),
                Arguments.of("ZRE signature", HEX.parseHex("aaa10101"), ProtocolError.BAD_SIGNATURE),
                Arguments.of("version 2", HEX.parseHex("aaa00102"), ProtocolError.BAD_VERSION),
                Arguments.of("id 0", HEX.parseHex("aaa00001"), ProtocolError.UNKNOWN_COMMAND),
                Arguments.of("id 6", HEX.parseHex("aaa00601"), ProtocolError.UNKNOWN_COMMAND),
                Arguments.of("PING with a body", HEX.parseHex("aaa0030100"), ProtocolError.TRAILING_BYTES),
                Arguments.of("PUBLISH without key length", HEX.parseHex("aaa00201"), ProtocolError.TRUNCATED),
                Arguments.of("key past the end", HEX.parseHex("aaa002010541"), ProtocolError.TRUNCATED),
                Arguments.of("value length past the end", java.util.Arrays.copyOf(publish, 7), ProtocolError.TRUNCATED),
                Arguments.of("value past the end", hugeValue, ProtocolError.TRUNCATED),
                Arguments.of("no ttl", java.util.Arrays.copyOf(publish, publish.length - 2), ProtocolError.TRUNCATED),
                Arguments.of("PUBLISH with a byte more", java.util.Arrays.copyOf(publish, publish.length + 1),
                        ProtocolError.TRAILING_BYTES));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedFramesAreRejectedWithTheirReason(String name, byte[] frame, ProtocolError reason) {
        assertThatThrownBy(() -> GossipCodec.decode(frame))
                .isInstanceOfSatisfying(MalformedMessageException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
