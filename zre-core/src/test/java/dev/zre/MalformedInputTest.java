package dev.zre;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zre.protocol.Beacon;
import dev.zre.protocol.ZreMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad bytes from the network, sent over real sockets to a running node: each one is counted under
 * its reason, nothing else is affected, and the node keeps serving its real peer.
 */
class MalformedInputTest {

    private static final Duration DEADLINE = Duration.ofSeconds(5);

    private TestNodes nodes;
    private TestNodes.Started node;
    private TestNodes.Started real;
    private RawPeer raw;

    @BeforeEach
    void startNodeWithARealPeer() throws Exception {
        nodes = new TestNodes();
        node = nodes.start("node");
        real = nodes.start("real");
        node.awaitEnter(real.node());
        real.awaitEnter(node.node());
        raw = RawPeer.connectedTo(node.node());
    }

    @AfterEach
    void stop() {
        raw.close();
        nodes.close();
    }

    // ------------------------------------------------------------------ mailbox

    @Test
    void badSignatureIsCountedAndIgnored() throws Exception {
        rejected(ProtocolError.BAD_SIGNATURE, frame(0xAA, 0xA0, 6, 2, 0, 2));
    }

    @Test
    void unknownCommandIdIsCountedAndIgnored() throws Exception {
        rejected(ProtocolError.UNKNOWN_COMMAND, frame(0xAA, 0xA1, 11, 2, 0, 2));
        rejected(ProtocolError.UNKNOWN_COMMAND, frame(0xAA, 0xA1, 0, 2, 0, 2));
    }

    @Test
    void otherProtocolVersionIsCountedAndIgnored() throws Exception {
        rejected(ProtocolError.BAD_VERSION, frame(0xAA, 0xA1, 6, 3, 0, 2));
    }

    @Test
    void truncatedFieldIsCountedAndIgnored() throws Exception {
        rejected(ProtocolError.TRUNCATED, frame(0xAA, 0xA1, 4, 2, 0, 2, 10, 'G', 'R')); // JOIN group claims 10 bytes
        rejected(ProtocolError.TRUNCATED, frame(0xAA, 0xA1, 4, 2, 0, 2, 1, 'G')); // JOIN without status
        rejected(ProtocolError.TRUNCATED, frame(0xAA, 0xA1, 6, 2, 0)); // header cut short
    }

    @Test
    void oneByteFrameIsCountedAndIgnored() throws Exception {
        rejected(ProtocolError.TRUNCATED, frame(0xAA));
    }

    @Test
    void emptyFrameIsCountedAndIgnored() throws Exception {
        rejected(ProtocolError.EMPTY, new byte[0]);
    }

    @Test
    void longStringLengthLargerThanTheBytesPresentIsCountedAndIgnored() throws Exception {
        // HELLO: endpoint "", one group whose length claims 4096 bytes but 1 follows
        rejected(ProtocolError.TRUNCATED, frame(0xAA, 0xA1, 1, 2, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0x10, 0, 'G'), raw.uuid);
    }

    @Test
    void oversizedGroupCountIsCountedAndIgnored() throws Exception {
        rejected(ProtocolError.OVERSIZED_COUNT, frame(0xAA, 0xA1, 1, 2, 0, 1, 0, 0x7F, 0xFF, 0xFF, 0xFF), raw.uuid);
    }

    @Test
    void oversizedHeaderCountIsCountedAndIgnored() throws Exception {
        rejected(ProtocolError.OVERSIZED_COUNT,
                frame(0xAA, 0xA1, 1, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF), raw.uuid);
    }

    @Test
    void trailingBytesAreCountedAndTheMessageIgnored() throws Exception {
        rejected(ProtocolError.TRAILING_BYTES, frame(0xAA, 0xA1, 6, 2, 0, 2, 0));
    }

    @Test
    void whisperWithoutContentIsCountedAndIgnored() throws Exception {
        rejected(ProtocolError.MISSING_CONTENT, frame(0xAA, 0xA1, 2, 2, 0, 2));
    }

    @Test
    void shoutWithoutContentIsCountedAndIgnored() throws Exception {
        rejected(ProtocolError.MISSING_CONTENT, frame(0xAA, 0xA1, 3, 2, 0, 2, 1, 'G'));
    }

    @Test
    void extraFramesOnPingAreCountedAndDoNotLeakIntoTheNextMessage() throws Exception {
        rejected(ProtocolError.UNEXPECTED_FRAMES, frame(0xAA, 0xA1, 6, 2, 0, 2), bytes("stray-1"), bytes("stray-2"));
    }

    @Test
    void rejectedMultiFrameMessageDoesNotAffectTheNextMessage() throws Exception {
        rejected(ProtocolError.BAD_SIGNATURE, frame(0xAA, 0xA0, 2, 2, 0, 2), bytes("x"), bytes("y"), bytes("z"));
        rejected(ProtocolError.BAD_VERSION, frame(0xAA, 0xA1, 3, 9, 0, 2, 1, 'G'), bytes("x"), bytes("y"));
    }

    @Test
    void helloWithAnUnusableEndpointIsCountedAndNoPeerEnters() throws Exception {
        long before = node.node().statistics().protocolErrors(ProtocolError.BAD_ENDPOINT);
        raw.send(new ZreMessage.Hello("not-an-endpoint", List.of(), 0, "bad", Map.of()));
        awaitCount(ProtocolError.BAD_ENDPOINT, before + 1);
        assertThat(node.node().peers()).doesNotContain(raw.uuid);
        assertStillServed();
    }

    @Test
    void dealerWithoutZreIdentityIsCountedAsBadIdentity() throws Exception {
        long before = node.node().statistics().protocolErrors(ProtocolError.BAD_IDENTITY);
        try (RawPeer anonymous = RawPeer.withIdentity(node.node(), null);
                RawPeer wrongKind = RawPeer.withIdentity(node.node(), Arrays.copyOf(new byte[] {2}, 17))) {
            anonymous.hello("anonymous");
            wrongKind.hello("wrong-kind");
            awaitCount(ProtocolError.BAD_IDENTITY, before + 2);
        }
        assertThat(node.node().peers()).containsExactly(real.node().uuid());
        assertStillServed();
    }

    @Test
    void commandBeforeHelloIsCountedAndNotDelivered() throws Exception {
        long before = node.node().statistics().protocolErrors(ProtocolError.NO_HELLO);
        raw.sendWithSequence(new ZreMessage.Whisper(List.of(bytes("too early"))), 1);
        awaitCount(ProtocolError.NO_HELLO, before + 1);
        assertStillServed(); // says HELLO, then whispers: the first WHISPER delivered is the later one
    }

    // ------------------------------------------------------------------ lenient cases

    @Test
    void statusMismatchIsCountedAdoptedAndThePeerKept() throws Exception {
        enter("raw", List.of(), 5);
        long before = node.node().statistics().protocolErrors(ProtocolError.STATUS_MISMATCH);
        raw.send(new ZreMessage.Join("G", 9)); // expected 6
        node.await(ZreEvent.Join.class, j -> j.peer().equals(raw.uuid) && j.group().equals("G"));
        awaitCount(ProtocolError.STATUS_MISMATCH, before + 1);
        raw.send(new ZreMessage.Leave("G", 10)); // follows the adopted 9
        node.await(ZreEvent.Leave.class, l -> l.peer().equals(raw.uuid));
        assertThat(node.node().statistics().protocolErrors(ProtocolError.STATUS_MISMATCH)).isEqualTo(before + 1);
        assertThat(node.node().peer(raw.uuid)).get().extracting(PeerSnapshot::status).isEqualTo(10);
        assertThat(node.node().peers()).contains(raw.uuid);
        whisperFromRaw("still here");
    }

    @Test
    void invalidUtf8IsAcceptedWithReplacementCharactersAndCounted() throws Exception {
        long before = node.node().statistics().protocolErrors(ProtocolError.INVALID_UTF8);
        // Pyre writes character counts: "Zoë" arrives as 3 bytes "Zo" + half of "ë"
        byte[] name = {'Z', 'o', (byte) 0xC3};
        byte[] endpoint = raw.endpoint.getBytes(StandardCharsets.US_ASCII);
        byte[] hello = concat(frame(0xAA, 0xA1, 1, 2, 0, 1, endpoint.length), endpoint,
                frame(0, 0, 0, 0, 0, name.length), name, frame(0, 0, 0, 0));
        raw.sequence = 1;
        raw.sendFrames(hello);
        ZreEvent.Enter enter = node.await(ZreEvent.Enter.class, e -> e.peer().equals(raw.uuid), DEADLINE);
        assertThat(enter.peerName()).isEqualTo("Zo\uFFFD");
        awaitCount(ProtocolError.INVALID_UTF8, before + 1);
        whisperFromRaw("still here");
    }

    // ------------------------------------------------------------------ beacons

    @Test
    void fourteenByteBeaconIsCountedAsMalformed() throws Exception {
        beaconRejected(ProtocolError.BEACON_MALFORMED, Arrays.copyOf(beacon(), 14));
    }

    @Test
    void oneByteDatagramIsCountedAsMalformedBeacon() throws Exception {
        beaconRejected(ProtocolError.BEACON_MALFORMED, new byte[] {'Z'});
    }

    @Test
    void beaconWithWrongMagicIsCountedAsMalformed() throws Exception {
        byte[] b = beacon();
        b[0] = 'X';
        beaconRejected(ProtocolError.BEACON_MALFORMED, b);
    }

    @Test
    void beaconWithExtraBytesIsCountedAsMalformed() throws Exception {
        beaconRejected(ProtocolError.BEACON_MALFORMED, Arrays.copyOf(beacon(), 23));
    }

    @Test
    void version3CurveBeaconIsCountedAsBeaconVersion() throws Exception {
        // as captured from zyre with CURVE (zre-zyre-drafts-capture.json): ZRE 0x03, UUID, port, public key
        byte[] v3 = java.util.HexFormat.of().parseHex("5a524503e9fbfefaaa2240d8be451c61bb3bc46fc000"
                + "30cd8ba2b0f3d7b3c928aae9dba7ff142d7af83083d044858d0fa8336ce68d19");
        beaconRejected(ProtocolError.BEACON_VERSION, v3);
    }

    // ------------------------------------------------------------------ helpers

    /** Sends the frames after a HELLO, expects the count to move by one, then checks nothing else changed. */
    private void rejected(ProtocolError reason, byte[]... frames) throws Exception {
        enter("raw", List.of(), 0);
        long before = node.node().statistics().protocolErrors(reason);
        long total = node.node().statistics().protocolErrors();
        raw.sendFrames(frames);
        awaitCount(reason, before + 1);
        assertThat(node.node().statistics().protocolErrors()).isEqualTo(total + 1);
        assertThat(node.node().peers()).contains(raw.uuid);
        whisperFromRaw("next");
        assertRealPeerServed();
    }

    /** Like {@link #rejected(ProtocolError, byte[]...)} for a bad HELLO: the sender never enters. */
    private void rejected(ProtocolError reason, byte[] hello, UUID sender) throws Exception {
        long before = node.node().statistics().protocolErrors(reason);
        raw.sendFrames(hello);
        awaitCount(reason, before + 1);
        assertThat(node.node().peers()).doesNotContain(sender);
        assertStillServed();
    }

    private void beaconRejected(ProtocolError reason, byte[] datagram) throws Exception {
        long before = node.node().statistics().protocolErrors(reason);
        RawPeer.sendDatagram(nodes.beaconPort, datagram);
        awaitCount(reason, before + 1);
        assertThat(node.node().peers()).containsExactly(real.node().uuid());
        assertRealPeerServed();
        // and the node still discovers a newcomer by its beacon
        TestNodes.Started newcomer = nodes.start("newcomer");
        node.awaitEnter(newcomer.node());
    }

    private void enter(String name, List<String> groups, int status) throws Exception {
        if (node.node().peers().contains(raw.uuid)) {
            return;
        }
        raw.hello(name, groups, status, Map.of());
        node.await(ZreEvent.Enter.class, e -> e.peer().equals(raw.uuid), DEADLINE);
    }

    /** The raw peer can still say HELLO and WHISPER, and the real peer is still served. */
    private void assertStillServed() throws Exception {
        raw.reconnect();
        enter("raw", List.of(), 0);
        whisperFromRaw("after");
        assertRealPeerServed();
    }

    /** A one-frame WHISPER from the raw peer is the next WHISPER delivered, with exactly its frame. */
    private void whisperFromRaw(String text) throws Exception {
        raw.send(new ZreMessage.Whisper(List.of(bytes(text))));
        ZreEvent.Whisper w = node.await(ZreEvent.Whisper.class, x -> true, DEADLINE);
        assertThat(w.peer()).isEqualTo(raw.uuid);
        assertThat(w.frames()).hasSize(1);
        assertThat(w.text()).isEqualTo(text);
    }

    private void assertRealPeerServed() throws Exception {
        String text = "ping-" + System.nanoTime();
        real.node().whisper(node.node().uuid(), text);
        assertThat(node.await(ZreEvent.Whisper.class, w -> w.peer().equals(real.node().uuid()), DEADLINE).text())
                .isEqualTo(text);
        node.node().whisper(real.node().uuid(), text);
        assertThat(real.await(ZreEvent.Whisper.class, w -> true, DEADLINE).text()).isEqualTo(text);
    }

    private void awaitCount(ProtocolError reason, long expected) throws InterruptedException {
        TestNodes.eventually(DEADLINE, reason + " counted " + expected + " times",
                () -> node.node().statistics().protocolErrors(reason) >= expected);
        assertThat(node.node().statistics().protocolErrors(reason)).isEqualTo(expected);
    }

    private static byte[] beacon() {
        return new Beacon(UUID.randomUUID(), 0xC000).encode();
    }

    private static byte[] frame(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int size = 0;
        for (byte[] p : parts) {
            size += p.length;
        }
        byte[] out = new byte[size];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
