package dev.zre.spring.observation;

import dev.zre.PeerId;
import dev.zre.ZreEvent;
import dev.zre.spring.listener.ZreListenerEndpoint;
import dev.zre.spring.observation.ZreObservationDocumentation.HighCardinalityTags;
import dev.zre.spring.observation.ZreObservationDocumentation.ListenerLowCardinalityTags;
import io.micrometer.common.KeyValues;
import java.util.Locale;

/**
 * The default {@link ZreListenerObservationConvention}: name {@code zre.listener.process}, contextual
 * name {@code process <group>} (or {@code process <event type>} without a group); tags
 * {@code messaging.system}, {@code messaging.operation}, {@code zre.listener.id},
 * {@code zre.event.type}; span attributes {@code messaging.destination.name} and {@code zre.peer.id}.
 * Extend it to add keys.
 */
public class DefaultZreListenerObservationConvention implements ZreListenerObservationConvention {

    /** A shared instance. */
    public static final DefaultZreListenerObservationConvention INSTANCE = new DefaultZreListenerObservationConvention();

    @Override
    public String getName() {
        return "zre.listener.process";
    }

    @Override
    public String getContextualName(ZreListenerObservationContext context) {
        String group = ZreListenerEndpoint.groupOf(context.getEvent());
        return "process " + ((group != null) ? group : typeOf(context.getEvent()));
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(ZreListenerObservationContext context) {
        return KeyValues.of(ListenerLowCardinalityTags.MESSAGING_SYSTEM.withValue("zre"),
                ListenerLowCardinalityTags.MESSAGING_OPERATION.withValue("process"),
                ListenerLowCardinalityTags.LISTENER_ID.withValue(context.getListenerId()),
                ListenerLowCardinalityTags.EVENT_TYPE.withValue(typeOf(context.getEvent())));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(ZreListenerObservationContext context) {
        KeyValues values = KeyValues.empty();
        String group = ZreListenerEndpoint.groupOf(context.getEvent());
        if (group != null) {
            values = values.and(HighCardinalityTags.DESTINATION.withValue(group));
        }
        if (context.getEvent() instanceof ZreEvent.PeerEvent peerEvent) {
            values = values.and(HighCardinalityTags.PEER.withValue(PeerId.of(peerEvent.peer()).toString()));
        }
        return values;
    }

    private static String typeOf(ZreEvent event) {
        return event.type().name().toLowerCase(Locale.ROOT);
    }

}
