package dev.zre.spring.listener;

/**
 * Handles an exception thrown by a {@link ZreListener} method (or by the conversion of its
 * arguments or reply). Delivery of later events goes on whatever the handler does; an exception
 * thrown by the handler itself is logged.
 */
@FunctionalInterface
public interface ZreListenerErrorHandler {

    /**
     * Handles a failure.
     * @param exception the failure with the listener id and the event
     */
    void handleError(ZreListenerExecutionFailedException exception);

}
