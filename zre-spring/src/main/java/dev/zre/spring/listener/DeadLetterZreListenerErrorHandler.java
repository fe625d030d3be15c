package dev.zre.spring.listener;

import dev.zre.ZreEvent;
import dev.zre.ZreNode;
import java.util.UUID;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * Sends the WHISPER or SHOUT a listener failed on, with its error, as a {@link ZreDeadLetter}: shouted
 * to a group or whispered to a peer. Failures on other events (ENTER, JOIN ...) and messages that
 * cannot be sent (the node stopped, the peer left) are only logged.
 */
public class DeadLetterZreListenerErrorHandler implements ZreListenerErrorHandler {

    private static final Log logger = LogFactory.getLog(DeadLetterZreListenerErrorHandler.class);

    private final ZreNode node;

    private final @Nullable String group;

    private final @Nullable UUID peer;

    private final ZreListenerErrorHandler delegate;

    /**
     * Creates a handler that shouts dead letters to a group, or whispers them to a peer.
     * @param node the node to send through
     * @param group the dead-letter group, or {@code null}
     * @param peer the dead-letter peer, or {@code null} (one of group and peer must be given)
     * @param delegate also told about every failure, e.g. to log it
     */
    public DeadLetterZreListenerErrorHandler(ZreNode node, @Nullable String group, @Nullable UUID peer,
            ZreListenerErrorHandler delegate) {
        Assert.notNull(node, "'node' must not be null");
        Assert.isTrue(group != null ^ peer != null, "Exactly one of 'group' and 'peer' must be given");
        Assert.notNull(delegate, "'delegate' must not be null");
        this.node = node;
        this.group = group;
        this.peer = peer;
        this.delegate = delegate;
    }

    @Override
    public void handleError(ZreListenerExecutionFailedException exception) {
        this.delegate.handleError(exception);
        if (!(exception.getEvent() instanceof ZreEvent.MessageEvent message)) {
            return;
        }
        Throwable cause = (exception.getCause() != null) ? exception.getCause() : exception;
        ZreDeadLetter letter = new ZreDeadLetter(exception.getListenerId(), message.type(), message.peer(),
                ZreListenerEndpoint.groupOf(message), cause.getClass().getName() + ": " + cause.getMessage(),
                message.frames());
        try {
            if (this.group != null) {
                this.node.shout(this.group, letter.toFrames());
            }
            else if (this.peer != null) {
                this.node.whisper(this.peer, letter.toFrames());
            }
        }
        catch (RuntimeException ex) {
            logger.warn("Could not send the dead letter of ZRE listener '" + exception.getListenerId() + "'", ex);
        }
    }

}
