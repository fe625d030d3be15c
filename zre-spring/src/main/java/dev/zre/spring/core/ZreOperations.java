package dev.zre.spring.core;

import java.util.UUID;

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
