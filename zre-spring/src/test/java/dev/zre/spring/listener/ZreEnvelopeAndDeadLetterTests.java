package dev.zre.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zre.ZreEventType;
import dev.zre.spring.core.ZreEnvelope;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The documented frame conventions: request/reply envelopes and dead letters.
 */
class ZreEnvelopeAndDeadLetterTests {

    @Test
    void requestAndReplyFramesAreMarkerIdAndPayload() {
        ZreEnvelope request = new ZreEnvelope(ZreEnvelope.Kind.REQUEST, "id-1", List.of(bytes("ping")));
        List<byte[]> frames = request.toFrames();
        assertThat(frames).map(ZreEnvelopeAndDeadLetterTests::text).containsExactly("$ZRE-REQUEST", "id-1", "ping");
        ZreEnvelope parsed = ZreEnvelope.of(frames).orElseThrow();
        assertThat(parsed.kind()).isEqualTo(ZreEnvelope.Kind.REQUEST);
        assertThat(parsed.correlationId()).isEqualTo("id-1");
        assertThat(parsed.reply(List.of(bytes("pong"))).toFrames()).map(ZreEnvelopeAndDeadLetterTests::text)
            .containsExactly("$ZRE-REPLY", "id-1", "pong");
        assertThat(parsed.error("boom").toFrames()).map(ZreEnvelopeAndDeadLetterTests::text)
            .containsExactly("$ZRE-ERROR", "id-1", "boom");
    }

    @Test
    void plainMessagesAreNoEnvelopes() {
        assertThat(ZreEnvelope.of(List.of(bytes("$ZRE-REQUEST")))).isEmpty();
        assertThat(ZreEnvelope.of(List.of(bytes("hello"), bytes("id")))).isEmpty();
        assertThat(ZreEnvelope.of(List.of(bytes("$ZRE-REPLY"), bytes(" ")))).isEmpty();
        assertThat(ZreDeadLetter.of(List.of(bytes("hello")))).isEmpty();
    }

    @Test
    void deadLetterRoundTripsWithThePeerInZyresForm() {
        UUID peer = UUID.fromString("0e6e3444-3758-4d8e-b8a3-f89a3c9b3a1c");
        ZreDeadLetter letter = new ZreDeadLetter("orders", ZreEventType.SHOUT, peer, "orders", "java.lang.X: y",
                List.of(bytes("a"), bytes("b")));
        List<byte[]> frames = letter.toFrames();
        assertThat(frames).map(ZreEnvelopeAndDeadLetterTests::text)
            .containsExactly("$ZRE-DEAD-LETTER", "orders", "SHOUT", "0E6E344437584D8EB8A3F89A3C9B3A1C", "orders",
                    "java.lang.X: y", "a", "b");
        ZreDeadLetter parsed = ZreDeadLetter.of(frames).orElseThrow();
        assertThat(parsed.peer()).isEqualTo(peer);
        assertThat(parsed.group()).isEqualTo("orders");
        assertThat(parsed.text()).isEqualTo("a");
        ZreDeadLetter whisper = new ZreDeadLetter("w", ZreEventType.WHISPER, peer, null, "e", List.of(bytes("x")));
        assertThat(ZreDeadLetter.of(whisper.toFrames()).orElseThrow().group()).isNull();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] frame) {
        return new String(frame, StandardCharsets.UTF_8);
    }

}
