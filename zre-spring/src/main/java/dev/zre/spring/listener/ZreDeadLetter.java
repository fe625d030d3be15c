package dev.zre.spring.listener;

import dev.zre.PeerId;
import dev.zre.ZreEventType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A message a listener failed on, as {@link DeadLetterZreListenerErrorHandler} sends it: the frames
 * are, all UTF-8 text but the payload,
 *
 * <pre>
 * "$ZRE-DEAD-LETTER" | listener id | event type (SHOUT, WHISPER) | sender (32 hex digits, as zyre prints it)
 *     | group ("" for a WHISPER) | error ("ExceptionClass: message") | original payload frames...
 * </pre>
 *
 * A {@code ZreDeadLetter} parameter of a {@link ZreListener} method receives it parsed ({@code null}
 * for other messages).
 *
 * @param listenerId the id of the listener that failed
 * @param type the type of the failed event
 * @param peer the peer that sent the failed message
 * @param group its group, or {@code null} for a WHISPER
 * @param error the error, {@code ExceptionClass: message}
 * @param payload the content frames the listener failed on
 */
public record ZreDeadLetter(String listenerId, ZreEventType type, UUID peer, @Nullable String group, String error,
        List<byte[]> payload) {

    /** The first frame of a dead letter. */
    public static final String MARKER = "$ZRE-DEAD-LETTER";

    private static final int HEADER_FRAMES = 6;

    public ZreDeadLetter {
        payload = List.copyOf(payload);
    }

    /**
     * Reads a dead letter.
     * @param frames the content frames of a WHISPER or SHOUT
     * @return the dead letter, empty when the frames are not one
     */
    public static Optional<ZreDeadLetter> of(List<byte[]> frames) {
        if (frames.size() < HEADER_FRAMES || !Arrays.equals(frames.get(0), MARKER.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        try {
            String group = text(frames.get(4));
            return Optional.of(new ZreDeadLetter(text(frames.get(1)), ZreEventType.valueOf(text(frames.get(2))),
                    PeerId.parse(text(frames.get(3))).uuid(), group.isEmpty() ? null : group, text(frames.get(5)),
                    frames.subList(HEADER_FRAMES, frames.size())));
        }
        catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
    }

    /**
     * This dead letter as content frames.
     * @return the frames described above
     */
    public List<byte[]> toFrames() {
        List<byte[]> frames = new ArrayList<>(HEADER_FRAMES + this.payload.size());
        frames.add(bytes(MARKER));
        frames.add(bytes(this.listenerId));
        frames.add(bytes(this.type.name()));
        frames.add(bytes(PeerId.of(this.peer).toString()));
        frames.add(bytes((this.group != null) ? this.group : ""));
        frames.add(bytes(this.error));
        frames.addAll(this.payload);
        return frames;
    }

    /** The first payload frame as UTF-8 text, or an empty string. */
    public String text() {
        return this.payload.isEmpty() ? "" : text(this.payload.get(0));
    }

    private static String text(byte[] frame) {
        return new String(frame, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

}
