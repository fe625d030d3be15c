package dev.zre.sample.live;

import dev.zre.PeerId;
import dev.zre.ZreEvent;
import dev.zre.sample.presence.PresenceListener;
import dev.zre.spring.core.ZreEnvelope;
import java.time.Instant;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns the ZRE events the starter publishes as Spring application events into live events for the
 * page, and keeps the chat history. Plain {@code @EventListener} methods: one per event type.
 */
@Component
class ZreEventRelay {

    private final LiveEventStream stream;

    private final ChatHistory history;

    ZreEventRelay(LiveEventStream stream, ChatHistory history) {
        this.stream = stream;
        this.history = history;
    }

    @EventListener
    void onEnter(ZreEvent.Enter event) {
        this.stream.publish(new LiveEvent("ENTER", PeerId.of(event.peer()).toString(), event.peerName(), null, null,
                Instant.now(), event.address(), null, event.headers()));
    }

    @EventListener
    void onExit(ZreEvent.Exit event) {
        this.stream.publish(new LiveEvent("EXIT", PeerId.of(event.peer()).toString(), event.peerName(), null, null,
                Instant.now(), null, event.reason().name(), null));
    }

    @EventListener
    void onJoin(ZreEvent.Join event) {
        this.stream.publish(LiveEvent.of("JOIN", PeerId.of(event.peer()).toString(), event.peerName(), event.group(), null));
    }

    @EventListener
    void onLeave(ZreEvent.Leave event) {
        this.stream.publish(LiveEvent.of("LEAVE", PeerId.of(event.peer()).toString(), event.peerName(), event.group(), null));
    }

    @EventListener
    void onEvasive(ZreEvent.Evasive event) {
        this.stream.publish(LiveEvent.of("EVASIVE", PeerId.of(event.peer()).toString(), event.peerName(), null, null));
    }

    @EventListener
    void onSilent(ZreEvent.Silent event) {
        this.stream.publish(LiveEvent.of("SILENT", PeerId.of(event.peer()).toString(), event.peerName(), null, null));
    }

    @EventListener
    void onLeader(ZreEvent.Leader event) {
        this.stream.publish(LiveEvent.of("LEADER", PeerId.of(event.leader()).toString(), event.leaderName(), event.group(),
                null));
    }

    @EventListener
    void onStop(ZreEvent.Stop event) {
        this.stream.publish(LiveEvent.of("STOP", null, null, null, null));
    }

    @EventListener
    void onShout(ZreEvent.Shout event) {
        if (PresenceListener.GROUP.equals(event.group())) {
            return; // typed presence records, handled by the @ZreListener
        }
        ChatMessage message = new ChatMessage(ChatMessage.SHOUT, PeerId.of(event.peer()).toString(), event.peerName(),
                event.group(), event.text(), Instant.now(), TraceIds.of(event));
        this.history.received(message);
        this.stream.publish(LiveEvent.of(ChatMessage.SHOUT, message));
    }

    @EventListener
    void onWhisper(ZreEvent.Whisper event) {
        if (ZreEnvelope.of(event.frames()).isPresent()) {
            return; // a request or reply of ZreOperations.request: the ping, not chat
        }
        ChatMessage message = new ChatMessage(ChatMessage.WHISPER, PeerId.of(event.peer()).toString(), event.peerName(), null,
                event.text(), Instant.now(), TraceIds.of(event));
        this.history.received(message);
        this.stream.publish(LiveEvent.of(ChatMessage.WHISPER, message));
    }

}
