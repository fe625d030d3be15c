package dev.zre.spring.listener;

/**
 * What a listener's hand-off queue does with a WHISPER or SHOUT when it already holds its capacity of
 * them. Membership events (ENTER, EXIT, JOIN, LEAVE, EVASIVE, SILENT, STOP) are always queued.
 */
public enum OverflowPolicy {

    /** Discard the arriving message and count it (the default: the protocol never waits). */
    DROP_NEWEST,

    /** Discard the oldest queued message to make room and count it (latest data wins). */
    DROP_OLDEST,

    /**
     * Wait for room. This holds the node's event thread, so other listeners wait as well and the
     * node drops (and counts) messages at its own queue instead.
     */
    BLOCK

}
