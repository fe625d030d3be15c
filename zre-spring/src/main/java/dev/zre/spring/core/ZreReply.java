package dev.zre.spring.core;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * The raw answer to a request: who answered and the payload frames, before conversion.
 *
 * @param peer the peer that answered
 * @param frames the payload frames (the envelope removed); may be empty
 */
public record ZreReply(UUID peer, List<byte[]> frames) {

    public ZreReply {
        frames = List.copyOf(frames);
    }

    /** The first frame as UTF-8 text, or an empty string when there is none. */
    public String text() {
        return this.frames.isEmpty() ? "" : new String(this.frames.get(0), StandardCharsets.UTF_8);
    }

}
