package dev.zre.spring.listener;

import dev.zre.ZreEvent;
import dev.zre.ZreEventType;
import java.lang.reflect.Method;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ZreListener} method with its attributes resolved (placeholders and SpEL evaluated).
 *
 * @param id the listener id
 * @param bean the bean that declares the method
 * @param method the method to invoke (invocable on {@code bean})
 * @param events the event types it receives
 * @param groups the groups it receives SHOUT/JOIN/LEAVE of, empty for all
 * @param errorHandler bean name of its error handler, or {@code null} for the global one
 */
public record ZreListenerEndpoint(String id, Object bean, Method method, Set<ZreEventType> events, Set<String> groups,
        @Nullable String errorHandler) {

    public ZreListenerEndpoint {
        events = Set.copyOf(events);
        groups = Set.copyOf(groups);
    }

    /**
     * Whether this listener wants an event.
     * @param event the event
     * @return true when its type is selected and, for events with a group, the group matches
     */
    public boolean accepts(ZreEvent event) {
        if (!this.events.contains(event.type())) {
            return false;
        }
        String group = groupOf(event);
        return group == null || this.groups.isEmpty() || this.groups.contains(group);
    }

    /**
     * The group of an event.
     * @param event the event
     * @return the group of a SHOUT, JOIN, LEAVE or LEADER, else {@code null}
     */
    public static @Nullable String groupOf(ZreEvent event) {
        if (event instanceof ZreEvent.Shout shout) {
            return shout.group();
        }
        if (event instanceof ZreEvent.Join join) {
            return join.group();
        }
        if (event instanceof ZreEvent.Leave leave) {
            return leave.group();
        }
        if (event instanceof ZreEvent.Leader leader) {
            return leader.group();
        }
        return null;
    }

}
