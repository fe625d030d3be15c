package dev.zre.sample.live;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A chat message, as {@code GET /api/messages} (received) and {@code GET /api/sent} (sent) list it.
 *
 * @param type {@code SHOUT} or {@code WHISPER}
 * @param peer the sender (received) or the whisper's target (sent), as 32 upper-case hex digits;
 *        {@code null} for a sent SHOUT
 * @param name that peer's name
 * @param group the group of a SHOUT, {@code null} for a WHISPER
 * @param text the first content frame as UTF-8
 * @param at when it was received or sent
 * @param traceId the trace id the message carried in its trace frame (sender traced, with
 *        {@code zre.trace-frame.enabled}), else {@code null} and left out of the JSON
 */
public record ChatMessage(String type, @Nullable String peer, @Nullable String name, @Nullable String group,
        String text, Instant at, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String traceId) {

    /** A message without a trace id. */
    public ChatMessage(String type, @Nullable String peer, @Nullable String name, @Nullable String group, String text,
            Instant at) {
        this(type, peer, name, group, text, at, null);
    }

    /** Type of a message sent to a group. */
    public static final String SHOUT = "SHOUT";

    /** Type of a message sent to one peer. */
    public static final String WHISPER = "WHISPER";

}
