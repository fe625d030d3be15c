package dev.zre.spring.listener;

import dev.zre.ZreEvent;

/**
 * Told about every invocation of a {@link ZreListener} method, e.g. to time it. Implementations must
 * be quick and thread safe.
 */
@FunctionalInterface
public interface ZreListenerObserver {

    /** An observer that does nothing. */
    ZreListenerObserver NONE = (listenerId, event, nanos, failure) -> {
    };

    /**
     * One invocation finished.
     * @param listenerId the listener's id
     * @param event the event it handled
     * @param nanos how long it took
     * @param failure whether it threw
     */
    void invoked(String listenerId, ZreEvent event, long nanos, boolean failure);

}
