package dev.zre.spring.listener;

import dev.zre.ZreEvent;

/**
 * Wraps every invocation of a {@link ZreListener} method, e.g. to observe it or to adjust the event
 * first (the observation support strips the trace frame there). Set on the {@link ZreListenerRegistry}.
 */
@FunctionalInterface
public interface ZreListenerInterceptor {

    /** Invokes the listener with the event as it is. */
    ZreListenerInterceptor NONE = (listenerId, event, invocation) -> invocation.proceed(event);

    /**
     * Invokes the listener, through {@code invocation}, exactly once.
     * @param listenerId the listener's id
     * @param event the event as the node reported it
     * @param invocation invokes the listener with the event to pass on
     * @throws Throwable whatever the invocation threw
     */
    void intercept(String listenerId, ZreEvent event, Invocation invocation) throws Throwable;

    /** The listener's invocation. */
    @FunctionalInterface
    interface Invocation {

        /**
         * Resolves the arguments from the event and invokes the method.
         * @param event the event to deliver
         * @throws Throwable whatever the method, the conversion or the reply threw
         */
        void proceed(ZreEvent event) throws Throwable;

    }

}
