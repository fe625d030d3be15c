package dev.zre;

import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * The identity of a ZRE node, shown the way zyre shows it: 32 upper-case hex digits without dashes
 * ({@code 5BB6CF4D2F5D4A34A3A2F5A1D0B2C3E4}). Use it wherever an id is printed or read back, so every
 * front-end (logs, CLI, actuator, web pages) renders one id one way.
 *
 * <pre>{@code
 * PeerId id = PeerId.of(event.peer());
 * String text = id.toString();              // zyre's form
 * PeerId again = PeerId.parse(text);        // also accepts the dashed UUID form
 * node.whisper(again.uuid(), "hello");
 * }</pre>
 *
 * @param uuid the UUID behind the id
 */
public record PeerId(UUID uuid) implements Comparable<PeerId> {

    /** An id for this UUID. */
    public PeerId {
        Objects.requireNonNull(uuid, "uuid");
    }

    /** The id of a UUID. */
    public static PeerId of(UUID uuid) {
        return new PeerId(uuid);
    }

    /**
     * Reads an id in zyre's form (32 hex digits, either case) or the dashed UUID form; surrounding
     * white space is ignored.
     *
     * @throws IllegalArgumentException naming the text when it is neither form
     */
    public static PeerId parse(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.trim();
        if (s.length() == 32 && isHex(s)) {
            s = s.substring(0, 8) + "-" + s.substring(8, 12) + "-" + s.substring(12, 16) + "-" + s.substring(16, 20)
                    + "-" + s.substring(20);
        } else if (s.length() != 36 || !isHex(s.replace("-", "")) || !dashesInPlace(s)) {
            throw new IllegalArgumentException("'" + text + "' is not a peer id: expected 32 hex digits (zyre's form)"
                    + " or a UUID such as 5bb6cf4d-2f5d-4a34-a3a2-f5a1d0b2c3e4");
        }
        return new PeerId(UUID.fromString(s));
    }

    /** zyre's form: 32 upper-case hex digits, no dashes. */
    @Override
    public String toString() {
        return uuid.toString().replace("-", "").toUpperCase(Locale.ROOT);
    }

    /**
     * Orders ids as zyre compares them in elections: by their zyre form, character by character.
     */
    @Override
    public int compareTo(PeerId other) {
        return toString().compareTo(other.toString());
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean dashesInPlace(String s) {
        return s.charAt(8) == '-' && s.charAt(13) == '-' && s.charAt(18) == '-' && s.charAt(23) == '-';
    }
}
