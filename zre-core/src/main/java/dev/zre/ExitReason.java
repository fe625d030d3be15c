package dev.zre;

/** Why a peer left this node's view. Also the {@code reason} tag of the {@code zre.peers.exited} meter. */
public enum ExitReason {
    /** The peer said goodbye: a beacon with port 0 or a GOODBYE message. (A stopping node reports only STOP.) */
    LEFT,
    /** The peer was silent for longer than the expired timeout. */
    EXPIRED,
    /** A protocol violation (sequence gap, unusable connection): it will be rediscovered by its next beacon. */
    DROPPED,
    /** The same UUID reappeared on another endpoint or said HELLO again; an ENTER follows. */
    REPLACED;

    /** The lowercase name used in metrics tags and JSON output. */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
