package dev.zre.spring.observation;

import dev.zre.ZreEvent;
import io.micrometer.observation.transport.ReceiverContext;
import java.util.Map;

/**
 * The {@link io.micrometer.observation.Observation.Context} of one {@code @ZreListener} invocation.
 * A {@link ReceiverContext} whose carrier is the trace frame's fields (empty without one), so that a
 * tracing handler continues the sender's trace.
 */
public class ZreListenerObservationContext extends ReceiverContext<Map<String, String>> {

    private final String listenerId;

    private final ZreEvent event;

    /**
     * Creates a context.
     * @param listenerId the listener's id
     * @param event the event delivered (without its trace frame)
     * @param traceFields the fields of the event's trace frame, empty without one
     */
    public ZreListenerObservationContext(String listenerId, ZreEvent event, Map<String, String> traceFields) {
        super((carrier, key) -> carrier.get(key));
        this.listenerId = listenerId;
        this.event = event;
        setCarrier(traceFields);
        setRemoteServiceName("zre");
    }

    /** The listener's id. */
    public String getListenerId() {
        return this.listenerId;
    }

    /** The event delivered, without its trace frame. */
    public ZreEvent getEvent() {
        return this.event;
    }

}
