package dev.zre.spring.core;

import java.util.UUID;

/**
 * A request made with {@link ZreOperations#request} got no reply: the peer is not connected, it left
 * before answering, or its listener failed (it answered with an error envelope). A request that just
 * took too long fails with a {@link java.util.concurrent.TimeoutException} instead.
 */
public class ZreRequestFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final UUID peer;

    /**
     * Creates an exception.
     * @param peer the peer the request went to
     * @param message what happened
     */
    public ZreRequestFailedException(UUID peer, String message) {
        super(message);
        this.peer = peer;
    }

    /** The peer the request went to. */
    public UUID getPeer() {
        return this.peer;
    }

}
