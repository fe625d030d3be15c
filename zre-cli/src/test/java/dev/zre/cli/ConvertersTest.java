package dev.zre.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConvertersTest {

    @Test
    void durationsTakeUnitsIsoAndBareSeconds() {
        assertThat(Converters.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Converters.parseDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Converters.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Converters.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Converters.parseDuration("PT5S")).isEqualTo(Duration.ofSeconds(5));
        assertThat(Converters.parseDuration("3")).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> Converters.parseDuration("-1s")).hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> Converters.parseDuration("5 parsecs")).hasMessageContaining("is not a duration");
    }

    @Test
    void jsonContentIsTextBase64OrFramesExactlyOnce() {
        assertThat(JsonCommands.content(Map.of("text", "hé"))).singleElement().isEqualTo("hé".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(JsonCommands.content(Map.of("base64", "AAE="))).singleElement().isEqualTo(new byte[] {0, 1});
        assertThat(JsonCommands.content(Map.of("frames", List.of("YQ==", "")))).hasSize(2);
        assertThatThrownBy(() -> JsonCommands.content(Map.of("text", "a", "base64", "YQ==")))
                .hasMessageContaining("exactly one of \"text\", \"base64\" or \"frames\"");
        assertThatThrownBy(() -> JsonCommands.content(Map.of())).hasMessageContaining("exactly one of");
        assertThatThrownBy(() -> JsonCommands.content(Map.of("base64", "!!"))).hasMessageContaining("\"base64\" is not base64");
        assertThatThrownBy(() -> JsonCommands.content(Map.of("frames", List.of()))).hasMessageContaining("non-empty array");
        assertThatThrownBy(() -> JsonCommands.content(Map.of("text", 5L))).hasMessageContaining("\"text\" must be a string");
    }
}
