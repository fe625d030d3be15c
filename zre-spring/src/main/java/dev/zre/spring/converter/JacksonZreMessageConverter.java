package dev.zre.spring.converter;

import java.lang.reflect.Type;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link SimpleZreMessageConverter} that reads and writes every other type as JSON (UTF-8, one
 * frame) with a Jackson 3 {@link JsonMapper}.
 */
public class JacksonZreMessageConverter extends SimpleZreMessageConverter {

    private final JsonMapper jsonMapper;

    /**
     * Creates a converter.
     * @param jsonMapper the mapper, usually the application's {@code JsonMapper} bean
     */
    public JacksonZreMessageConverter(JsonMapper jsonMapper) {
        Assert.notNull(jsonMapper, "'jsonMapper' must not be null");
        this.jsonMapper = jsonMapper;
    }

    @Override
    protected @Nullable Object readOther(List<byte[]> frames, Type targetType) {
        try {
            return this.jsonMapper.readValue(concat(frames), this.jsonMapper.constructType(targetType));
        }
        catch (JacksonException ex) {
            throw new ZreMessageConversionException(
                    "Cannot read ZRE content as JSON " + targetType.getTypeName() + ": " + ex.getOriginalMessage(), ex);
        }
    }

    @Override
    protected List<byte[]> writeOther(Object payload) {
        try {
            return List.of(this.jsonMapper.writeValueAsBytes(payload));
        }
        catch (JacksonException ex) {
            throw new ZreMessageConversionException(
                    "Cannot write " + payload.getClass().getName() + " as JSON: " + ex.getOriginalMessage(), ex);
        }
    }

}
