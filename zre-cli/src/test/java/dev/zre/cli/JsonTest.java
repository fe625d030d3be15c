package dev.zre.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class JsonTest {

    private final ObjectMapper jackson = new ObjectMapper();

    @Test
    void writesOneLineThatJacksonReadsBack() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", "SHOUT");
        m.put("text", "line1\nline2\t\"quoted\" \\ \u0001 é 🎉");
        m.put("n", 42L);
        m.put("list", List.of("a", 1, true));
        m.put("none", null);
        String line = Json.write(m);
        assertThat(line).doesNotContain("\n");
        JsonNode node = jackson.readTree(line);
        assertThat(node.get("text").asText()).isEqualTo(m.get("text"));
        assertThat(node.get("n").asLong()).isEqualTo(42);
        assertThat(node.get("list").size()).isEqualTo(3);
        assertThat(node.get("none").isNull()).isTrue();
    }

    @Test
    void parsesObjectsArraysAndEscapes() {
        Object v = Json.parse(" {\"cmd\":\"shout\",\"text\":\"a\\u00e9\\n\",\"n\":-1.5e2,\"ok\":false,\"x\":null,\"l\":[1,[2]]} ");
        assertThat(v).isInstanceOf(Map.class);
        Map<?, ?> m = (Map<?, ?>) v;
        assertThat(m.get("text")).isEqualTo("aé\n");
        assertThat(m.get("n")).isEqualTo(-150.0);
        assertThat(m.get("ok")).isEqualTo(false);
        assertThat(m.containsKey("x")).isTrue();
        assertThat(m.get("l")).isEqualTo(List.of(1L, List.of(2L)));
    }

    @Test
    void rejectsBrokenInputSayingWhere() {
        assertThatThrownBy(() -> Json.parse("{\"cmd\":}")).hasMessageContaining("character 8").hasMessageContaining("a value");
        assertThatThrownBy(() -> Json.parse("{\"cmd\":\"x\"} trailing")).hasMessageContaining("end of input");
        assertThatThrownBy(() -> Json.parse("\"open")).hasMessageContaining("closing");
        assertThatThrownBy(() -> Json.parse("[".repeat(100))).hasMessageContaining("less nesting");
    }
}
