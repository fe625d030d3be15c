package dev.zre;

/** A registered {@link ZreEventListener}; close it to stop receiving events. */
public interface Subscription extends AutoCloseable {
    /** Stops delivery to the listener. Idempotent. */
    @Override
    void close();
}
