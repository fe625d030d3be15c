package dev.zre.benchmarks;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The soak's message content: who sent it, when, and for each receiver it is meant for the
 * per-pair sequence number. A WHISPER lists its one receiver; a SHOUT lists every member the sender
 * saw in the group when it sent, so each receiver can check its own sequence end to end.
 *
 * @param sentAt {@link System#nanoTime()} of the sender (one JVM, one clock)
 */
record SoakMessage(UUID from, long sentAt, List<Entry> entries) {

    /** One receiver and the sequence number of this message on the pair (from, receiver). */
    record Entry(UUID to, long seq) {
    }

    byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(16 + 8 + 4 + entries.size() * 24);
        b.putLong(from.getMostSignificantBits()).putLong(from.getLeastSignificantBits()).putLong(sentAt);
        b.putInt(entries.size());
        for (Entry e : entries) {
            b.putLong(e.to().getMostSignificantBits()).putLong(e.to().getLeastSignificantBits()).putLong(e.seq());
        }
        return b.array();
    }

    static SoakMessage decode(byte[] frame) {
        ByteBuffer b = ByteBuffer.wrap(frame);
        UUID from = new UUID(b.getLong(), b.getLong());
        long sentAt = b.getLong();
        int n = b.getInt();
        List<Entry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            entries.add(new Entry(new UUID(b.getLong(), b.getLong()), b.getLong()));
        }
        return new SoakMessage(from, sentAt, entries);
    }

    /** The sequence number meant for {@code receiver}, or -1 when the message does not list it. */
    long seqFor(UUID receiver) {
        for (Entry e : entries) {
            if (e.to().equals(receiver)) {
                return e.seq();
            }
        }
        return -1;
    }
}
