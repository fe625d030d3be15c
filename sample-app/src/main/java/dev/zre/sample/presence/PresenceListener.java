package dev.zre.sample.presence;

import dev.zre.PeerId;
import dev.zre.ZreEvent;
import dev.zre.ZreEventType;
import dev.zre.sample.live.LiveEvent;
import dev.zre.sample.live.LiveEventStream;
import dev.zre.spring.core.ZreOperations;
import dev.zre.spring.listener.ZreListener;
import dev.zre.spring.listener.ZrePeer;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The {@code @ZreListener} examples, next to the plain {@code @EventListener} ones they cooperate
 * with:
 * <ul>
 * <li>statuses travel as typed JSON records ({@link Presence}) on the group {@value #GROUP}, which
 * the node joins because a listener names it;</li>
 * <li>request/reply: {@link #ping} sends {@code ping} with {@code ZreOperations.request}; the peer's
 * listener answers by returning {@code pong}, which the starter sends back as the reply; the sender
 * measures the round trip.</li>
 * </ul>
 */
@Component
public class PresenceListener {

    /** The group presence records are shouted to. */
    public static final String GROUP = "presence";

    /** The whisper that asks for a {@link #PONG}. */
    public static final String PING = "ping";

    /** The answer to a {@link #PING}. */
    public static final String PONG = "pong";

    /** How long a ping waits for its pong. */
    public static final Duration PING_TIMEOUT = Duration.ofSeconds(5);

    private final ZreOperations zre;

    private final PresenceBook book;

    private final LiveEventStream stream;

    PresenceListener(ZreOperations zre, PresenceBook book, LiveEventStream stream) {
        this.zre = zre;
        this.book = book;
        this.stream = stream;
    }

    /** A typed payload: the JSON content of a SHOUT to {@value #GROUP}, converted by the starter. */
    @ZreListener(groups = GROUP)
    void onPresence(Presence presence, ZrePeer from) {
        this.book.peer(from.uuid(), presence.status());
        this.stream.publish(LiveEvent.of("PRESENCE", PeerId.of(from.uuid()).toString(), from.name(), GROUP, presence.status()));
    }

    /**
     * Reply by return value: a non-null result is whispered back to the peer the whisper came from; for a
     * request ({@link ZreOperations#request}) it is the reply the requester's future completes with.
     */
    @ZreListener(events = ZreEventType.WHISPER)
    @Nullable String onWhisper(String text) {
        return PING.equals(text) ? PONG : null;
    }

    /**
     * Request/reply: sends {@value #PING} to a peer and completes with the round trip when its listener
     * answered {@value #PONG}; the live event log shows the result either way.
     * @param peer the peer
     * @return the round trip; fails with a {@link java.util.concurrent.TimeoutException} after
     * {@link #PING_TIMEOUT}, or at once when the peer leaves
     */
    public CompletableFuture<Duration> ping(UUID peer) {
        long sentAt = System.nanoTime();
        String name = PeerId.of(peer).toString();
        return this.zre.request(peer, PING, String.class, PING_TIMEOUT).handle((reply, failure) -> {
            if (failure != null) {
                Throwable cause = (failure.getCause() != null) ? failure.getCause() : failure;
                this.stream.publish(LiveEvent.of("PONG", name, null, null, "no answer: " + cause.getClass().getSimpleName()));
                throw new CompletionException(cause);
            }
            Duration roundTrip = Duration.ofNanos(System.nanoTime() - sentAt);
            this.stream.publish(LiveEvent.of("PONG", name, null, null, reply + " in " + formatMillis(roundTrip)));
            return roundTrip;
        });
    }

    /** Sets this node's status and tells every peer in {@value #GROUP}. */
    public void announce(String status) {
        this.book.own(status);
        this.zre.shout(GROUP, new Presence(status));
    }

    /** A newcomer in {@value #GROUP} has not heard this node's status yet: tell the group again. */
    @EventListener(condition = "#event.group() == '" + GROUP + "'")
    void onJoin(ZreEvent.Join event) {
        this.zre.shout(GROUP, new Presence(this.book.own()));
    }

    @EventListener
    void onExit(ZreEvent.Exit event) {
        this.book.forget(event.peer());
    }

    private static String formatMillis(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f ms", duration.toNanos() / 1_000_000.0);
    }

}
