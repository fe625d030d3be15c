package dev.zre.spring.core;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Wraps every send of the {@link ZreTemplate}, after the payload was converted to frames, e.g. to
 * observe it or to append a frame (the observation support appends the trace frame there).
 */
@FunctionalInterface
public interface ZreSendInterceptor {

    /** Sends the frames as they are. */
    ZreSendInterceptor NONE = (group, peer, frames, send) -> send.accept(frames);

    /**
     * Sends, through {@code send}, exactly once.
     * @param group the group of a SHOUT, {@code null} for a WHISPER
     * @param peer the peer of a WHISPER, {@code null} for a SHOUT
     * @param frames the converted payload
     * @param send sends the frames given to it
     */
    void intercept(@Nullable String group, @Nullable UUID peer, List<byte[]> frames, Consumer<List<byte[]>> send);

}
