package dev.zre.benchmarks;

import java.util.Locale;
import java.util.UUID;

/**
 * The soak's {@code --trace}: one stderr line per churn action, membership event (ENTER, EXIT with
 * its reason, EVASIVE, SILENT) and sequence gap, stamped with milliseconds of {@link System#nanoTime()},
 * so a finding can be followed pair by pair. UUIDs are shortened to their first 8 hex digits.
 */
final class SoakTrace {

    private static volatile boolean on;

    private SoakTrace() {
    }

    static void enable() {
        on = true;
    }

    /** {@code node} (its place and UUID) reports {@code what}. */
    static void log(int place, UUID node, String what, Object... args) {
        if (on) {
            System.err.printf(Locale.ROOT, "TRACE %d %d %s %s%n", System.nanoTime() / 1_000_000, place, shortId(node),
                    String.format(Locale.ROOT, what, args));
        }
    }

    static String shortId(UUID uuid) {
        return uuid.toString().substring(0, 8);
    }
}
