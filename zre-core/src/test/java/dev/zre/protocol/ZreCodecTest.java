package dev.zre.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zre.ProtocolError;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The codec on its own: every command survives a round trip, and malformed frames are rejected precisely. */
class ZreCodecTest {

    private static final String UUID_HEX = "60371085404B4D429D9DFD3BE6A67C28";

    private static ZreMessage roundTrip(ZreMessage message, int sequence) throws MalformedMessageException {
        ZreCodec.Decoded decoded = ZreCodec.decode(ZreCodec.encode(message, sequence));
        assertThat(decoded.sequence()).isEqualTo(sequence);
        assertThat(decoded.repairedText()).isFalse();
        assertThat(decoded.message().command()).isEqualTo(message.command());
        return decoded.message();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void helloRoundTripsWithGroupsHeadersAndNonAsciiText() throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-ROLE", "worker");
        headers.put("X-EMPTY", "");
        headers.put("X-UNICODE", "žluťoučký kůň");
        ZreMessage.Hello hello = new ZreMessage.Hello("tcp://127.0.0.1:49152", List.of("CHAT", "Grüße"), 255, "Åsa", headers);
        assertThat(roundTrip(hello, 1)).isEqualTo(hello);
    }

    @Test
    void helloWithNothingInItRoundTrips() throws Exception {
        ZreMessage.Hello hello = new ZreMessage.Hello("", List.of(), 0, "", Map.of());
        assertThat(roundTrip(hello, 1)).isEqualTo(hello);
    }

    @Test
    void whisperRoundTripsEveryContentFrame() throws Exception {
        ZreMessage.Whisper whisper = new ZreMessage.Whisper(List.of(bytes("a"), new byte[0], new byte[] {0, (byte) 0xFF}));
        ZreMessage.Whisper back = (ZreMessage.Whisper) roundTrip(whisper, 2);
        assertThat(back.content()).containsExactly(bytes("a"), new byte[0], new byte[] {0, (byte) 0xFF});
    }

    @Test
    void shoutRoundTripsGroupAndContent() throws Exception {
        ZreMessage.Shout shout = new ZreMessage.Shout("CHAT", List.of(bytes("hello"), bytes("world")));
        ZreMessage.Shout back = (ZreMessage.Shout) roundTrip(shout, 3);
        assertThat(back.group()).isEqualTo("CHAT");
        assertThat(back.content()).containsExactly(bytes("hello"), bytes("world"));
    }

    @Test
    void joinAndLeaveRoundTripGroupAndStatus() throws Exception {
        assertThat(roundTrip(new ZreMessage.Join("G", 0), 4)).isEqualTo(new ZreMessage.Join("G", 0));
        assertThat(roundTrip(new ZreMessage.Leave("G", 255), 5)).isEqualTo(new ZreMessage.Leave("G", 255));
    }

    @Test
    void pingPingOkAndGoodbyeRoundTrip() throws Exception {
        assertThat(roundTrip(new ZreMessage.Ping(), 6)).isEqualTo(new ZreMessage.Ping());
        assertThat(roundTrip(new ZreMessage.PingOk(), 7)).isEqualTo(new ZreMessage.PingOk());
        assertThat(roundTrip(new ZreMessage.Goodbye(), 65535)).isEqualTo(new ZreMessage.Goodbye());
    }

    @Test
    void electAndLeaderRoundTrip() throws Exception {
        assertThat(roundTrip(new ZreMessage.Elect("G", UUID_HEX), 8)).isEqualTo(new ZreMessage.Elect("G", UUID_HEX));
        assertThat(roundTrip(new ZreMessage.Leader("G", UUID_HEX), 9)).isEqualTo(new ZreMessage.Leader("G", UUID_HEX));
    }

    @Test
    void sequenceIsWrittenInNetworkOrderAndCanBeReplaced() throws Exception {
        byte[] first = ZreCodec.encodeFirstFrame(new ZreMessage.Ping(), 0x1234);
        assertThat(first).containsExactly(0xAA, 0xA1, 6, 2, 0x12, 0x34);
        byte[] other = ZreCodec.withSequence(first, 0xFFFF);
        assertThat(ZreCodec.decode(List.of(other)).sequence()).isEqualTo(0xFFFF);
        assertThat(first[4]).isEqualTo((byte) 0x12); // the original is untouched
    }

    @Test
    void stringLengthsAreEncodedInBytesNotCharacters() {
        byte[] frame = ZreCodec.encodeFirstFrame(new ZreMessage.Join("é", 1), 1);
        assertThat(frame[6]).isEqualTo((byte) 2); // "é" is two bytes in UTF-8
    }

    @Test
    void shortTextLongerThan255BytesIsRefusedWhenEncoding() {
        assertThatThrownBy(() -> ZreCodec.encodeFirstFrame(new ZreMessage.Join("x".repeat(256), 1), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group");
    }

    @Test
    void invalidUtf8IsDecodedWithReplacementCharactersAndFlagged() throws Exception {
        byte[] frame = {(byte) 0xAA, (byte) 0xA1, 4, 2, 0, 2, 2, (byte) 0xC3, 0x28, 1};
        ZreCodec.Decoded decoded = ZreCodec.decode(List.of(frame));
        assertThat(decoded.repairedText()).isTrue();
        assertThat(((ZreMessage.Join) decoded.message()).group()).contains("\uFFFD");
    }

    @Test
    void everyMalformedShapeIsRejectedWithItsReason() {
        assertRejected(ProtocolError.EMPTY, new byte[0]);
        assertRejected(ProtocolError.TRUNCATED, new byte[] {(byte) 0xAA});
        assertRejected(ProtocolError.BAD_SIGNATURE, new byte[] {(byte) 0xAA, (byte) 0xA0, 6, 2, 0, 1});
        assertRejected(ProtocolError.UNKNOWN_COMMAND, new byte[] {(byte) 0xAA, (byte) 0xA1, 11, 2, 0, 1});
        assertRejected(ProtocolError.UNKNOWN_COMMAND, new byte[] {(byte) 0xAA, (byte) 0xA1, 0, 2, 0, 1});
        assertRejected(ProtocolError.BAD_VERSION, new byte[] {(byte) 0xAA, (byte) 0xA1, 6, 1, 0, 1});
        assertRejected(ProtocolError.TRUNCATED, new byte[] {(byte) 0xAA, (byte) 0xA1, 4, 2, 0, 1, 10, 'G'});
        assertRejected(ProtocolError.TRAILING_BYTES, new byte[] {(byte) 0xAA, (byte) 0xA1, 6, 2, 0, 1, 0});
        assertRejected(ProtocolError.MISSING_CONTENT, new byte[] {(byte) 0xAA, (byte) 0xA1, 2, 2, 0, 1});
        assertRejected(ProtocolError.UNEXPECTED_FRAMES, new byte[] {(byte) 0xAA, (byte) 0xA1, 6, 2, 0, 1}, new byte[] {1});
    }

    @Test
    void hugeCountsAreRejectedBeforeAnythingIsAllocated() {
        byte[] groups = {(byte) 0xAA, (byte) 0xA1, 1, 2, 0, 1, 0, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        assertRejected(ProtocolError.OVERSIZED_COUNT, groups);
        byte[] headers = {(byte) 0xAA, (byte) 0xA1, 1, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        assertRejected(ProtocolError.OVERSIZED_COUNT, headers);
        byte[] longString = {(byte) 0xAA, (byte) 0xA1, 1, 2, 0, 1, 0, 0, 0, 0, 1, 0x10, 0, 0, 0, 'G'};
        assertRejected(ProtocolError.TRUNCATED, longString);
    }

    @Test
    void beaconRoundTripsAndPortZeroMeansLeaving() throws Exception {
        UUID uuid = UUID.randomUUID();
        Beacon beacon = new Beacon(uuid, 0xC000);
        byte[] wire = beacon.encode();
        assertThat(wire).hasSize(Beacon.SIZE);
        assertThat(Beacon.decode(wire, 0, wire.length)).isEqualTo(beacon);
        assertThat(Beacon.decode(new Beacon(uuid, 0).encode(), 0, 22).isLeaving()).isTrue();
    }

    @Test
    void malformedBeaconsAreRejectedWithTheirReason() {
        byte[] good = new Beacon(UUID.randomUUID(), 5000).encode();
        assertBeaconRejected(ProtocolError.BEACON_MALFORMED, new byte[] {'Z'});
        assertBeaconRejected(ProtocolError.BEACON_MALFORMED, java.util.Arrays.copyOf(good, 14));
        assertBeaconRejected(ProtocolError.BEACON_MALFORMED, java.util.Arrays.copyOf(good, 23));
        byte[] magic = good.clone();
        magic[2] = 'F';
        assertBeaconRejected(ProtocolError.BEACON_MALFORMED, magic);
        byte[] v3 = java.util.Arrays.copyOf(good, 54);
        v3[3] = 3;
        assertBeaconRejected(ProtocolError.BEACON_VERSION, v3);
    }

    private static void assertRejected(ProtocolError reason, byte[]... frames) {
        assertThatThrownBy(() -> ZreCodec.decode(List.of(frames)))
                .isInstanceOfSatisfying(MalformedMessageException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static void assertBeaconRejected(ProtocolError reason, byte[] datagram) {
        assertThatThrownBy(() -> Beacon.decode(datagram, 0, datagram.length))
                .isInstanceOfSatisfying(MalformedMessageException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
