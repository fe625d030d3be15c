package dev.zre.spring.observation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The opt-in trace frame: the trace context (e.g. W3C {@code traceparent}, {@code tracestate}, or
 * {@code b3}) as one extra frame <em>appended after</em> the payload frames of a WHISPER or SHOUT.
 *
 * <p>Format (UTF-8): the line {@value #MARKER_LINE}, then one {@code name=value} line per propagation
 * field, each ending with {@code \n}:
 * <pre>
 * ZRE-TRACE/1
 * traceparent=00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01
 * </pre>
 * A receiver that knows the convention removes the last frame when it starts with that line. Other
 * implementations (zyre, Pyre, zyre.js) see one more frame; reading only the first frames, as most
 * applications do, is unaffected.
 */
public final class ZreTraceFrame {

    /** The first line of a trace frame, without its newline. */
    public static final String MARKER_LINE = "ZRE-TRACE/1";

    private static final byte[] MARKER = (MARKER_LINE + "\n").getBytes(StandardCharsets.US_ASCII);

    /** The longest frame taken for a trace frame; anything longer is payload. */
    private static final int MAX_LENGTH = 8192;

    private ZreTraceFrame() {
    }

    /**
     * Encodes propagation fields as a trace frame.
     * @param fields the fields, by name (names must not contain {@code =} or a newline)
     * @return the frame
     */
    public static byte[] encode(Map<String, String> fields) {
        StringBuilder text = new StringBuilder(MARKER_LINE).append('\n');
        fields.forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Whether a frame is a trace frame.
     * @param frame the frame
     * @return whether it starts with the marker line
     */
    public static boolean isTraceFrame(byte[] frame) {
        return frame.length >= MARKER.length && frame.length <= MAX_LENGTH
                && Arrays.equals(frame, 0, MARKER.length, MARKER, 0, MARKER.length);
    }

    /**
     * Decodes a trace frame; lines without {@code =} are skipped.
     * @param frame a frame for which {@link #isTraceFrame} holds
     * @return the fields, by name
     */
    public static Map<String, String> decode(byte[] frame) {
        String text = new String(frame, MARKER.length, frame.length - MARKER.length, StandardCharsets.UTF_8);
        Map<String, String> fields = new LinkedHashMap<>();
        text.lines().forEach((line) -> {
            int eq = line.indexOf('=');
            if (eq > 0) {
                fields.put(line.substring(0, eq), line.substring(eq + 1));
            }
        });
        return fields;
    }

    /**
     * Splits the trace frame off a message.
     * @param frames the frames of a WHISPER or SHOUT
     * @return the payload frames and the trace fields ({@code null} without a trace frame)
     */
    public static Split split(List<byte[]> frames) {
        if (frames.isEmpty() || !isTraceFrame(frames.get(frames.size() - 1))) {
            return new Split(frames, null);
        }
        List<byte[]> payload = List.copyOf(frames.subList(0, frames.size() - 1));
        return new Split(payload, decode(frames.get(frames.size() - 1)));
    }

    /**
     * Appends a trace frame to payload frames.
     * @param frames the payload frames
     * @param fields the trace fields
     * @return the frames followed by the trace frame
     */
    public static List<byte[]> append(List<byte[]> frames, Map<String, String> fields) {
        List<byte[]> all = new ArrayList<>(frames.size() + 1);
        all.addAll(frames);
        all.add(encode(fields));
        return Collections.unmodifiableList(all);
    }

    /**
     * A message split into its payload and its trace fields.
     * @param payload the payload frames
     * @param fields the trace fields, {@code null} when there was no trace frame
     */
    public record Split(List<byte[]> payload, @Nullable Map<String, String> fields) {
    }

}
