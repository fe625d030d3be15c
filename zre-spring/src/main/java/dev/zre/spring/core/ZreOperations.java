package dev.zre.spring.core;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Sends application objects to ZRE peers, converting them to content frames with the application's
 * {@link dev.zre.spring.converter.ZreMessageConverter} ({@code byte[]}, {@code String},
 * {@code List<byte[]>} as they are; other objects as JSON when Jackson is present).
 */
public interface ZreOperations {

    /**
     * Sends a payload to every peer in a group (SHOUT).
     * @param group the group name
     * @param payload the payload
     * @throws IllegalStateException when the node is not running
     */
    void shout(String group, Object payload);

    /**
     * Sends a payload to one peer (WHISPER). Unknown peers are ignored.
     * @param peer the peer's UUID
     * @param payload the payload
     * @throws IllegalStateException when the node is not running
     */
    void whisper(UUID peer, Object payload);

    /**
     * Sends a request to one peer and returns its reply: the payload goes out in a
     * {@link ZreEnvelope request envelope} with a new correlation id, and the peer's
     * {@code @ZreListener} return value (or a hand-written reply) comes back with the same id.
     * <p>The future fails with a {@link java.util.concurrent.TimeoutException} when no reply came
     * within the timeout (a reply arriving later is counted as late and dropped), and with a
     * {@link ZreRequestFailedException} at once when the peer is not connected, when it leaves before
     * answering, or when its listener failed.
     * @param peer the peer's UUID
     * @param payload the payload
     * @param timeout how long to wait for the reply
     * @return the raw reply
     * @throws IllegalStateException when the node is not running
     */
    CompletableFuture<ZreReply> request(UUID peer, Object payload, Duration timeout);

    /**
     * Sends a request to one peer and returns its reply converted to a type; see
     * {@link #request(UUID, Object, Duration)}.
     * @param <T> the reply type
     * @param peer the peer's UUID
     * @param payload the payload
     * @param replyType the type to convert the reply to
     * @param timeout how long to wait for the reply
     * @return the converted reply ({@code null} for a reply without payload)
     * @throws IllegalStateException when the node is not running
     */
    <T> CompletableFuture<T> request(UUID peer, Object payload, Class<T> replyType, Duration timeout);

    /**
     * Joins a group.
     * @param group the group name
     */
    void join(String group);

    /**
     * Leaves a group.
     * @param group the group name
     */
    void leave(String group);

}
