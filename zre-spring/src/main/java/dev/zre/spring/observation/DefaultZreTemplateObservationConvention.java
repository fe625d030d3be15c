package dev.zre.spring.observation;

import dev.zre.PeerId;
import dev.zre.spring.observation.ZreObservationDocumentation.HighCardinalityTags;
import dev.zre.spring.observation.ZreObservationDocumentation.TemplateLowCardinalityTags;
import io.micrometer.common.KeyValues;
import java.util.UUID;

/**
 * The default {@link ZreTemplateObservationConvention}: name {@code zre.template.send}, contextual
 * name {@code send <group>} or {@code send whisper}; tags {@code messaging.system},
 * {@code messaging.operation}, {@code zre.event.type} ({@code shout} or {@code whisper}); span
 * attributes {@code messaging.destination.name} (the group) and {@code zre.peer.id} (the receiver of a
 * WHISPER). Extend it to add keys.
 */
public class DefaultZreTemplateObservationConvention implements ZreTemplateObservationConvention {

    /** A shared instance. */
    public static final DefaultZreTemplateObservationConvention INSTANCE = new DefaultZreTemplateObservationConvention();

    @Override
    public String getName() {
        return "zre.template.send";
    }

    @Override
    public String getContextualName(ZreTemplateObservationContext context) {
        String group = context.getGroup();
        return "send " + ((group != null) ? group : "whisper");
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(ZreTemplateObservationContext context) {
        return KeyValues.of(TemplateLowCardinalityTags.MESSAGING_SYSTEM.withValue("zre"),
                TemplateLowCardinalityTags.MESSAGING_OPERATION.withValue("send"),
                TemplateLowCardinalityTags.EVENT_TYPE.withValue(context.isShout() ? "shout" : "whisper"));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(ZreTemplateObservationContext context) {
        String group = context.getGroup();
        UUID peer = context.getPeer();
        if (group != null) {
            return KeyValues.of(HighCardinalityTags.DESTINATION.withValue(group));
        }
        return (peer != null) ? KeyValues.of(HighCardinalityTags.PEER.withValue(PeerId.of(peer).toString()))
                : KeyValues.empty();
    }

}
