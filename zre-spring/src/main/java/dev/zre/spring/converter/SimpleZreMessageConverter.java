package dev.zre.spring.converter;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Converts the raw forms of ZRE content: {@code byte[]} (all frames concatenated), {@code String}
 * (UTF-8) and {@code List<byte[]>} (the frames as they are). Subclasses add more types by overriding
 * {@link #readOther} and {@link #writeOther}.
 */
public class SimpleZreMessageConverter implements ZreMessageConverter {

    @Override
    public @Nullable Object fromFrames(List<byte[]> frames, Type targetType) {
        if (targetType == byte[].class) {
            return concat(frames);
        }
        if (targetType == String.class || targetType == CharSequence.class) {
            return new String(concat(frames), StandardCharsets.UTF_8);
        }
        if (isFrameList(targetType)) {
            return List.copyOf(frames);
        }
        return readOther(frames, targetType);
    }

    @Override
    public List<byte[]> toFrames(Object payload) {
        if (payload instanceof byte[] bytes) {
            return List.of(bytes);
        }
        if (payload instanceof CharSequence text) {
            return List.of(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        if (payload instanceof byte[][] frames) {
            return List.of(frames);
        }
        if (payload instanceof Collection<?> collection && !collection.isEmpty()
                && collection.stream().allMatch(byte[].class::isInstance)) {
            List<byte[]> frames = new ArrayList<>(collection.size());
            collection.forEach((frame) -> frames.add((byte[]) frame));
            return frames;
        }
        return writeOther(payload);
    }

    /**
     * Converts frames to a type other than the raw forms. This implementation fails.
     * @param frames the content frames
     * @param targetType the type to produce
     * @return the payload
     */
    protected @Nullable Object readOther(List<byte[]> frames, Type targetType) {
        throw new ZreMessageConversionException("Cannot convert ZRE content to " + targetType.getTypeName()
                + "; use byte[], String or List<byte[]>, add Jackson 3 (tools.jackson.core:jackson-databind) "
                + "or define a ZreMessageConverter bean", null);
    }

    /**
     * Converts a payload other than the raw forms to frames. This implementation fails.
     * @param payload the payload
     * @return the frames
     */
    protected List<byte[]> writeOther(Object payload) {
        throw new ZreMessageConversionException("Cannot convert " + payload.getClass().getName()
                + " to ZRE content; send byte[], String or List<byte[]>, add Jackson 3 "
                + "(tools.jackson.core:jackson-databind) or define a ZreMessageConverter bean", null);
    }

    /**
     * All frames as one array.
     * @param frames the frames
     * @return their concatenation
     */
    protected static byte[] concat(List<byte[]> frames) {
        if (frames.size() == 1) {
            return frames.get(0);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frames.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static boolean isFrameList(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            Type raw = parameterized.getRawType();
            Type[] args = parameterized.getActualTypeArguments();
            return (raw == List.class || raw == Collection.class || raw == Iterable.class) && args.length == 1
                    && args[0] == byte[].class;
        }
        return false;
    }

}
