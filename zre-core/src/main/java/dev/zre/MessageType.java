package dev.zre;

import java.util.Locale;

/**
 * The ten ZRE v2 message types, as counted by {@link ZreStatistics}. ELECT, LEADER and GOODBYE are
 * zyre extensions that every peer must at least count.
 */
public enum MessageType {
    /** Greets a peer once connected: name, endpoint, groups, status and headers. */
    HELLO,
    /** Content for one peer. */
    WHISPER,
    /** Content for every peer in a group. */
    SHOUT,
    /** The sender joined a group. */
    JOIN,
    /** The sender left a group. */
    LEAVE,
    /** Asks a quiet peer whether it is still there. */
    PING,
    /** Answers a PING. */
    PING_OK,
    /** A candidate in a group's leader election (zyre extension). */
    ELECT,
    /** The elected leader of a group (zyre extension). */
    LEADER,
    /** The sender is about to stop (zyre extension). */
    GOODBYE;

    /** The lowercase name used in metrics tags and JSON output, e.g. {@code ping_ok}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
