package dev.zre.spring.observation;

import io.micrometer.observation.transport.SenderContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The {@link io.micrometer.observation.Observation.Context} of one {@code ZreTemplate} send (SHOUT or
 * WHISPER). A {@link SenderContext} whose carrier collects the propagation fields a tracing handler
 * injects; with the trace frame on, they travel as the message's last frame.
 */
public class ZreTemplateObservationContext extends SenderContext<Map<String, String>> {

    private final @Nullable String group;

    private final @Nullable UUID peer;

    private final List<byte[]> frames;

    /**
     * Creates a context.
     * @param group the group of a SHOUT, {@code null} for a WHISPER
     * @param peer the peer of a WHISPER, {@code null} for a SHOUT
     * @param frames the payload frames
     */
    public ZreTemplateObservationContext(@Nullable String group, @Nullable UUID peer, List<byte[]> frames) {
        super((carrier, key, value) -> {
            if (carrier != null) {
                carrier.put(key, value);
            }
        });
        this.group = group;
        this.peer = peer;
        this.frames = frames;
        setCarrier(new LinkedHashMap<>());
        setRemoteServiceName("zre");
    }

    /** The group of a SHOUT, {@code null} for a WHISPER. */
    public @Nullable String getGroup() {
        return this.group;
    }

    /** The peer of a WHISPER, {@code null} for a SHOUT. */
    public @Nullable UUID getPeer() {
        return this.peer;
    }

    /** Whether this is a SHOUT (else a WHISPER). */
    public boolean isShout() {
        return this.group != null;
    }

    /** The payload frames, without a trace frame. */
    public List<byte[]> getFrames() {
        return this.frames;
    }

}
