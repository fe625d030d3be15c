package dev.zre.protocol;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.UUID;

/** UUID conversions used on the wire: 16 raw bytes, and zyre's 32 upper-case hex digits. */
public final class Uuids {

    private Uuids() {
    }

    /** The 16 raw bytes, most significant first. */
    public static byte[] toBytes(UUID uuid) {
        return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array();
    }

    /** The UUID in 16 bytes starting at {@code offset}. */
    public static UUID fromBytes(byte[] data, int offset) {
        ByteBuffer buf = ByteBuffer.wrap(data, offset, 16);
        return new UUID(buf.getLong(), buf.getLong());
    }

    /** zyre's text form: 32 upper-case hex digits, no dashes. */
    public static String toHex(UUID uuid) {
        return uuid.toString().replace("-", "").toUpperCase(Locale.ROOT);
    }

    /**
     * Parses either zyre's 32 hex digits or the canonical dashed form.
     *
     * @throws IllegalArgumentException when it is neither
     */
    public static UUID parse(String text) {
        String s = text.trim();
        if (s.length() == 32 && s.indexOf('-') < 0) {
            s = s.substring(0, 8) + "-" + s.substring(8, 12) + "-" + s.substring(12, 16) + "-" + s.substring(16, 20)
                    + "-" + s.substring(20);
        }
        return UUID.fromString(s);
    }

    /** The DEALER identity a node presents to peers: {@code 0x01} followed by its UUID. */
    public static byte[] dealerIdentity(UUID uuid) {
        byte[] id = new byte[17];
        id[0] = 1;
        System.arraycopy(toBytes(uuid), 0, id, 1, 16);
        return id;
    }
}
