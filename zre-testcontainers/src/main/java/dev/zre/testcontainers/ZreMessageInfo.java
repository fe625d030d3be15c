package dev.zre.testcontainers;

import dev.zre.PeerId;
import org.jspecify.annotations.Nullable;

/**
 * One message that the node in a {@link ZreContainer} received, as {@code GET /api/messages} reports it.
 *
 * @param type {@code SHOUT} or {@code WHISPER}
 * @param peer the sender's id
 * @param name the sender's name
 * @param group the group of a SHOUT; {@code null} for a WHISPER
 * @param text the content as UTF-8 text
 * @param at when it arrived, as the app formats it (ISO-8601)
 */
public record ZreMessageInfo(String type, PeerId peer, String name, @Nullable String group, String text,
        @Nullable String at) {

    /** Whether this is a SHOUT. */
    public boolean isShout() {
        return "SHOUT".equalsIgnoreCase(type);
    }

    /** Whether this is a WHISPER. */
    public boolean isWhisper() {
        return "WHISPER".equalsIgnoreCase(type);
    }
}
