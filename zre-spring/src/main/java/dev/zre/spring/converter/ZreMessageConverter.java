package dev.zre.spring.converter;

import java.lang.reflect.Type;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Converts between the content frames of a WHISPER or SHOUT and application objects. Used by
 * {@code @ZreListener} methods for their payload argument and return value and by
 * {@link dev.zre.spring.core.ZreTemplate}.
 */
public interface ZreMessageConverter {

    /**
     * Converts content frames to an object of the target type.
     * @param frames the content frames, never empty
     * @param targetType the (possibly generic) type to produce
     * @return the converted payload
     * @throws ZreMessageConversionException when the frames cannot be converted
     */
    @Nullable Object fromFrames(List<byte[]> frames, Type targetType);

    /**
     * Converts an object to content frames.
     * @param payload the payload to send
     * @return at least one frame
     * @throws ZreMessageConversionException when the payload cannot be converted
     */
    List<byte[]> toFrames(Object payload);

}
