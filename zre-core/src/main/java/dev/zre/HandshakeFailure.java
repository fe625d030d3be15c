package dev.zre;

import java.util.Locale;

/**
 * Why a secured link did not come up. Each occurrence is counted in {@link ZreStatistics} (on the
 * side that saw it) and logged at debug level with the endpoint; the {@link #tag()} is the
 * {@code reason} tag of the {@code zre.handshake.failures} meter.
 */
public enum HandshakeFailure {
    /** Our CURVE client's server key is not the peer's key: the peer closed the link without a word. */
    WRONG_SERVER_KEY,
    /** A CURVE key outside the allow-list: refused by ZAP (counted by the refusing node and the refused one). */
    NOT_ALLOWED,
    /** PLAIN username or password refused. */
    PLAIN_REFUSED,
    /** The two sides use different mechanisms (NULL, PLAIN, CURVE). */
    MECHANISM_MISMATCH;

    /** The lowercase name used in metrics tags and logs, e.g. {@code not_allowed}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
