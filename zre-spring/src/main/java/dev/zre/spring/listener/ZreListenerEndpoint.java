package dev.zre.spring.listener;

import dev.zre.ZreEvent;
import dev.zre.ZreEventType;
import java.lang.reflect.Method;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * A {@link ZreListener} method with its attributes resolved (placeholders and SpEL evaluated). Also
 * the way to register a listener programmatically with {@link ZreListenerRegistry#register}.
 *
 * @param id the listener id
 * @param bean the bean that declares the method
 * @param method the method to invoke (invocable on {@code bean})
 * @param events the event types it receives
 * @param groups the groups it receives SHOUT/JOIN/LEAVE of, empty for all
 * @param errorHandler bean name of its error handler, or {@code null} for the global one
 * @param autoStartup whether it starts with the registry
 * @param concurrency how many threads run it (events partitioned by peer)
 * @param sendTo groups its return values are shouted to; empty to whisper them back to the sender
 */
public record ZreListenerEndpoint(String id, Object bean, Method method, Set<ZreEventType> events, Set<String> groups,
        @Nullable String errorHandler, boolean autoStartup, int concurrency, Set<String> sendTo) {

    public ZreListenerEndpoint {
        Assert.hasText(id, "'id' must not be empty");
        Assert.isTrue(concurrency > 0, () -> "The concurrency of ZRE listener '" + id + "' must be positive");
        events = Set.copyOf(events);
        groups = Set.copyOf(groups);
        sendTo = Set.copyOf(sendTo);
    }

    /**
     * An endpoint that starts with the registry, on one thread, and whispers its return values back.
     * @param id the listener id
     * @param bean the bean that declares the method
     * @param method the method to invoke
     * @param events the event types it receives
     * @param groups the groups it receives SHOUT/JOIN/LEAVE of, empty for all
     * @param errorHandler bean name of its error handler, or {@code null}
     */
    public ZreListenerEndpoint(String id, Object bean, Method method, Set<ZreEventType> events, Set<String> groups,
            @Nullable String errorHandler) {
        this(id, bean, method, events, groups, errorHandler, true, 1, Set.of());
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
