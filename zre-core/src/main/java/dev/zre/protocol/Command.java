package dev.zre.protocol;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The ZRE v2 command ids, 1..10 (8..10 are zyre extensions every peer must at least count). */
public enum Command {
    HELLO(1), WHISPER(2), SHOUT(3), JOIN(4), LEAVE(5), PING(6), PING_OK(7), ELECT(8), LEADER(9), GOODBYE(10);

    private static final Command[] BY_ID = new Command[11];

    static {
        for (Command c : values()) {
            BY_ID[c.id] = c;
        }
    }

    private final int id;

    Command(int id) {
        this.id = id;
    }

    /** The id byte on the wire. */
    public int id() {
        return id;
    }

    /** The command with this id, or {@code null} when the id is not a ZRE command. */
    public static @Nullable Command byId(int id) {
        return id > 0 && id < BY_ID.length ? BY_ID[id] : null;
    }

    /** The lowercase name used as a metrics tag, e.g. {@code ping_ok}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
