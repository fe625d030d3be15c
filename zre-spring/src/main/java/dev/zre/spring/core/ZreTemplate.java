package dev.zre.spring.core;

import dev.zre.ZreNode;
import dev.zre.spring.converter.ZreMessageConverter;
import java.util.UUID;
import org.springframework.util.Assert;

/**
 * The default {@link ZreOperations}: converts payloads and hands them to a {@link ZreNode}.
 */
public class ZreTemplate implements ZreOperations {

    private final ZreNode node;

    private final ZreMessageConverter converter;

    private volatile ZreSendInterceptor interceptor = ZreSendInterceptor.NONE;

    /**
     * Creates a template.
     * @param node the node to send through
     * @param converter the converter for payloads
     */
    public ZreTemplate(ZreNode node, ZreMessageConverter converter) {
        Assert.notNull(node, "'node' must not be null");
        Assert.notNull(converter, "'converter' must not be null");
        this.node = node;
        this.converter = converter;
    }

    @Override
    public void shout(String group, Object payload) {
        Assert.hasText(group, "'group' must not be empty");
        Assert.notNull(payload, "'payload' must not be null");
        this.interceptor.intercept(group, null, this.converter.toFrames(payload), (f) -> this.node.shout(group, f));
    }

    @Override
    public void whisper(UUID peer, Object payload) {
        Assert.notNull(peer, "'peer' must not be null");
        Assert.notNull(payload, "'payload' must not be null");
        this.interceptor.intercept(null, peer, this.converter.toFrames(payload), (f) -> this.node.whisper(peer, f));
    }

    @Override
    public void join(String group) {
        this.node.join(group);
    }

    @Override
    public void leave(String group) {
        this.node.leave(group);
    }

    /**
     * Sets what wraps every send (e.g. the observation support); {@link ZreSendInterceptor#NONE} by default.
     * @param interceptor the interceptor
     */
    public void setInterceptor(ZreSendInterceptor interceptor) {
        Assert.notNull(interceptor, "'interceptor' must not be null");
        this.interceptor = interceptor;
    }

    /** The node this template sends through. */
    public ZreNode getNode() {
        return this.node;
    }

}
