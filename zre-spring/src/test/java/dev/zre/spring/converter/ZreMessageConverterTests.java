package dev.zre.spring.converter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import tools.jackson.databind.json.JsonMapper;

class ZreMessageConverterTests {

    private final SimpleZreMessageConverter simple = new SimpleZreMessageConverter();

    private final JacksonZreMessageConverter jackson = new JacksonZreMessageConverter(JsonMapper.builder().build());

    record Order(String id, int quantity) {
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void rawFormsPassThrough() {
        List<byte[]> frames = List.of(utf8("he"), utf8("llo"));
        assertThat(this.simple.fromFrames(frames, String.class)).isEqualTo("hello");
        assertThat(this.simple.fromFrames(frames, byte[].class)).isEqualTo(utf8("hello"));
        assertThat(this.simple.fromFrames(frames, new ParameterizedTypeReference<List<byte[]>>() {
        }.getType())).isEqualTo(frames);
        assertThat(this.simple.toFrames("hé")).containsExactly(utf8("hé"));
        assertThat(this.simple.toFrames(utf8("x"))).containsExactly(utf8("x"));
        assertThat(this.simple.toFrames(frames)).containsExactlyElementsOf(frames);
    }

    @Test
    void simpleConverterExplainsWhatIsMissingForOtherTypes() {
        assertThatExceptionOfType(ZreMessageConversionException.class)
            .isThrownBy(() -> this.simple.fromFrames(List.of(utf8("{}")), Order.class))
            .withMessageContaining("jackson-databind");
        assertThatExceptionOfType(ZreMessageConversionException.class)
            .isThrownBy(() -> this.simple.toFrames(new Order("a", 1)))
            .withMessageContaining("ZreMessageConverter");
    }

    @Test
    void jacksonConvertsRecordsAndGenericTypes() {
        List<byte[]> frames = this.jackson.toFrames(new Order("o-1", 2));
        assertThat(new String(frames.get(0), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"o-1\",\"quantity\":2}");
        assertThat(this.jackson.fromFrames(frames, Order.class)).isEqualTo(new Order("o-1", 2));
        Object map = this.jackson.fromFrames(List.of(utf8("{\"a\":[1,2]}")),
                new ParameterizedTypeReference<Map<String, List<Integer>>>() {
                }.getType());
        assertThat(map).isEqualTo(Map.of("a", List.of(1, 2)));
        assertThat(this.jackson.fromFrames(List.of(utf8("plain")), String.class)).isEqualTo("plain");
    }

    @Test
    void invalidJsonFailsWithTheTargetType() {
        assertThatExceptionOfType(ZreMessageConversionException.class)
            .isThrownBy(() -> this.jackson.fromFrames(List.of(utf8("not json")), Order.class))
            .withMessageContaining(Order.class.getTypeName());
    }

}
