package dev.zre.spring.listener;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The default {@link ZreListenerErrorHandler}: logs the failure at ERROR level.
 */
public class LoggingZreListenerErrorHandler implements ZreListenerErrorHandler {

    private static final Log logger = LogFactory.getLog(LoggingZreListenerErrorHandler.class);

    @Override
    public void handleError(ZreListenerExecutionFailedException exception) {
        logger.error(exception.getMessage(), exception.getCause());
    }

}
