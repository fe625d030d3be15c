package dev.zre;

import java.util.Locale;

/**
 * Why a datagram or message from the network was rejected (or, for the lenient cases, accepted
 * with a repair). Every occurrence is counted in {@link ZreStatistics}; the {@link #tag()} is the
 * {@code reason} tag of the {@code zre.protocol.errors} meter.
 */
public enum ProtocolError {
    /** A beacon that is not 22 bytes of {@code ZRE}, version 1, UUID, port. */
    BEACON_MALFORMED,
    /** A beacon with a protocol version other than 1. */
    BEACON_VERSION,
    /** A beacon from outside the chosen interface's network. */
    BEACON_FOREIGN,
    /** A ROUTER message whose identity frame is not {@code 0x01} + 16-byte UUID. */
    BAD_IDENTITY,
    /** A message with no frame after the identity, or an empty first frame. */
    EMPTY,
    /** The first two bytes are not the ZRE signature {@code AA A1}. */
    BAD_SIGNATURE,
    /** A command id outside 1..10. */
    UNKNOWN_COMMAND,
    /** A ZRE version other than 2. */
    BAD_VERSION,
    /** A field or length runs past the end of the frame. */
    TRUNCATED,
    /** A count (strings, dictionary entries) larger than the bytes present could hold. */
    OVERSIZED_COUNT,
    /** Bytes left over after the last field. */
    TRAILING_BYTES,
    /** A WHISPER or SHOUT without content frames. */
    MISSING_CONTENT,
    /** Extra frames after a command that takes none. */
    UNEXPECTED_FRAMES,
    /** A HELLO whose endpoint is not {@code tcp://host:port}, or that could not be connected to. */
    BAD_ENDPOINT,
    /** A command from a UUID that has not said HELLO (ignored, as zyre does). */
    NO_HELLO,
    /** A sequence number that does not follow the previous one: the peer is dropped. */
    SEQUENCE_GAP,
    /** A JOIN/LEAVE status that does not follow the peer's previous status (accepted, adopted). */
    STATUS_MISMATCH,
    /** A string that is not valid UTF-8 (accepted with replacement characters). */
    INVALID_UTF8,
    /** A peer's outgoing queue was full: messages to it were lost (connection rebuilt). */
    SEND_OVERFLOW,
    /** An ELECT or LEADER whose node id is not 32 hex digits (ignored). */
    BAD_ELECTION_ID;

    /** The lowercase, dotted-free name used in metrics tags and logs, e.g. {@code sequence_gap}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
