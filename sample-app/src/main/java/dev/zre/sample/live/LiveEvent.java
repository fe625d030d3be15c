package dev.zre.sample.live;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One event as the page receives it on {@code GET /api/events}: the shape of a {@link ChatMessage}
 * plus what the type needs ({@code address} and {@code headers} of an ENTER, {@code reason} of an EXIT).
 *
 * <p>Types: {@code ENTER}, {@code EXIT}, {@code JOIN}, {@code LEAVE}, {@code EVASIVE}, {@code SILENT},
 * {@code SHOUT}, {@code WHISPER} (from peers), {@code SHOUT_SENT}, {@code WHISPER_SENT},
 * {@code SELF_JOIN}, {@code SELF_LEAVE} (by this node), {@code PRESENCE}, {@code PONG} (from the
 * {@code @ZreListener} examples), {@code LEADER} (a completed election: {@code peer} and {@code name} are the
 * leader's), {@code LEADER_TICK} (a run of the leader-only task) and {@code STOP}.
 *
 * @param type what happened
 * @param peer the peer's UUID as 32 upper-case hex digits, if a peer is concerned
 * @param name the peer's name
 * @param group the group, for JOIN, LEAVE and SHOUT
 * @param text the message text, presence status or ping result
 * @param at when this node saw it
 * @param address a peer's mailbox endpoint (ENTER)
 * @param reason why a peer left (EXIT)
 * @param headers a peer's headers (ENTER)
 * @param traceId the trace id a SHOUT or WHISPER carried (see {@link ChatMessage#traceId()})
 */
public record LiveEvent(String type, @Nullable String peer, @Nullable String name, @Nullable String group,
        @Nullable String text, Instant at, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String address,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String reason,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Map<String, String> headers,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String traceId) {

    /** An event without a trace id. */
    public LiveEvent(String type, @Nullable String peer, @Nullable String name, @Nullable String group,
            @Nullable String text, Instant at, @Nullable String address, @Nullable String reason,
            @Nullable Map<String, String> headers) {
        this(type, peer, name, group, text, at, address, reason, headers, null);
    }

    /** An event without the ENTER/EXIT extras. */
    public static LiveEvent of(String type, @Nullable String peer, @Nullable String name, @Nullable String group,
            @Nullable String text) {
        return new LiveEvent(type, peer, name, group, text, Instant.now(), null, null, null);
    }

    /** A chat message as a live event. */
    public static LiveEvent of(String type, ChatMessage message) {
        return new LiveEvent(type, message.peer(), message.name(), message.group(), message.text(), message.at(), null,
                null, null, message.traceId());
    }

}
