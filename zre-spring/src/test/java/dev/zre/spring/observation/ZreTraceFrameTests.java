package dev.zre.spring.observation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZreTraceFrameTests {

    @Test
    void fieldsSurviveTheRoundTrip() {
        Map<String, String> fields = Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        List<byte[]> frames = ZreTraceFrame.append(List.of(bytes("payload")), fields);
        assertThat(frames).hasSize(2);
        ZreTraceFrame.Split split = ZreTraceFrame.split(frames);
        assertThat(split.payload()).containsExactly(bytes("payload"));
        assertThat(split.fields()).isEqualTo(fields);
    }

    @Test
    void theFrameIsReadableText() {
        assertThat(new String(ZreTraceFrame.encode(Map.of("b3", "80f198ee56343ba8-e457b5a2e4d86bd1-1")),
                StandardCharsets.UTF_8))
            .isEqualTo("ZRE-TRACE/1\nb3=80f198ee56343ba8-e457b5a2e4d86bd1-1\n");
    }

    @Test
    void messagesWithoutATraceFrameAreLeftAsTheyAre() {
        List<byte[]> frames = List.of(bytes("ZRE-TRACE/1"), bytes("payload"), bytes("ZRE-TRACE/2\nx=y\n"));
        ZreTraceFrame.Split split = ZreTraceFrame.split(frames);
        assertThat(split.payload()).isSameAs(frames);
        assertThat(split.fields()).isNull();
        assertThat(ZreTraceFrame.split(List.of()).fields()).isNull();
    }

    @Test
    void onlyTheLastFrameIsATraceFrame() {
        byte[] trace = ZreTraceFrame.encode(Map.of("traceparent", "x"));
        ZreTraceFrame.Split split = ZreTraceFrame.split(List.of(trace, bytes("payload")));
        assertThat(split.fields()).isNull();
        assertThat(split.payload()).hasSize(2);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

}
