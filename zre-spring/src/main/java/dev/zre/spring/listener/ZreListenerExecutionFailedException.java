package dev.zre.spring.listener;

import dev.zre.ZreEvent;

/**
 * A {@link ZreListener} method failed on an event.
 */
public class ZreListenerExecutionFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String listenerId;

    private final transient ZreEvent event;

    /**
     * Creates an exception.
     * @param listenerId the listener's id
     * @param event the event it failed on
     * @param cause what it threw
     */
    public ZreListenerExecutionFailedException(String listenerId, ZreEvent event, Throwable cause) {
        super("ZRE listener '" + listenerId + "' failed on " + event.type() + ": " + cause, cause);
        this.listenerId = listenerId;
        this.event = event;
    }

    /** The id of the listener that failed. */
    public String getListenerId() {
        return this.listenerId;
    }

    /** The event it failed on. */
    public ZreEvent getEvent() {
        return this.event;
    }

}
